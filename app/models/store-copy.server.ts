import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { LOGIN_THROTTLE } from "~/auth/login-throttle";
import { isLive } from "~/auth/session-rules";
import { applyEvent } from "~/store/attempt-events";
import { ATTEMPT_ID, namesIn, parseLog } from "~/store/attempt-logs.server";
import { dataDir } from "~/store/config.server";
import {
  assignmentsFile,
  certificatesFile,
  loginAttemptsFile,
  openAllStoreFiles,
  orgQuestionsFile,
  orgScenariosFile,
  quizAttemptsFile,
  sessionsFile,
  teamsFile,
  userRecordsFile,
  usersFile,
} from "~/store/db.server";
import { migrate } from "~/store/postgres/migrate.server";
import { inOneTransaction } from "~/store/postgres/pool.server";
import { SEED_LOCK } from "~/store/postgres/start.server";
import type {
  AssignmentRow,
  AttemptEvent,
  AttemptRow,
  CertificateRow,
  OrgQuestionRow,
  OrgScenarioRow,
  QuizAttemptRow,
  SessionsData,
  TeamRow,
  UserRecordsData,
  UserRow,
} from "~/store/schema";
import { USER_ID } from "~/store/schema";
import { postgresAssignments } from "./postgres/assignments.server";
import { postgresCertificates } from "./postgres/certificates.server";
import { postgresRecords } from "./postgres/records.server";
import { postgresOrgScenarios } from "./postgres/scenario-authoring.server";
import { postgresSessions } from "./postgres/sessions.server";
import { postgresTeams } from "./postgres/teams.server";
import { recordTrainerEvent } from "./postgres/trainer-events.server";
import { postgresUsers } from "./postgres/users.server";
import type { TrainerEvent } from "./store-backends";

/**
 * `npm run store:copy -- --from lowdb --to postgres` (scripts/store-copy.ts): a site's DATA_DIR copied into an
 * empty PostgreSQL database (DATABASE_URL), in one transaction, then the records of each kind counted on both
 * sides. Where a PostgreSQL backend has a step that takes a whole record (a user, a team, a session, a grant, an
 * assignment, a certificate, a scenario with its versions), that step writes it; the rest is written here as the
 * backends read it back (models/postgres/*): role-play attempts with their turns and what trainers recorded on
 * them (comments taken back and finding marks withdrawn included, replayed from the attempt's log as the backend
 * records them), quiz attempts with their questions, reading progress, the organisation's questions.
 */

/** One role-play attempt's log, read: the attempt as its events add up, and what to write for it. */
interface AttemptLogRead {
  userId: string;
  attempt: AttemptRow;
  /** When each turn was recorded (by `n`). */
  turnAt: Map<number, string>;
  /** The attempt as a whole-row event (an attempt carried over from before the logs) last set it, if one did. */
  base: AttemptRow | null;
  /** What trainers recorded after it (or after the start), in order; review marks are the attempt's own columns. */
  trainerEvents: TrainerEvent[];
  /** Comments and finding marks ever on the attempt (those taken back and withdrawn included). */
  commentIds: Set<string>;
  disputeIds: Set<string>;
}

interface UserData {
  user: UserRow;
  records: UserRecordsData;
  sessions: SessionsData;
  quizAttempts: QuizAttemptRow[];
  attempts: AttemptLogRead[];
}

/** Everything of a lowdb site that is copied, read as the server reads it at start. */
interface LowdbSite {
  teams: TeamRow[];
  users: UserData[];
  assignments: AssignmentRow[];
  certificates: CertificateRow[];
  orgQuestions: OrgQuestionRow[];
  orgScenarios: OrgScenarioRow[];
  /** Files in DATA_DIR of user ids users.json does not know: nothing can be copied for them (no user to belong to). */
  unknownUserFiles: string[];
  /** Sign-in throttle entries (not copied: counters of recent failures, not history). */
  throttleEntries: number;
}

const TRAINER_EVENTS = new Set<AttemptEvent["t"]>(["comment", "comment-edit", "comment-delete", "adjust", "dispute", "dispute-withdraw"]);

/** One attempt's log: its events folded, and its trainers' events kept apart to be recorded as the backend records them. */
function readAttemptLog(userId: string, events: AttemptEvent[]): AttemptLogRead {
  let attempt: AttemptRow | null = null;
  let base: AttemptRow | null = null;
  let trainerEvents: TrainerEvent[] = [];
  const turnAt = new Map<number, string>();
  const commentIds = new Set<string>();
  const disputeIds = new Set<string>();
  for (const event of events) {
    // Kept as written: applying an event may change its objects afterwards (a comment's later edits change it).
    const kept = event.t === "row" || TRAINER_EVENTS.has(event.t) ? structuredClone(event) : event;
    attempt = applyEvent(attempt, event);
    if (kept.t === "row") {
      // A whole attempt: what came before it is replaced by it.
      base = kept.attempt;
      trainerEvents = [];
      commentIds.clear();
      disputeIds.clear();
      for (const c of base.comments) commentIds.add(c.id);
      for (const d of base.disputes ?? []) disputeIds.add(d.id);
      turnAt.clear();
    } else if (kept.t === "turn") turnAt.set(kept.record.n, kept.at);
    else if (TRAINER_EVENTS.has(kept.t)) {
      trainerEvents.push(kept as TrainerEvent);
      if (kept.t === "comment") commentIds.add(kept.comment.id);
      if (kept.t === "dispute") disputeIds.add(kept.dispute.id);
    }
  }
  if (!attempt) throw new Error(`an attempt's log of ${userId} holds no event`);
  return { userId, attempt, turnAt, base, trainerEvents, commentIds, disputeIds };
}

async function readAttemptLogs(userId: string): Promise<AttemptLogRead[]> {
  const directory = path.join(dataDir(), "attempts", userId);
  const read: AttemptLogRead[] = [];
  for (const name of (await namesIn(directory)).sort()) {
    if (!name.endsWith(".jsonl")) continue;
    const file = path.join(directory, name);
    const log = readAttemptLog(userId, parseLog(await readFile(file, "utf8"), file).events);
    if (ATTEMPT_ID.exec(log.attempt.id)?.[1] !== userId) throw new Error(`${file} holds attempt ${log.attempt.id}, not one of ${userId}'s`);
    read.push(log);
  }
  // The order they were started in, as the trainee's calls are listed.
  return read.sort((a, b) => a.attempt.startedAt.localeCompare(b.attempt.startedAt) || a.attempt.id.localeCompare(b.attempt.id));
}

/** Reads the site in DATA_DIR whole, opening its files as the server does at start (the journal replayed, old files migrated). */
export async function readLowdbSite(): Promise<LowdbSite> {
  await openAllStoreFiles();
  const users = (await usersFile()).data.users;
  const known = new Set(users.map((u) => u.id));
  const perUser: UserData[] = [];
  for (const user of users)
    perUser.push({
      user: structuredClone(user),
      records: structuredClone((await userRecordsFile(user.id)).data),
      sessions: structuredClone((await sessionsFile(user.id)).data),
      quizAttempts: structuredClone((await quizAttemptsFile(user.id)).data.quizAttempts),
      attempts: await readAttemptLogs(user.id),
    });
  const unknownUserFiles: string[] = [];
  for (const directory of ["users", "quizzes", "sessions"])
    for (const name of await namesIn(path.join(dataDir(), directory))) {
      const id = name.replace(/\.json$/, "");
      if (name.endsWith(".json") && USER_ID.test(id) && !known.has(id)) unknownUserFiles.push(`${directory}/${name}`);
    }
  for (const name of await namesIn(path.join(dataDir(), "attempts"))) if (USER_ID.test(name) && !known.has(name)) unknownUserFiles.push(`attempts/${name}/`);
  const throttle = (await loginAttemptsFile()).data;
  return {
    teams: structuredClone((await teamsFile()).data.teams),
    users: perUser,
    assignments: structuredClone((await assignmentsFile()).data.assignments),
    certificates: structuredClone((await certificatesFile()).data.certificates),
    orgQuestions: structuredClone((await orgQuestionsFile()).data.questions),
    orgScenarios: structuredClone((await orgScenariosFile()).data.scenarios),
    unknownUserFiles,
    throttleEntries: Object.keys(throttle.users).length + Object.keys(throttle.pairs).length + Object.keys(throttle.addresses).length,
  };
}

// ── Counting ──

/** The kinds of record counted on both sides: the lowdb site's count, and the SQL that counts them copied. */
const KINDS: ReadonlyArray<{ kind: string; lowdb: (site: LowdbSite, now: Date) => number; postgres: string }> = [
  { kind: "teams", lowdb: (s) => s.teams.length, postgres: "SELECT count(*) FROM teams" },
  { kind: "team trainers", lowdb: (s) => sum(s.teams, (t) => new Set(t.trainerIds).size), postgres: "SELECT count(*) FROM team_trainers" },
  { kind: "users", lowdb: (s) => s.users.length, postgres: "SELECT count(*) FROM users" },
  {
    kind: "sessions (live)",
    lowdb: (s, now) => sum(s.users, (u) => u.sessions.sessions.filter((x) => isLive(x, now)).length),
    postgres: "SELECT count(*) FROM sessions",
  },
  { kind: "known sign-in addresses", lowdb: (s) => sum(s.users, (u) => u.sessions.knownAddresses.length), postgres: "SELECT count(*) FROM known_addresses" },
  { kind: "module progress", lowdb: (s) => sum(s.users, (u) => Object.keys(u.records.progress).length), postgres: "SELECT count(*) FROM module_progress" },
  {
    kind: "coaching read marks",
    lowdb: (s) => s.users.filter((u) => u.records.coachingReadAt).length,
    postgres: "SELECT count(*) FROM users WHERE coaching_read_at IS NOT NULL",
  },
  { kind: "assessment grants", lowdb: (s) => sum(s.users, (u) => u.records.assessmentGrants?.length ?? 0), postgres: "SELECT count(*) FROM assessment_grants" },
  { kind: "assignments", lowdb: (s) => s.assignments.length, postgres: "SELECT count(*) FROM assignments" },
  { kind: "quiz attempts", lowdb: (s) => sum(s.users, (u) => u.quizAttempts.length), postgres: "SELECT count(*) FROM quiz_attempts" },
  {
    kind: "quiz questions drawn",
    lowdb: (s) => sum(s.users, (u) => sum(u.quizAttempts, (a) => a.questions.length)),
    postgres: "SELECT count(*) FROM quiz_attempt_questions",
  },
  { kind: "role-play attempts", lowdb: (s) => sum(s.users, (u) => u.attempts.length), postgres: "SELECT count(*) FROM roleplay_attempts" },
  { kind: "role-play turns", lowdb: (s) => sumAttempts(s, (a) => a.attempt.turns.length), postgres: "SELECT count(*) FROM roleplay_turns" },
  {
    kind: "trainer comments",
    lowdb: (s) => sumAttempts(s, (a) => a.attempt.comments.length),
    postgres: "SELECT count(*) FROM trainer_comments WHERE deleted_at IS NULL",
  },
  {
    kind: "  their earlier texts",
    lowdb: (s) => sumAttempts(s, (a) => sum(a.attempt.comments, (c) => c.earlierTexts?.length ?? 0)),
    postgres: "SELECT count(*) FROM trainer_comment_revisions r JOIN trainer_comments c ON c.id = r.comment_id WHERE c.deleted_at IS NULL",
  },
  {
    kind: "comments taken back",
    lowdb: (s) => sumAttempts(s, (a) => a.commentIds.size - a.attempt.comments.length),
    postgres: "SELECT count(*) FROM trainer_comments WHERE deleted_at IS NOT NULL",
  },
  { kind: "score changes", lowdb: (s) => sumAttempts(s, (a) => a.attempt.adjustments.length), postgres: "SELECT count(*) FROM score_changes" },
  {
    kind: "review marks",
    lowdb: (s) => sumAttempts(s, (a) => (a.attempt.reviewMark ? 1 : 0)),
    postgres: "SELECT count(*) FROM roleplay_attempts WHERE reviewed_at IS NOT NULL",
  },
  {
    kind: "findings marked wrong",
    lowdb: (s) => sumAttempts(s, (a) => a.attempt.disputes?.length ?? 0),
    postgres: "SELECT count(*) FROM finding_disputes WHERE withdrawn_at IS NULL",
  },
  {
    kind: "finding marks withdrawn",
    lowdb: (s) => sumAttempts(s, (a) => a.disputeIds.size - (a.attempt.disputes?.length ?? 0)),
    postgres: "SELECT count(*) FROM finding_disputes WHERE withdrawn_at IS NOT NULL",
  },
  { kind: "certificates", lowdb: (s) => s.certificates.length, postgres: "SELECT count(*) FROM certificates" },
  { kind: "organisation questions", lowdb: (s) => s.orgQuestions.length, postgres: "SELECT count(*) FROM org_questions" },
  { kind: "  their published versions", lowdb: (s) => sum(s.orgQuestions, (q) => q.versions.length), postgres: "SELECT count(*) FROM org_question_versions" },
  { kind: "organisation scenarios", lowdb: (s) => s.orgScenarios.length, postgres: "SELECT count(*) FROM org_scenarios" },
  {
    kind: "  their published versions",
    lowdb: (s) => sum(s.orgScenarios, (x) => x.versions.length),
    postgres: "SELECT count(*) FROM org_scenario_versions",
  },
  // Nothing in PostgreSQL can hold these: a count above 0 fails the copy, naming the files.
  { kind: "files of unknown users", lowdb: (s) => s.unknownUserFiles.length, postgres: "SELECT 0 AS count" },
];

function sum<T>(items: readonly T[], count: (item: T) => number): number {
  return items.reduce((total, item) => total + count(item), 0);
}

const sumAttempts = (site: LowdbSite, count: (a: AttemptLogRead) => number) => sum(site.users, (u) => sum(u.attempts, count));

export interface KindCount {
  kind: string;
  lowdb: number;
  postgres: number;
}

async function countBoth(client: pg.PoolClient, site: LowdbSite, now: Date): Promise<KindCount[]> {
  const counts: KindCount[] = [];
  for (const { kind, lowdb, postgres } of KINDS) {
    const { rows } = await client.query<{ count: string | number }>(postgres);
    counts.push({ kind, lowdb: lowdb(site, now), postgres: Number(rows[0].count) });
  }
  return counts;
}

/** The counts as a table: `kind | lowdb | postgres`, a differing count marked. */
export function countsTable(counts: readonly KindCount[]): string {
  const width = Math.max(4, ...counts.map((c) => c.kind.length));
  const numbers = Math.max(8, ...counts.flatMap((c) => [String(c.lowdb).length, String(c.postgres).length]));
  const line = (kind: string, lowdb: string, postgres: string, mark = "") =>
    `${kind.padEnd(width)} | ${lowdb.padStart(numbers)} | ${postgres.padStart(numbers)}${mark}`.trimEnd();
  return [
    line("kind", "lowdb", "postgres"),
    `${"-".repeat(width)}-+-${"-".repeat(numbers)}-+-${"-".repeat(numbers)}`,
    ...counts.map((c) => line(c.kind, String(c.lowdb), String(c.postgres), c.lowdb === c.postgres ? "" : "   <- differs")),
  ].join("\n");
}

// ── Writing ──

/** A record that could not be copied: what it was, and why (the database's own message). */
export class CopyFailed extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "CopyFailed";
  }
}

async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof CopyFailed ? error : new CopyFailed(what, error);
  }
}

function refused(what: string, why: string): never {
  throw new CopyFailed(what, new Error(why));
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

async function copyQuizAttempt(client: pg.PoolClient, userId: string, a: QuizAttemptRow): Promise<void> {
  const r = a.result;
  await client.query(
    `INSERT INTO quiz_attempts (id, user_id, quiz, started_at, submitted_at, correct, total, percent, passed, pass_mark)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [a.id, userId, a.quiz, a.startedAt, a.submittedAt, r?.correct ?? null, r?.total ?? null, r?.percent ?? null, r?.passed ?? null, r?.passMark ?? null],
  );
  const correct = new Map(r?.perQuestion.map((p) => [p.key, p.correct]));
  for (const [position, q] of a.questions.entries()) {
    const key = `${q.module}/${q.id}`;
    await client.query(
      `INSERT INTO quiz_attempt_questions (attempt_id, position, module, question_id, version, option_order, answer, is_correct)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
      [a.id, position, q.module, q.id, q.version ?? null, q.optionOrder, json(a.answers?.[key]), r ? (correct.get(key) ?? false) : null],
    );
  }
}

async function copyAttempt(client: pg.PoolClient, log: AttemptLogRead): Promise<void> {
  const a = log.attempt;
  await client.query(
    `INSERT INTO roleplay_attempts (id, user_id, scenario_id, scenario_version, scenario_title_zh, scenario_title_en, mode, status,
       started_at, updated_at, finished_at, snapshot, state, emotion, minute, result, draft, reviewed_by_id, reviewed_by_name, reviewed_at, turn_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16::jsonb, $17, $18, $19, $20, $21)`,
    [
      a.id,
      log.userId,
      a.scenarioId,
      a.scenarioVersion,
      a.scenarioTitle.zh,
      a.scenarioTitle.en,
      a.mode,
      a.status,
      a.startedAt,
      a.updatedAt,
      a.finishedAt,
      JSON.stringify(a.snapshot ?? null),
      a.state,
      a.emotion,
      a.minute,
      json(a.result),
      a.draft ?? false,
      a.reviewMark?.byId ?? null,
      a.reviewMark?.byName ?? null,
      a.reviewMark?.at ?? null,
      a.turns.length,
    ],
  );
  for (const t of a.turns)
    await client.query(
      `INSERT INTO roleplay_turns (attempt_id, n, at, turn, reply, listening, empathy, wording, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [
        a.id,
        t.n,
        log.turnAt.get(t.n) ?? t.answeredAt ?? a.updatedAt,
        t.turn,
        t.text,
        t.scores.listening,
        t.scores.empathy,
        t.scores.wording,
        JSON.stringify(t),
      ],
    );
  if (log.base) await copyTrainerRecords(client, a.id, log.base);
  // The trainers' events as the backend recorded them had the site run on PostgreSQL: comments taken back and
  // finding marks withdrawn keep their rows, marked with when.
  for (const event of log.trainerEvents) await recordTrainerEvent(client, a.id, event);
}

/** What an attempt carried over whole (from before the logs) holds of trainers' work: written as the backend reads it. */
async function copyTrainerRecords(client: pg.PoolClient, attemptId: string, base: AttemptRow): Promise<void> {
  for (const c of base.comments) {
    await client.query(
      "INSERT INTO trainer_comments (id, attempt_id, turn, text, by_id, by_name, created_at, edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [c.id, attemptId, c.turn, c.text, c.byId, c.byName, c.at, c.editedAt ?? null],
    );
    for (const [position, earlier] of (c.earlierTexts ?? []).entries())
      await client.query("INSERT INTO trainer_comment_revisions (comment_id, position, text, written_at) VALUES ($1, $2, $3, $4)", [
        c.id,
        position,
        earlier.text,
        earlier.at,
      ]);
  }
  for (const adjustment of base.adjustments) await recordTrainerEvent(client, attemptId, { t: "adjust", adjustment });
  for (const dispute of base.disputes ?? []) await recordTrainerEvent(client, attemptId, { t: "dispute", dispute });
}

async function copyOrgQuestion(client: pg.PoolClient, q: OrgQuestionRow): Promise<void> {
  await client.query(
    `INSERT INTO org_questions (id, module, copied_from, created_at, created_by_id, created_by_name, draft, draft_saved_at, retired_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
    [q.id, q.module, q.copiedFrom, q.createdAt, q.createdById, q.createdByName, json(q.draft), q.draftSavedAt, q.retiredAt],
  );
  for (const v of q.versions)
    await client.query(
      `INSERT INTO org_question_versions (question_id, version, content, published_at, by_id, by_name, rolled_back_from)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
      [q.id, v.version, JSON.stringify(v.content), v.publishedAt, v.byId, v.byName, v.rolledBackFrom],
    );
}

/** Writes the whole site, in an order the foreign keys accept (teams, users, then what refers to them). */
async function writeSite(client: pg.PoolClient, site: LowdbSite, now: Date): Promise<void> {
  // Teams first without their trainers (users belong to teams, trainers are users).
  for (const team of site.teams)
    if (!(await step(`team ${team.id} (${team.name})`, () => postgresTeams.insert({ ...team, trainerIds: [] }))))
      refused(`team ${team.id}`, `another team is named ${team.name}`);
  for (const { user } of site.users)
    if (!(await step(`user ${user.id} (${user.username})`, () => postgresUsers.insert(user))))
      refused(`user ${user.id}`, `the username ${user.username} is taken`);
  for (const team of site.teams)
    if (team.trainerIds.length) await step(`the trainers of team ${team.id}`, () => postgresTeams.setTrainers(team.id, [...new Set(team.trainerIds)]));

  for (const { user, records, sessions, quizAttempts } of site.users) {
    const whose = `${user.username}'s`;
    for (const [module, p] of Object.entries(records.progress))
      await step(`${whose} progress in ${module}`, () =>
        client.query(
          `INSERT INTO module_progress (user_id, module, sections_read, last_section, started_at, updated_at, completed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [user.id, module, p.sectionsRead, p.lastSection, p.startedAt, p.updatedAt, p.completedAt],
        ),
      );
    if (records.coachingReadAt) await step(`${whose} coaching read mark`, () => postgresRecords.setCoachingReadAt(user.id, records.coachingReadAt!));
    for (const grant of records.assessmentGrants ?? [])
      await step(`${whose} assessment grant of ${grant.at}`, () => postgresRecords.addGrantUnless(user.id, grant, () => false));
    for (const session of sessions.sessions.filter((s) => isLive(s, now))) await step(`${whose} session`, () => postgresSessions.insert(user.id, session, now));
    const keep = Math.max(LOGIN_THROTTLE.knownAddresses, sessions.knownAddresses.length);
    for (const known of [...sessions.knownAddresses].sort((a, b) => a.lastAt.localeCompare(b.lastAt)))
      await step(`${whose} known address`, () => postgresSessions.rememberAddress(user.id, known.address, new Date(known.lastAt), keep));
    for (const attempt of quizAttempts) await step(`${whose} quiz attempt ${attempt.id}`, () => copyQuizAttempt(client, user.id, attempt));
  }

  // The organisation's questions and scenarios in the order they were added (their `seq`: lists show the newest first).
  for (const q of site.orgQuestions) await step(`organisation question ${q.id}`, () => copyOrgQuestion(client, q));
  for (const s of site.orgScenarios)
    if (!(await step(`organisation scenario ${s.id}`, () => postgresOrgScenarios.insert(s)))) refused(`organisation scenario ${s.id}`, "its id is taken");

  for (const { attempts } of site.users) for (const log of attempts) await step(`role-play attempt ${log.attempt.id}`, () => copyAttempt(client, log));

  // In the order they were given (their `seq`: assignments due at the same moment are listed in this order).
  for (const a of site.assignments) {
    const open = await step(`assignment ${a.id}`, () => postgresAssignments.insertUnlessOpen(a));
    if (open) refused(`assignment ${a.id}`, `the same work is open already as assignment ${open.id}`);
  }
  for (const c of site.certificates) {
    const issued = await step(`certificate ${c.id}`, () => postgresCertificates.issue(c, () => true));
    if (issued === "code-taken") refused(`certificate ${c.id}`, "another certificate has its verification code");
  }
}

// ── The copy ──

/** What the copy says beside the counts: what it left out, and what keeps people signed in. */
export interface CopyNotes {
  /** Sign-in throttle entries in login-attempts.json, not copied. */
  throttleEntries: number;
  /** Sessions that had ended (idle or past their limit), not copied. */
  endedSessions: number;
  /** Live sessions copied. */
  liveSessions: number;
  /** DATA_DIR/session-secret: where it is, and whether it exists (its value is never read out). */
  secretFile: string;
  secretExists: boolean;
  /** Files of users users.json does not know (see "files of unknown users"). */
  unknownUserFiles: string[];
}

export type CopyOutcome =
  | { ok: true; counts: KindCount[]; notes: CopyNotes; migrations: string[] }
  | { ok: false; error: "not-empty"; users: number; teams: number; migrations: string[] }
  | { ok: false; error: "counts-differ"; counts: KindCount[]; notes: CopyNotes; migrations: string[] };

/** Thrown inside the transaction to roll it back when a count differs. */
class CountsDiffer extends Error {
  constructor(readonly counts: KindCount[]) {
    super("the counts differ");
  }
}

/**
 * Copies the lowdb site in DATA_DIR into the PostgreSQL database DATABASE_URL names: the migrations first, then, in
 * one transaction holding the seeding lock (a server starting meanwhile waits, then finds the site there), a refusal
 * if the database holds any user or team, every record, and the count of each kind on both sides. Everything is
 * committed only if every count matches; a record that cannot be written (a constraint lowdb never checked) rolls
 * it all back and throws CopyFailed naming it. Sign-in throttle counters are not copied; sessions still live are.
 */
export async function copyLowdbToPostgres(options: { now?: Date; log?: (line: string) => void } = {}): Promise<CopyOutcome> {
  const now = options.now ?? new Date();
  const migrations = await migrate({ log: options.log });
  const site = await readLowdbSite();
  const secretFile = path.join(dataDir(), "session-secret");
  const notes: CopyNotes = {
    throttleEntries: site.throttleEntries,
    endedSessions: sum(site.users, (u) => u.sessions.sessions.filter((s) => !isLive(s, now)).length),
    liveSessions: sum(site.users, (u) => u.sessions.sessions.filter((s) => isLive(s, now)).length),
    secretFile,
    secretExists: existsSync(secretFile),
    unknownUserFiles: site.unknownUserFiles,
  };
  try {
    return await inOneTransaction(async (client): Promise<CopyOutcome> => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [SEED_LOCK]);
      const { rows } = await client.query<{ users: number; teams: number }>(
        "SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM teams)::int AS teams",
      );
      if (rows[0].users || rows[0].teams) return { ok: false, error: "not-empty", users: rows[0].users, teams: rows[0].teams, migrations };
      await writeSite(client, site, now);
      const counts = await countBoth(client, site, now);
      if (counts.some((c) => c.lowdb !== c.postgres)) throw new CountsDiffer(counts);
      return { ok: true, counts, notes, migrations };
    });
  } catch (error) {
    if (error instanceof CountsDiffer) return { ok: false, error: "counts-differ", counts: error.counts, notes, migrations };
    throw error;
  }
}
