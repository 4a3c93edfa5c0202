import { readdir } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "./config.server";
import { singleton } from "./singleton.server";
import { openStoreFile, type FileKind, type StoreFile, type Versioned } from "./store-file.server";
import type { AssignmentsData, CertificatesData, UserArchiveData, LoginAttemptsData, TeamsData, UserRecordsData, UsersData } from "./schema";

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
    empty: () => ({ schemaVersion: 4, userId, progress: {}, attempts: [], quizAttempts: [] }),
    migrations: [
      // 1 → 2: role-play attempts.
      (v1) => ({ ...v1, attempts: [] }),
      // 2 → 3: quiz attempts.
      (v2) => ({ ...v2, quizAttempts: [] }),
      // 3 → 4: trainers' comments and score adjustments on role-play attempts.
      (v3) => ({ ...v3, attempts: v3.attempts.map((a: object) => ({ ...a, comments: [], adjustments: [] })) }),
    ],
  };
}

export function userArchiveKind(userId: string): FileKind<UserArchiveData> {
  return { name: "user-archive", empty: () => ({ schemaVersion: 1, userId, attempts: [] }), migrations: [] };
}

const USER_ID = /^[a-z0-9]{6,40}$/;

/** Open files, keyed by absolute path: one lowdb instance per file per process. */
const openFiles = singleton("store.openFiles", () => new Map<string, Promise<StoreFile<any>>>());

function openCached<T extends Versioned>(file: string, kind: FileKind<T>): Promise<StoreFile<T>> {
  let opening = openFiles.get(file) as Promise<StoreFile<T>> | undefined;
  if (!opening) {
    opening = openStoreFile(file, kind);
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
  // The id becomes a file name: only our own generated ids are allowed, never a path.
  if (!USER_ID.test(userId)) throw new Error(`invalid user id for a store file: ${JSON.stringify(userId)}`);
  return openCached(path.join(dataDir(), "users", `${userId}.json`), userRecordsKind(userId));
}

/** A trainee's archive of finished role-play attempts, beside their records file. */
export function userArchiveFile(userId: string): Promise<StoreFile<UserArchiveData>> {
  if (!USER_ID.test(userId)) throw new Error(`invalid user id for a store file: ${JSON.stringify(userId)}`);
  return openCached(path.join(dataDir(), "users", `${userId}.archive.json`), userArchiveKind(userId));
}

/**
 * Opens every store file once at start-up: migrates old ones, and throws (naming the file) on one that
 * does not parse, so the server refuses to start instead of running on half its data.
 */
export async function openAllStoreFiles(): Promise<void> {
  await usersFile();
  await teamsFile();
  await loginAttemptsFile();
  await certificatesFile();
  await assignmentsFile();
  let names: string[] = [];
  try {
    names = await readdir(path.join(dataDir(), "users"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  for (const name of names) {
    const records = /^([a-z0-9]{6,40})\.json$/.exec(name);
    if (records) await userRecordsFile(records[1]);
    const archive = /^([a-z0-9]{6,40})\.archive\.json$/.exec(name);
    if (archive) await userArchiveFile(archive[1]);
  }
}

/** Forgets open files (tests that switch DATA_DIR between cases). */
export function closeAllStoreFiles(): void {
  openFiles.clear();
}
