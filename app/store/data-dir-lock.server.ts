import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * One server per data directory. Two processes writing one store lose acknowledged data (each holds the files in
 * memory and overwrites the other's writes), so the first takes `DATA_DIR/.lock` before anything is read, and a
 * second refuses to start, naming the directory and the process that holds it.
 *
 * The lock file is created exclusively and holds the owner's pid, host and start time. A lock whose process is
 * gone (a crash, a SIGKILL) is stale: the next server takes it over. It is removed when the process exits.
 */

export const LOCK_NAME = ".lock";

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly host: string,
  ) {
    super(
      `数据目录正被另一个服务器进程使用 / the data directory ${dir} is in use by another server process (pid ${pid}${host !== os.hostname() ? ` on ${host}` : ""}). ` +
        "Only one server may use a data directory: stop that one, or give this one another DATA_DIR.",
    );
    this.name = "DataDirLockedError";
  }
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, but someone else's
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.host === "string" ? { pid: owner.pid, host: owner.host, startedAt: String(owner.startedAt) } : null;
  } catch {
    return null; // unreadable or half-written: a crash while taking it
  }
}

let held: string | null = null;

/** Takes the lock on `dir` for this process, or throws DataDirLockedError. Released when the process exits. */
export function lockDataDir(dir: string): void {
  if (held === dir) return;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_NAME);
  const mine: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      held = dir;
      process.once("exit", () => releaseDataDirLock());
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(file);
    // Another host's pid says nothing about this host's processes: such a lock is never taken over.
    if (owner && owner.pid !== process.pid && (owner.host !== os.hostname() || isRunning(owner.pid))) throw new DataDirLockedError(dir, owner.pid, owner.host);
    // Stale: its process is gone. Taken over by an atomic rename, then read back: of two servers taking over the
    // same stale lock at once, the one whose rename came last holds it, and the other sees that and refuses.
    const temp = `${file}.${process.pid}`;
    writeFileSync(temp, JSON.stringify(mine), { mode: 0o600 });
    renameSync(temp, file);
    const now = readOwner(file);
    if (now?.pid === process.pid) {
      held = dir;
      process.once("exit", () => releaseDataDirLock());
      return;
    }
    if (now) throw new DataDirLockedError(dir, now.pid, now.host);
  }
  throw new Error(`could not take the lock on ${dir}`);
}

/** Gives the lock up (a clean stop; tests). */
export function releaseDataDirLock(): void {
  if (!held) return;
  const file = path.join(held, LOCK_NAME);
  if (readOwner(file)?.pid === process.pid) {
    try {
      unlinkSync(file);
    } catch {
      /* already gone */
    }
  }
  held = null;
}
