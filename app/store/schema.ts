import type { Role } from "~/auth/permissions";
import type { AttemptResult } from "~/roleplay/result";
import type { TurnRecord } from "~/roleplay/runner";
import type { Localised } from "~/roleplay/script";

/** The shapes of the store files. Changing one means adding a migration to its FileKind in db.server.ts. */

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string;
  passwordHash: string;
  active: boolean;
  /** Bumped on deactivation and password reset: sessions carrying an older epoch stop working. */
  sessionEpoch: number;
  /** True while the account still has the seeded demo password; the login page lists such accounts. */
  usesDemoPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UsersData {
  schemaVersion: number;
  users: UserRow[];
}

export interface TeamRow {
  id: string;
  /** A team is one estate (项目), e.g. 阳光花园. */
  name: string;
  /** Trainers who coach this team. */
  trainerIds: string[];
  createdAt: string;
}

export interface TeamsData {
  schemaVersion: number;
  teams: TeamRow[];
}

export interface LoginAttemptsData {
  schemaVersion: number;
  /** Failed sign-in times (ISO) per lower-cased username, newest last, pruned to the throttle window. */
  failures: Record<string, string[]>;
  /** Until when (ISO) further tries for a username are refused. */
  lockedUntil: Record<string, string>;
}

export interface ModuleProgress {
  /** Section ids read, in the order first read. */
  sectionsRead: string[];
  /** The section the trainee read last: where they resume. */
  lastSection: string | null;
  startedAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** A role-play attempt: the machine's persisted snapshot, the transcript, and once finished the result. */
export interface AttemptRow {
  id: string;
  scenarioId: string;
  /** The script version the attempt ran: the transcript keeps every line shown, so it renders after the script changes. */
  scenarioVersion: number;
  scenarioTitle: Localised;
  mode: "practice" | "assessment";
  status: "active" | "finished" | "abandoned";
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  snapshot: unknown;
  /** The script state now: the turn waiting for an answer, or the ending. */
  state: string;
  emotion: number;
  minute: number;
  turns: TurnRecord[];
  result: AttemptResult | null;
  /** Trainers' coaching comments on turns; the trainee sees them in the report. */
  comments: CoachingComment[];
  /** Trainers' changes to a dimension's score, kept as an audit trail; the latest per dimension counts. */
  adjustments: ScoreAdjustment[];
}

export interface CoachingComment {
  id: string;
  turn: number;
  text: string;
  byId: string;
  byName: string;
  at: string;
}

export interface ScoreAdjustment {
  dimension: "listening" | "empathy" | "wording";
  from: number;
  to: number;
  reason: string;
  byId: string;
  byName: string;
  at: string;
}

/** Work a trainer gives one trainee or a whole team, with a due date. */
export interface AssignmentRow {
  id: string;
  kind: "module" | "quiz" | "scenario";
  /** A module slug, a quiz id ("final" or a module slug) or a scenario id. */
  target: string;
  /** For scenarios: which mode counts. */
  mode: "practice" | "assessment" | null;
  audience: { type: "trainee"; userId: string } | { type: "team"; teamId: string };
  dueAt: string;
  note: string;
  createdById: string;
  createdByName: string;
  createdAt: string;
  cancelledAt: string | null;
  remindedAt: string[];
}

export interface AssignmentsData {
  schemaVersion: number;
  assignments: AssignmentRow[];
}

export type QuizAnswer = string | string[];

/** A quiz attempt: the questions drawn (with the order their options were shown in), then the answers and grade. */
export interface QuizAttemptRow {
  id: string;
  /** A module slug, or "final". */
  quiz: string;
  startedAt: string;
  submittedAt: string | null;
  questions: Array<{ module: string; id: string; optionOrder: string[] }>;
  /** By question key `<module>/<id>`. */
  answers: Record<string, QuizAnswer> | null;
  result: { correct: number; total: number; percent: number; passed: boolean; passMark: number; perQuestion: Array<{ key: string; correct: boolean }> } | null;
}

/** One trainee's own records, in a file of their own so that a write never grows with the number of users. */
export interface UserRecordsData {
  schemaVersion: number;
  userId: string;
  progress: Record<string, ModuleProgress>;
  /** Attempts in progress (finished ones move to files of their own, attempts/<userId>/<id>.json). */
  attempts: AttemptRow[];
  /**
   * Only in a file migrated from version 6, until the file is opened: its quiz attempts, on their way to
   * quizzes/<userId>.json.
   */
  movingQuizAttempts?: QuizAttemptRow[];
  /** When the trainee last marked their trainers' coaching as read: what came after shows as new on their home. */
  coachingReadAt?: string;
}

/**
 * One trainee's quiz attempts, in a file of their own: in the records file they were rewritten with every
 * role-play turn and every section read, a cost that grew with the trainee's history.
 */
export interface QuizAttemptsData {
  schemaVersion: number;
  userId: string;
  quizAttempts: QuizAttemptRow[];
}

/**
 * One finished or abandoned role-play attempt, in a file of its own: a turn rewrites only the trainee's small
 * live file, and a finished attempt is written once, whatever the trainee's history.
 */
export interface ArchivedAttemptData {
  schemaVersion: number;
  attempt: AttemptRow;
}

/** An issued certificate (物业客服上岗认证). The public verification page shows only name, team, dates and validity. */
export interface CertificateRow {
  id: string;
  userId: string;
  name: string;
  team: string;
  issuedAt: string;
  expiresAt: string;
  /** What earned it: the assessment scores per scenario and how the knowledge checks were passed. */
  evidence: {
    scenarios: Record<string, { attemptId: string; listening: number; empathy: number; wording: number }>;
    quizzes: "modules" | "final";
  };
}

export interface CertificatesData {
  schemaVersion: number;
  certificates: CertificateRow[];
}
