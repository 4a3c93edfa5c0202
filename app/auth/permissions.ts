/**
 * Who may do what, typed once and used by loaders, actions and the UI alike.
 * The server checks every loader and action with `requirePermission`; the UI only hides what would be refused.
 */

export const ROLES = ["trainee", "trainer", "supervisor"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export type Permission =
  /** Read courseware and record one's own reading progress. */
  | "learn:courseware"
  /** Play role-play scenarios and see one's own attempts and reports. */
  | "practice:scenarios"
  /** Take module quizzes and the final exam, and see one's own results and certification path. */
  | "take:quizzes"
  /** See the progress of trainees in the teams one trains (supervisors: every team). */
  | "view:team-progress"
  /** Assign modules, quizzes and scenarios to trainees of one's teams, remind, cancel. */
  | "assign:work"
  /** Read the role-play attempts of one's teams' trainees, comment on turns and adjust scores with a reason. */
  | "review:attempts"
  /** Let a trainee of one's teams start one more assessment of a scenario than the attempt limit allows. */
  | "grant:assessment-attempts"
  /** Write, publish, roll back and retire the organisation's own quiz questions (the built-in banks are only copied). */
  | "author:quizzes"
  /**
   * Write the organisation's own scenarios (copies of the built-in ones, imports, new ones), try their drafts, and
   * publish them to the teams one trains; ask a supervisor to publish for everyone.
   */
  | "author:scenarios"
  /** Publish an authored scenario for every team. */
  | "publish:scenarios-everyone"
  /** Retire an authored scenario (it leaves the practice lists; its history stays). */
  | "retire:scenarios"
  /** The organisation-wide dashboard and its CSV export. */
  | "view:dashboard"
  /** Create accounts, set roles and teams, reset passwords, deactivate accounts, manage teams. */
  | "manage:users"
  /** Change one's own password. */
  | "change:own-password";

const GRANTS: Record<Role, readonly Permission[]> = {
  trainee: ["learn:courseware", "practice:scenarios", "take:quizzes", "change:own-password"],
  trainer: [
    "learn:courseware",
    "practice:scenarios",
    "take:quizzes",
    "view:team-progress",
    "assign:work",
    "review:attempts",
    "grant:assessment-attempts",
    "author:quizzes",
    "author:scenarios",
    "change:own-password",
  ],
  supervisor: [
    "learn:courseware",
    "practice:scenarios",
    "take:quizzes",
    "view:team-progress",
    "assign:work",
    "review:attempts",
    "author:quizzes",
    "author:scenarios",
    "publish:scenarios-everyone",
    "retire:scenarios",
    "view:dashboard",
    "manage:users",
    "change:own-password",
  ],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
