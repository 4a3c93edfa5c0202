import { readdirSync, statSync } from "node:fs";
import { mkdir, readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { overviewOf, type AttemptOverview } from "./attempt-overview";
import { applyEvent, foldEvents } from "./attempt-events";
import { dataDir } from "./config.server";
import { appendDurably, ensureRecovered, writeFileDurably } from "./durable-writer.server";
import { truncateTo } from "./journal-files";
import { StoreFileCorruptError } from "./durable-file.server";
import { describeIssues, StoreFileShapeError } from "./store-file.server";
import { singleton } from "./singleton.server";
import { archivedAttemptDataSchema, attemptEventSchema, USER_ID, USER_ID_PART, type AttemptEvent, type AttemptRow } from "./schema";

/**
 * Role-play attempts, each in a log of its own: attempts/<userId>/<random part>.jsonl, one JSON line per event
 * (start, turn, end, a trainer's comment or score change), appended durably through the store's journal. A turn
 * writes its own line (a few KB), never the attempt or the trainee's records again.
 *
 * The server keeps an overview of every attempt (no snapshot, no transcript) per trainee, read from the logs once;
 * attempts in progress whole; and the last few ended attempts opened. The rest is read from its log when someone
 * opens it.
 */

/** Attempt ids are `<userId>.<96 random bits>`: they name the file the attempt lives in. */
export const ATTEMPT_ID = new RegExp(`^(${USER_ID_PART})\\.([A-Za-z0-9_-]{16})$`);
const LOG_NAME = /^([A-Za-z0-9_-]{16})\.jsonl$/;
const LEGACY_NAME = /^([A-Za-z0-9_-]{16})\.json$/;

export function attemptOwner(attemptId: string): string | null {
  return ATTEMPT_ID.exec(attemptId)?.[1] ?? null;
}

function logFile(attemptId: string): string {
  const match = ATTEMPT_ID.exec(attemptId);
  if (!match) throw new Error(`invalid attempt id for a store file: ${JSON.stringify(attemptId)}`);
  return path.join(dataDir(), "attempts", match[1], `${match[2]}.jsonl`);
}

/** The events of a log's text; a last line cut short (a write that was never acknowledged) is left out. */
export function parseLog(text: string, file: string): { events: AttemptEvent[]; wholeBytes: number } {
  const events: AttemptEvent[] = [];
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf("\n", at);
    if (end < 0) break; // torn: never acknowledged
    const line = text.slice(at, end);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      // Every event is one line ending in a newline, written whole or cut short before its newline: a whole line
      // that does not parse was damaged after it was written.
      throw new StoreFileCorruptError(file, `line ${events.length + 1}: ${(error as Error).message}`);
    }
    const checked = attemptEventSchema.safeParse(value);
    if (!checked.success) throw new StoreFileShapeError(file, `line ${events.length + 1}: ${describeIssues(checked.error)}`);
    events.push(value as AttemptEvent);
    at = end + 1;
  }
  return { events, wholeBytes: Buffer.byteLength(text.slice(0, at)) };
}

/** Appends events to an attempt's log, durably; resolves with the attempt they make. */
export type AppendEvents = (...events: AttemptEvent[]) => Promise<Readonly<AttemptRow>>;

/** One attempt's log, open: its events so far and what they add up to. Appends run one at a time. */
class AttemptLog {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    public attempt: AttemptRow,
  ) {}

  /**
   * Runs `use` alone on this attempt (no other change of it runs meanwhile); `use` may append events with
   * `append`, each durable before it is applied to the attempt in memory, so a write that fails leaves the
   * attempt as it was on disk.
   */
  exclusive<R>(use: (attempt: Readonly<AttemptRow>, append: AppendEvents) => Promise<R>): Promise<R> {
    const run = this.#queue.then(() => use(this.attempt, (...events) => this.#append(events)));
    this.#queue = run.catch(() => {});
    return run;
  }

  async #append(events: AttemptEvent[]): Promise<Readonly<AttemptRow>> {
    await appendDurably(this.file, events.map((e) => JSON.stringify(e) + "\n").join(""), dataDir());
    for (const event of events) this.attempt = applyEvent(this.attempt, event);
    const userId = attemptOwner(this.attempt.id)!;
    (await overviewsOf(userId)).set(this.attempt.id, overviewOf(this.attempt));
    remember(this);
    return this.attempt;
  }
}

/** Each trainee's attempts as overviews, by id, read from their logs once. */
const overviewsByUser = singleton("store.attemptOverviews", () => new Map<string, Promise<Map<string, AttemptOverview>>>());
/** Attempts in progress, and the most recently used ended ones (a trainee's report is opened as the call ends). */
const openLogs = singleton("store.openAttemptLogs", () => new Map<string, AttemptLog>());
const ENDED_KEPT_OPEN = 64;

function remember(log: AttemptLog): void {
  openLogs.delete(log.attempt.id);
  openLogs.set(log.attempt.id, log);
  if (openLogs.size <= ENDED_KEPT_OPEN) return;
  for (const [id, open] of openLogs) {
    if (openLogs.size <= ENDED_KEPT_OPEN) break;
    if (open.attempt.status !== "active") openLogs.delete(id);
  }
}

export function overviewsOf(userId: string): Promise<Map<string, AttemptOverview>> {
  if (!USER_ID.test(userId)) return Promise.reject(new Error(`invalid user id: ${JSON.stringify(userId)}`));
  let overviews = overviewsByUser.get(userId);
  if (!overviews) {
    overviews = readUserLogs(userId);
    overviewsByUser.set(userId, overviews);
    overviews.catch(() => overviewsByUser.delete(userId));
  }
  return overviews;
}

/** The names in a directory; none if it is not there. */
export async function namesIn(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Reads a log whole (cutting off a torn last line, which was never acknowledged). */
async function readLog(file: string): Promise<AttemptEvent[]> {
  const text = await readFile(file, "utf8");
  const { events, wholeBytes } = parseLog(text, file);
  if (wholeBytes < Buffer.byteLength(text)) truncateTo(file, wholeBytes);
  if (!events.length) throw new StoreFileShapeError(file, "an attempt's log holds no whole event");
  return events;
}

async function readUserLogs(userId: string): Promise<Map<string, AttemptOverview>> {
  ensureRecovered(dataDir());
  const directory = path.join(dataDir(), "attempts", userId);
  const overviews = new Map<string, AttemptOverview>();
  const names = await namesIn(directory);
  await carryOverLegacy(userId, directory, names);
  for (const name of await namesIn(directory)) {
    const match = LOG_NAME.exec(name);
    if (!match) continue;
    const file = path.join(directory, name);
    const attempt = foldEvents(await readLog(file));
    overviews.set(attempt.id, overviewOf(attempt));
    // Attempts in progress stay open: every turn needs them.
    if (attempt.status === "active") openLogs.set(attempt.id, new AttemptLog(file, attempt));
  }
  return overviews;
}

/**
 * Attempts written before logs existed, one whole JSON file each: each becomes a log of one `row` event, written
 * durably before the old file is removed (a crash in between leaves both; the log wins).
 */
async function carryOverLegacy(userId: string, directory: string, names: string[]): Promise<void> {
  for (const name of names) {
    const match = LEGACY_NAME.exec(name);
    if (!match) continue;
    const legacy = path.join(directory, name);
    const log = path.join(directory, `${match[1]}.jsonl`);
    if (!names.includes(`${match[1]}.jsonl`)) {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(legacy, "utf8"));
      } catch (error) {
        throw new StoreFileCorruptError(legacy, (error as Error).message);
      }
      const checked = archivedAttemptDataSchema.safeParse(raw);
      if (!checked.success) throw new StoreFileShapeError(legacy, describeIssues(checked.error));
      const attempt = (raw as { attempt: AttemptRow }).attempt;
      if (attemptOwner(attempt.id) !== userId) throw new StoreFileShapeError(legacy, `attempt ${attempt.id} is not ${userId}'s`);
      await writeFileDurably(log, JSON.stringify({ t: "row", attempt } satisfies AttemptEvent) + "\n", dataDir());
    }
    await rm(legacy, { force: true });
  }
}

/** An attempt's log, opened (from memory if it is in progress or was used lately); null if there is none. */
async function openLog(attemptId: string): Promise<AttemptLog | null> {
  const userId = attemptOwner(attemptId);
  if (!userId || !(await overviewsOf(userId)).has(attemptId)) return null;
  const open = openLogs.get(attemptId);
  if (open) return open;
  const file = logFile(attemptId);
  const log = new AttemptLog(file, foldEvents(await readLog(file)));
  remember(log);
  return log;
}

/** An attempt with its transcript; null if there is no such attempt. Read-only: do not change what comes back. */
export async function readAttempt(attemptId: string): Promise<Readonly<AttemptRow> | null> {
  return (await openLog(attemptId))?.attempt ?? null;
}

const madeDirectories = new Set<string>();

/** Writes a new attempt's log with its start; its overview joins its trainee's. */
export async function createAttemptLog(attempt: AttemptRow): Promise<void> {
  const userId = attemptOwner(attempt.id);
  if (!userId) throw new Error(`invalid attempt id: ${attempt.id}`);
  const overviews = await overviewsOf(userId);
  const { turns: _t, result: _r, comments: _c, adjustments: _a, ...start } = attempt;
  const event: AttemptEvent = { t: "start", attempt: start };
  const file = logFile(attempt.id);
  if (!madeDirectories.has(path.dirname(file))) {
    await mkdir(path.dirname(file), { recursive: true });
    madeDirectories.add(path.dirname(file));
  }
  await appendDurably(file, JSON.stringify(event) + "\n", dataDir());
  const log = new AttemptLog(file, applyEvent(null, event));
  overviews.set(attempt.id, overviewOf(log.attempt));
  remember(log);
}

/** Runs `use` alone on one attempt, with the means to append to its log; null if there is no such attempt. */
export async function withAttemptLog<R>(
  attemptId: string,
  use: (attempt: Readonly<AttemptRow>, append: AppendEvents) => Promise<R>,
): Promise<{ result: R } | null> {
  const log = await openLog(attemptId);
  if (!log) return null;
  return { result: await log.exclusive(use) };
}

/** Every trainee with attempt logs (read at start-up, so that a broken log stops the server before it serves). */
export function usersWithAttempts(): string[] {
  const root = path.join(dataDir(), "attempts");
  try {
    return readdirSync(root).filter((name) => USER_ID.test(name) && statSync(path.join(root, name)).isDirectory());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Forgets one trainee's attempts, to read them again (after logs were carried over from an older store). */
export function forgetUserAttempts(userId: string): void {
  overviewsByUser.delete(userId);
  for (const id of [...openLogs.keys()]) if (attemptOwner(id) === userId) openLogs.delete(id);
}

/** Forgets what is open (tests that switch DATA_DIR between cases). */
export function closeAttemptLogs(): void {
  overviewsByUser.clear();
  openLogs.clear();
}
