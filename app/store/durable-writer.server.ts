import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { WorkerCalls } from "~/utils/worker-calls.server";
import { replayJournals } from "./journal-files";
import type { WriterJob, WriterResult } from "./writer-protocol";

/**
 * Durable writes, done by one writer thread (writer.worker.ts, built to build/workers/store-writer.js) so that
 * the server's event loop only posts a message per write. A write resolves once it would survive a crash or a
 * power cut, and rejects, having changed nothing, when it could not be made (a full disk among other causes):
 * see the worker for how.
 */

/** Where the built writer thread is: `npm run build` makes it, and so does the unit tests' global setup. */
export function writerThreadFile(): string {
  return path.resolve(process.env.STORE_WORKERS_DIR || "build/workers", "store-writer.js");
}

const writer = new WorkerCalls<number | undefined>(
  "store writer",
  () => {
    const file = writerThreadFile();
    if (!existsSync(file)) throw new Error(`The store's writer thread is not built (${file}): run \`npm run build\`.`);
    return new Worker(file, { execArgv: [] });
  },
  (results: WriterResult[]) =>
    results.map(({ id, offset, commits, error }) => ({
      id,
      value: offset ?? commits,
      error: error && new StoreWriteError(error.message, error.code),
    })),
);

/** A write the disk refused. `full` when it is out of space (or over quota): it will work again once space returns. */
export class StoreWriteError extends Error {
  readonly full: boolean;
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "StoreWriteError";
    this.full = code === "ENOSPC" || code === "EDQUOT";
  }
}

/** Whether writes are failing now: set by a refused write, cleared by the next one that succeeds. */
let failing: { code: string | undefined; since: string } | null = null;

export function writesFailing(): { code: string | undefined; since: string } | null {
  return failing;
}

function track<T>(write: Promise<T>): Promise<T> {
  return write.then(
    (value) => {
      failing = null;
      return value;
    },
    (error) => {
      if (error instanceof StoreWriteError) failing ??= { code: error.code, since: new Date().toISOString() };
      throw error;
    },
  );
}

/** Journal directories whose leftover journals have been replayed (or that had none) in this process. */
const recovered = new Set<string>();

/**
 * Replays what the journals in `dir` hold (a previous process's writes, some of which may not have reached their
 * files before a power cut) into the files, durably, and deletes the journals. Runs once per journal directory,
 * before the first read or write of a file under it.
 */
export function ensureRecovered(dir: string): void {
  if (recovered.has(dir)) return;
  replayJournals(dir);
  recovered.add(dir);
}

function nameIn(journalDir: string, file: string): string {
  const name = path.relative(journalDir, file);
  if (name.startsWith("..") || path.isAbsolute(name)) throw new Error(`${file} is not under its journal's directory ${journalDir}`);
  ensureRecovered(journalDir);
  return name;
}

const encoder = new TextEncoder();

function send(op: "replace" | "append", file: string, text: string, journalDir: string): Promise<number | undefined> {
  let name: string;
  try {
    name = nameIn(journalDir, file);
  } catch (error) {
    return Promise.reject(error);
  }
  // A fresh buffer of its own (never Node's shared pool), so it can be moved to the thread rather than copied.
  const payload = encoder.encode(text);
  return track(writer.call((id): WriterJob => ({ id, op, journal: journalDir, name, payload }), undefined, [payload.buffer as ArrayBuffer]));
}

/**
 * Replaces `file` with `text` durably, through the journal in `journalDir` (a directory that holds `file`, at
 * any depth).
 */
export async function writeFileDurably(file: string, text: string, journalDir = path.dirname(file)): Promise<void> {
  await send("replace", file, text, journalDir);
}

/** Appends `text` to `file` durably (creating it); resolves with the offset it was written at. */
export async function appendDurably(file: string, text: string, journalDir = path.dirname(file)): Promise<number> {
  return (await send("append", file, text, journalDir))!;
}

/**
 * Checkpoints every journal now and closes it, so that the files alone are durable (a clean stop, and tests that
 * look at a directory's files).
 */
export async function checkpointJournals(): Promise<void> {
  await writer.call((id): WriterJob => ({ id, op: "checkpoint" }));
}

/** How many journal commits the writer thread has made: a burst of writes shares one (tests count them). */
export async function journalCommits(): Promise<number> {
  return (await writer.call((id): WriterJob => ({ id, op: "commits" })))!;
}
