import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "./config.server";
import { ensureRecovered, writeFileDurably } from "./durable-writer.server";
import { singleton } from "./singleton.server";
import { openStoreFile, type FileKind, type StoreFile, type Versioned } from "./store-file.server";
import { attemptOwner, closeAttemptLogs, forgetUserAttempts, overviewsOf, usersWithAttempts } from "./attempt-logs.server";
import {
  assignmentsDataSchema,
  certificatesDataSchema,
  loginAttemptsDataSchema,
  orgQuestionsDataSchema,
  orgScenariosDataSchema,
  quizAttemptsDataSchema,
  sessionsDataSchema,
  teamsDataSchema,
  userRecordsDataSchema,
  usersDataSchema,
  USER_ID,
  USER_ID_PART,
  type AssignmentsData,
  type AttemptEvent,
  type AttemptRow,
  type CertificatesData,
  type LoginAttemptsData,
  type OrgQuestionsData,
  type OrgScenariosData,
  type QuizAttemptRow,
  type QuizAttemptsData,
  type SessionsData,
  type TeamsData,
  type UserRecordsData,
  type UsersData,
} from "./schema";

/**
 * The store's files. Small shared collections each have a file; every user's own records, sessions and quiz
 * attempts have a file per user; every role-play attempt has a log of its own (attempt-logs.server.ts).
 * Only app/models/*.server.ts call these.
 */

export const usersKind: FileKind<UsersData> = {
  name: "users",
  empty: () => ({ schemaVersion: 2, users: [] }),
  migrations: [
    // 1 → 2: sessions are records of their own (sessions/<userId>.json); the epoch that ended them goes.
    (v1) => ({ ...v1, users: v1.users.map(({ sessionEpoch: _epoch, ...user }: { sessionEpoch?: number }) => user) }),
  ],
  schema: usersDataSchema,
};

export const teamsKind: FileKind<TeamsData> = {
  name: "teams",
  empty: () => ({ schemaVersion: 1, teams: [] }),
  migrations: [],
  schema: teamsDataSchema,
};

export const loginAttemptsKind: FileKind<LoginAttemptsData> = {
  name: "login-attempts",
  empty: () => ({ schemaVersion: 2, users: {}, pairs: {}, addresses: {} }),
  migrations: [
    // 1 → 2: counted per name, per name and address, and per address. The old counters held only failures of
    // the last 15 minutes: they are not carried over.
    () => ({ users: {}, pairs: {}, addresses: {} }),
  ],
  schema: loginAttemptsDataSchema,
};

export const certificatesKind: FileKind<CertificatesData> = {
  name: "certificates",
  empty: () => ({ schemaVersion: 1, certificates: [] }),
  migrations: [],
  schema: certificatesDataSchema,
};

export const assignmentsKind: FileKind<AssignmentsData> = {
  name: "assignments",
  empty: () => ({ schemaVersion: 1, assignments: [] }),
  migrations: [],
  schema: assignmentsDataSchema,
};

export const orgQuestionsKind: FileKind<OrgQuestionsData> = {
  name: "quiz-questions",
  empty: () => ({ schemaVersion: 1, questions: [] }),
  migrations: [],
  schema: orgQuestionsDataSchema,
};

export const orgScenariosKind: FileKind<OrgScenariosData> = {
  name: "authored-scenarios",
  empty: () => ({ schemaVersion: 1, scenarios: [] }),
  migrations: [],
  schema: orgScenariosDataSchema,
};

export function userRecordsKind(userId: string): FileKind<UserRecordsData> {
  return {
    name: "user-records",
    empty: () => ({ schemaVersion: 8, userId, progress: {} }),
    migrations: [
      // 1 → 2: role-play attempts.
      (v1) => ({ ...v1, attempts: [] }),
      // 2 → 3: quiz attempts.
      (v2) => ({ ...v2, quizAttempts: [] }),
      // 3 → 4: trainers' comments and score adjustments on role-play attempts.
      (v3) => ({ ...v3, attempts: v3.attempts.map((a: object) => ({ ...a, comments: [], adjustments: [] })) }),
      // 4 → 5: finished attempts may live in files of their own.
      (v4) => ({ ...v4, archivedAttemptIds: [] }),
      // 5 → 6: those files are their own list (attempts/<userId>/); a list in here grew every turn's write.
      ({ archivedAttemptIds: _listed, ...v5 }) => v5,
      // 6 → 7: quiz attempts move to quizzes/<userId>.json.
      ({ quizAttempts, ...v6 }) => ({ ...v6, movingQuizAttempts: quizAttempts }),
      // 7 → 8: attempts in progress move to logs of their own (attempts/<userId>/<id>.jsonl), and so do quiz
      // attempts still on their way: see carryOver, which writes them before this file is rewritten.
      ({ attempts: _attempts, movingQuizAttempts: _quizzes, ...v7 }) => v7,
    ],
    schema: userRecordsDataSchema,
  };
}

export function quizAttemptsKind(userId: string): FileKind<QuizAttemptsData> {
  return {
    name: "quiz-attempts",
    empty: () => ({ schemaVersion: 1, userId, quizAttempts: [] }),
    migrations: [],
    schema: quizAttemptsDataSchema,
  };
}

export function sessionsKind(userId: string): FileKind<SessionsData> {
  return {
    name: "sessions",
    empty: () => ({ schemaVersion: 1, userId, sessions: [], knownAddresses: [] }),
    migrations: [],
    schema: sessionsDataSchema,
  };
}

const USER_FILE = new RegExp(`^(${USER_ID_PART})\\.json$`);

/** A user id checked before it becomes a file or directory name: only our own generated ids, never a path. */
function checkedUserId(userId: string): string {
  if (!USER_ID.test(userId)) throw new Error(`invalid user id for a store file: ${JSON.stringify(userId)}`);
  return userId;
}

/** Open files, keyed by absolute path: one lowdb instance per file per process. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- files of every kind, each typed where it is opened
const openFiles = singleton("store.openFiles", () => new Map<string, Promise<StoreFile<any>>>());

/** Opens a file once per process; `prepare` runs on it before anyone else gets it. */
function openCached<T extends Versioned>(file: string, kind: FileKind<T>, prepare?: () => Promise<void>): Promise<StoreFile<T>> {
  let opening = openFiles.get(file) as Promise<StoreFile<T>> | undefined;
  if (!opening) {
    opening = (async () => {
      await prepare?.();
      return openStoreFile(file, kind, dataDir());
    })();
    openFiles.set(file, opening);
    opening.catch(() => openFiles.delete(file));
  }
  return opening;
}

export const usersFile = () => openCached(path.join(dataDir(), "users.json"), usersKind);
export const teamsFile = () => openCached(path.join(dataDir(), "teams.json"), teamsKind);
export const loginAttemptsFile = () => openCached(path.join(dataDir(), "login-attempts.json"), loginAttemptsKind);
export const assignmentsFile = () => openCached(path.join(dataDir(), "assignments.json"), assignmentsKind);
export const certificatesFile = () => openCached(path.join(dataDir(), "certificates.json"), certificatesKind);
/** The organisation's own quiz questions, beside the built-in banks in content/quizzes. */
export const orgQuestionsFile = () => openCached(path.join(dataDir(), "quiz-questions.json"), orgQuestionsKind);
/** The organisation's own scenarios, beside the built-in scripts in scenarios/. */
export const orgScenariosFile = () => openCached(path.join(dataDir(), "scenarios.json"), orgScenariosKind);

export function userRecordsFile(userId: string): Promise<StoreFile<UserRecordsData>> {
  const file = path.join(dataDir(), "users", `${checkedUserId(userId)}.json`);
  return openCached(file, userRecordsKind(userId), () => carryOver(userId, file));
}

export function quizAttemptsFile(userId: string): Promise<StoreFile<QuizAttemptsData>> {
  return openCached(path.join(dataDir(), "quizzes", `${checkedUserId(userId)}.json`), quizAttemptsKind(userId));
}

export function sessionsFile(userId: string): Promise<StoreFile<SessionsData>> {
  return openCached(path.join(dataDir(), "sessions", `${checkedUserId(userId)}.json`), sessionsKind(userId));
}

/**
 * Before a records file older than version 8 is migrated (and rewritten without them): its role-play attempts
 * become logs of their own, and quiz attempts still on their way from version 6 go to the quiz file. Each is
 * written first, so a crash in between leaves them in both places, and a second run finds them already there.
 */
async function carryOver(userId: string, file: string): Promise<void> {
  ensureRecovered(dataDir());
  if (!existsSync(file)) return;
  let raw: { schemaVersion?: number; attempts?: AttemptRow[]; movingQuizAttempts?: QuizAttemptRow[]; quizAttempts?: QuizAttemptRow[] };
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return; // openStoreFile names the file and refuses it
  }
  if (!raw || typeof raw !== "object" || typeof raw.schemaVersion !== "number" || raw.schemaVersion >= 8) return;
  const moving = raw.movingQuizAttempts ?? raw.quizAttempts;
  if (moving?.length) {
    const quizzes = await quizAttemptsFile(userId);
    if (!quizzes.data.quizAttempts.length) await quizzes.update((data) => void (data.quizAttempts = moving));
  }
  for (const attempt of raw.attempts ?? []) {
    if (attemptOwner(attempt.id) !== userId) continue;
    const log = path.join(dataDir(), "attempts", userId, `${attempt.id.split(".")[1]}.jsonl`);
    if (existsSync(log)) continue;
    await mkdir(path.dirname(log), { recursive: true });
    await writeFileDurably(
      log,
      JSON.stringify({ t: "row", attempt: { ...attempt, comments: attempt.comments ?? [], adjustments: attempt.adjustments ?? [] } } satisfies AttemptEvent) +
        "\n",
      dataDir(),
    );
  }
  forgetUserAttempts(userId); // read the trainee's logs again, with the ones just written
}

/** The users whose files (`<userId>.json`) a directory of the store holds. */
async function userIdsIn(directory: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dataDir(), directory))).flatMap((name) => USER_FILE.exec(name)?.[1] ?? []);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Removes temporary files a stopped process left behind (a replacement written but never renamed into place:
 * never acknowledged, and whatever it held is in the file or the journal).
 */
function removeStrayTemporaryFiles(dir: string): number {
  let removed = 0;
  const visit = (directory: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(directory);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(directory, name);
      if (name.startsWith(".") && (name.endsWith(".tmp") || name.endsWith(".recovering"))) {
        rmSync(full, { force: true });
        removed += 1;
      } else if (depth < 2 && !name.startsWith(".") && statSync(full).isDirectory()) visit(full, depth + 1);
    }
  };
  visit(dir, 0);
  return removed;
}

/** Whether the store is new: neither the accounts nor the teams file exists yet (demo data may be seeded then). */
export function storeIsNew(): boolean {
  return !existsSync(path.join(dataDir(), "users.json")) && !existsSync(path.join(dataDir(), "teams.json"));
}

/**
 * Opens every store file once at start-up: replays the last run's journal, removes stray temporary files,
 * migrates old files, and throws (naming the file) on one that does not parse or has the wrong shape, so the
 * server refuses to start instead of running on half its data.
 */
export async function openAllStoreFiles(): Promise<void> {
  ensureRecovered(dataDir()); // what the last run's journal holds, before any file is read
  removeStrayTemporaryFiles(dataDir());
  await usersFile();
  await teamsFile();
  await loginAttemptsFile();
  await certificatesFile();
  await assignmentsFile();
  await orgQuestionsFile();
  await orgScenariosFile();
  for (const userId of await userIdsIn("users")) await userRecordsFile(userId);
  for (const userId of await userIdsIn("quizzes")) await quizAttemptsFile(userId);
  for (const userId of await userIdsIn("sessions")) await sessionsFile(userId);
  for (const userId of usersWithAttempts()) await overviewsOf(userId);
}

/** Forgets open files (tests that switch DATA_DIR between cases). */
export function closeAllStoreFiles(): void {
  openFiles.clear();
  closeAttemptLogs();
}
