import { readdir } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "./config.server";
import { ensureRecovered } from "./durable-writer.server";
import { singleton } from "./singleton.server";
import { openStoreFile, type FileKind, type StoreFile, type Versioned } from "./store-file.server";
import { overviewOf, type AttemptOverview } from "./attempt-overview";
import type { ArchivedAttemptData, AssignmentsData, AttemptRow, CertificatesData, LoginAttemptsData, QuizAttemptsData, TeamsData, UserRecordsData, UsersData } from "./schema";

/**
 * The store's files. Small shared collections each have a file; every user's own records have a file per user.
 * Only app/models/*.server.ts call these.
 */

export const usersKind: FileKind<UsersData> = {
  name: "users",
  empty: () => ({ schemaVersion: 1, users: [] }),
  migrations: [],
};

export const teamsKind: FileKind<TeamsData> = {
  name: "teams",
  empty: () => ({ schemaVersion: 1, teams: [] }),
  migrations: [],
};

export const loginAttemptsKind: FileKind<LoginAttemptsData> = {
  name: "login-attempts",
  empty: () => ({ schemaVersion: 1, failures: {}, lockedUntil: {} }),
  migrations: [],
};

export const certificatesKind: FileKind<CertificatesData> = {
  name: "certificates",
  empty: () => ({ schemaVersion: 1, certificates: [] }),
  migrations: [],
};

export const assignmentsKind: FileKind<AssignmentsData> = {
  name: "assignments",
  empty: () => ({ schemaVersion: 1, assignments: [] }),
  migrations: [],
};

export function userRecordsKind(userId: string): FileKind<UserRecordsData> {
  return {
    name: "user-records",
    empty: () => ({ schemaVersion: 7, userId, progress: {}, attempts: [] }),
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
      // 6 → 7: quiz attempts move to quizzes/<userId>.json (see moveQuizAttempts, run when the file is opened).
      ({ quizAttempts, ...v6 }) => ({ ...v6, movingQuizAttempts: quizAttempts }),
    ],
  };
}

export function quizAttemptsKind(userId: string): FileKind<QuizAttemptsData> {
  return {
    name: "quiz-attempts",
    empty: () => ({ schemaVersion: 1, userId, quizAttempts: [] }),
    migrations: [],
  };
}

export const archivedAttemptKind: FileKind<ArchivedAttemptData> = {
  name: "archived-attempt",
  // Never used empty: an archived attempt is always written with its attempt.
  empty: () => ({ schemaVersion: 1, attempt: null as never }),
  migrations: [],
};

const USER_ID = /^[a-z0-9]{6,40}$/;
const USER_FILE = /^([a-z0-9]{6,40})\.json$/;

/** A user id checked before it becomes a file or directory name: only our own generated ids, never a path. */
function checkedUserId(userId: string): string {
  if (!USER_ID.test(userId)) throw new Error(`invalid user id for a store file: ${JSON.stringify(userId)}`);
  return userId;
}

/** Open files, keyed by absolute path: one lowdb instance per file per process. */
const openFiles = singleton("store.openFiles", () => new Map<string, Promise<StoreFile<any>>>());

/** Opens a file once per process; `prepare` runs on it before anyone else gets it. */
function openCached<T extends Versioned>(file: string, kind: FileKind<T>, prepare?: (opened: StoreFile<T>) => Promise<void>): Promise<StoreFile<T>> {
  let opening = openFiles.get(file) as Promise<StoreFile<T>> | undefined;
  if (!opening) {
    opening = openStoreFile(file, kind, dataDir()).then(async (opened) => {
      await prepare?.(opened);
      return opened;
    });
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

export function userRecordsFile(userId: string): Promise<StoreFile<UserRecordsData>> {
  return openCached(path.join(dataDir(), "users", `${checkedUserId(userId)}.json`), userRecordsKind(userId), (records) => moveQuizAttempts(userId, records));
}

export function quizAttemptsFile(userId: string): Promise<StoreFile<QuizAttemptsData>> {
  return openCached(path.join(dataDir(), "quizzes", `${checkedUserId(userId)}.json`), quizAttemptsKind(userId));
}

/**
 * Finishes the 6 → 7 migration of a records file: its quiz attempts are written to their own file first, then
 * removed from the records, so a crash in between leaves them in both, and the quiz file (already written) is kept.
 */
async function moveQuizAttempts(userId: string, records: StoreFile<UserRecordsData>): Promise<void> {
  const moving = records.data.movingQuizAttempts;
  if (!moving) return;
  const quizzes = moving.length ? await quizAttemptsFile(userId) : null; // no file for a trainee without any
  if (quizzes && !quizzes.data.quizAttempts.length) {
    await quizzes.update((data) => {
      data.quizAttempts = moving;
    });
  }
  await records.update((data) => {
    delete data.movingQuizAttempts;
  });
}

const ATTEMPT_ID = /^([a-z0-9]{6,40})\.([A-Za-z0-9_-]{16})$/;

/** A finished attempt's own file, attempts/<userId>/<random part>.json, and whose it is. */
function archivedAttemptPath(attemptId: string): { file: string; userId: string } {
  const match = ATTEMPT_ID.exec(attemptId);
  if (!match) throw new Error(`invalid attempt id for a store file: ${JSON.stringify(attemptId)}`);
  return { file: path.join(dataDir(), "attempts", match[1], `${match[2]}.json`), userId: match[1] };
}

const ARCHIVED_NAME = /^([A-Za-z0-9_-]{16})\.json$/;

/**
 * Each trainee's finished attempts as overviews (no snapshot, no transcript), read from the files in
 * attempts/<userId>/ once per trainee, then kept up to date by the writes below. A file is written (and its
 * directory synced) before its attempt leaves the trainee's live records, so the directory is always a complete
 * list. The files themselves are not kept open: a transcript is read when someone opens that attempt.
 */
const archivedIndex = singleton("store.archivedIndex", () => new Map<string, Promise<Map<string, AttemptOverview>>>());

export function archivedOverviews(userId: string): Promise<ReadonlyMap<string, Readonly<AttemptOverview>>> {
  return archivedOverviewsOf(userId);
}

function archivedOverviewsOf(userId: string): Promise<Map<string, AttemptOverview>> {
  checkedUserId(userId);
  let overviews = archivedIndex.get(userId);
  if (!overviews) {
    overviews = readArchivedDirectory(userId);
    archivedIndex.set(userId, overviews);
    overviews.catch(() => archivedIndex.delete(userId));
  }
  return overviews;
}

async function readArchivedDirectory(userId: string): Promise<Map<string, AttemptOverview>> {
  ensureRecovered(dataDir());
  const overviews = new Map<string, AttemptOverview>();
  for (const name of await namesIn(path.join("attempts", userId))) {
    const match = ARCHIVED_NAME.exec(name);
    if (!match) continue;
    const id = `${userId}.${match[1]}`;
    const attempt = await withArchivedFile(id, async (file) => file.data.attempt);
    if (attempt) overviews.set(id, overviewOf(attempt));
  }
  return overviews;
}

/**
 * Every use of one archived attempt's file, one at a time: each opens the file afresh, so a change never works on
 * a copy older than the last write, and two writes never share the temporary file.
 */
const archivedQueues = new Map<string, Promise<unknown>>();

function withArchivedFile<R>(attemptId: string, use: (file: StoreFile<ArchivedAttemptData>) => Promise<R>): Promise<R> {
  const { file } = archivedAttemptPath(attemptId);
  const run = (archivedQueues.get(file) ?? Promise.resolve()).catch(() => {}).then(async () => use(await openStoreFile(file, archivedAttemptKind, dataDir())));
  archivedQueues.set(file, run);
  run
    .finally(() => {
      if (archivedQueues.get(file) === run) archivedQueues.delete(file);
    })
    .catch(() => {});
  return run;
}

/**
 * The finished attempts written or read most recently, as their files hold them: a trainee's report is opened the
 * moment the call ends, and reading back the file just written cost more than the turn that ended it.
 */
const recentArchived = singleton("store.recentArchived", () => new Map<string, Readonly<AttemptRow>>());
const RECENT_ARCHIVED_KEPT = 64;

function rememberArchived(attempt: Readonly<AttemptRow>): void {
  recentArchived.delete(attempt.id);
  recentArchived.set(attempt.id, attempt);
  if (recentArchived.size > RECENT_ARCHIVED_KEPT) recentArchived.delete(recentArchived.keys().next().value!);
}

/**
 * A finished attempt as its file holds it, transcript and all; null if there is no such finished attempt.
 * Read-only: do not change what comes back.
 */
export async function readArchivedAttempt(attemptId: string): Promise<Readonly<AttemptRow> | null> {
  const { userId } = archivedAttemptPath(attemptId);
  if (!(await archivedOverviewsOf(userId)).has(attemptId)) return null;
  const recent = recentArchived.get(attemptId);
  if (recent) return recent;
  const attempt = await withArchivedFile(attemptId, async (file) => file.data.attempt);
  rememberArchived(attempt);
  return attempt;
}

/**
 * Writes an attempt that has ended to its own file; once that is on disk, it is among its trainee's overviews.
 * The attempt is not copied: an attempt that has ended is never changed in the live records again, and leaves them
 * once this write is done.
 */
export async function writeArchivedAttempt(attempt: Readonly<AttemptRow>): Promise<void> {
  const { userId } = archivedAttemptPath(attempt.id);
  await withArchivedFile(attempt.id, (file) =>
    file.update((data) => {
      data.attempt = attempt as AttemptRow;
    }),
  );
  (await archivedOverviewsOf(userId)).set(attempt.id, overviewOf(attempt));
  rememberArchived(attempt);
}

/** Changes a finished attempt in its file (a trainer's comment or score adjustment); null if there is none. */
export async function changeArchivedAttempt<R>(attemptId: string, change: (attempt: AttemptRow) => R): Promise<{ result: R } | null> {
  const { userId } = archivedAttemptPath(attemptId);
  const overviews = await archivedOverviewsOf(userId);
  if (!overviews.has(attemptId)) return null;
  return withArchivedFile(attemptId, async (file) => {
    // Changed on the copy just read from the file, never on one a reader may hold.
    const result = await file.update((data) => change(data.attempt));
    overviews.set(attemptId, overviewOf(file.data.attempt));
    rememberArchived(file.data.attempt);
    return { result };
  });
}

/** The users whose files (`<userId>.json`) a directory of the store holds. */
async function userIdsIn(directory: string): Promise<string[]> {
  return (await namesIn(directory)).flatMap((name) => USER_FILE.exec(name)?.[1] ?? []);
}

/** The names in a directory of the store (a path relative to it); none if it does not exist yet. */
async function namesIn(directory: string): Promise<string[]> {
  try {
    return await readdir(path.join(dataDir(), directory));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Opens every store file once at start-up: migrates old ones, and throws (naming the file) on one that
 * does not parse, so the server refuses to start instead of running on half its data.
 */
export async function openAllStoreFiles(): Promise<void> {
  ensureRecovered(dataDir()); // what the last run's journal holds, before any file is read
  await usersFile();
  await teamsFile();
  await loginAttemptsFile();
  await certificatesFile();
  await assignmentsFile();
  for (const userId of await userIdsIn("users")) await userRecordsFile(userId);
  for (const userId of await userIdsIn("quizzes")) await quizAttemptsFile(userId);
  // Finished attempts' own files.
  const owners = await namesIn("attempts");
  for (const owner of owners.filter((o) => USER_ID.test(o))) await archivedOverviewsOf(owner);
}

/** Forgets open files (tests that switch DATA_DIR between cases). */
export function closeAllStoreFiles(): void {
  openFiles.clear();
  archivedIndex.clear();
  recentArchived.clear();
}
