// Reading progress, in one model: a trainee's per module, the modules with their status, and a team's at a glance.
import type { ModuleProgress } from "~/store/schema";
import { issueCertificateIfEligible } from "./certificates.server";
import { recordsStore } from "./records-store.server";
import type { Lang } from "~/i18n/lang";
import { sortedByName } from "~/utils/collate";
import { getCourseware, type CoursewareModule } from "~/courseware/courseware.server";
import { listTeams } from "./teams.server";
import { listUsers } from "./users.server";
import { teamViewsStore } from "./team-views-store.server";
import { moduleStatus, unreadSections } from "~/courseware/progress";

/** A trainee's reading progress per module slug. */
export async function getProgress(userId: string): Promise<Record<string, ModuleProgress>> {
  return recordsStore().progress(userId);
}

/** Records that a section was read and that it is where the trainee is now. Reading again is harmless. */
export async function markSectionRead(userId: string, slug: string, sectionId: string, now = new Date()): Promise<ModuleProgress> {
  return recordsStore().markSectionRead(userId, slug, sectionId, now.toISOString());
}

export type CompleteModuleResult = { ok: true; progress: ModuleProgress } | { ok: false; unread: string[] };

/** Completes a module once every one of its sections has been read; completing twice keeps the first date. */
export async function completeModule(userId: string, slug: string, sections: ReadonlyArray<{ id: string }>, now = new Date()): Promise<CompleteModuleResult> {
  let unread: string[] = [];
  // Decided by the store on the progress as it is at that moment, in the same step as the completion.
  const { completed, entry } = await recordsStore().complete(userId, slug, now.toISOString(), (stored) => {
    unread = unreadSections(sections, stored ?? undefined).map((s) => s.id);
    return unread.length === 0;
  });
  if (!completed || !entry) return { ok: false, unread: unread.length ? unread : sections.map((s) => s.id) };
  await issueCertificateIfEligible(userId, now);
  return { ok: true, progress: entry };
}

/** The six modules, in order, each with this trainee's status: what /learn and the trainee's home show. */
export async function listModulesWithStatus(userId: string, lang: Lang) {
  const progress = await getProgress(userId);
  return getCourseware(lang).map((mod) => ({
    slug: mod.slug,
    order: mod.order,
    title: mod.title,
    summary: mod.summary,
    minutes: mod.minutes,
    status: moduleStatus(mod, progress[mod.slug]),
  }));
}

export interface TraineeProgressRow {
  userId: string;
  displayName: string;
  username: string;
  modulesDone: number;
  sectionsRead: number;
  sectionsTotal: number;
  lastActive: string | null;
}

export interface TeamProgress {
  teamId: string;
  teamName: string;
  /** The team's active trainees. */
  trainees: TraineeProgressRow[];
  /** Deactivated accounts once in the team: no longer counted, their records still there to open. */
  inactive: Array<{ userId: string; displayName: string }>;
}

/** Reading progress of every active trainee in the given teams, team by team, and who in each was deactivated. */
export async function listTeamProgress(teamIds: string[], modules: ReadonlyArray<CoursewareModule>): Promise<TeamProgress[]> {
  // Every active trainee's progress read at once (a query on PostgreSQL, however many trainees).
  const [teams, users, progressOf] = await Promise.all([listTeams(), listUsers(), teamViewsStore().progress({ teamIds, activeOnly: true })]);
  const result: TeamProgress[] = [];
  for (const team of teams.filter((t) => teamIds.includes(t.id))) {
    const members = sortedByName(
      users.filter((u) => u.teamId === team.id && u.role === "trainee"),
      (u) => u.displayName,
    );
    const trainees: TraineeProgressRow[] = [];
    for (const user of members.filter((u) => u.active)) {
      const progress = progressOf.get(user.id) ?? {};
      const statuses = modules.map((mod) => moduleStatus(mod, progress[mod.slug]));
      const lastActive =
        statuses
          .map((s) => s.lastActive)
          .filter((t): t is string => Boolean(t))
          .sort()
          .pop() ?? null;
      trainees.push({
        userId: user.id,
        displayName: user.displayName,
        username: user.username,
        modulesDone: statuses.filter((s) => s.state === "completed").length,
        sectionsRead: statuses.reduce((sum, s) => sum + s.read, 0),
        sectionsTotal: statuses.reduce((sum, s) => sum + s.total, 0),
        lastActive,
      });
    }
    const inactive = members.filter((u) => !u.active).map((u) => ({ userId: u.id, displayName: u.displayName }));
    result.push({ teamId: team.id, teamName: team.name, trainees, inactive });
  }
  return result;
}
