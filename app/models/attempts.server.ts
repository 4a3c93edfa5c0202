import { randomBytes } from "node:crypto";
import { judgeAttempt } from "~/roleplay/result";
import { answerTurnOnEngine } from "~/roleplay/engine-thread.server";
import { startRoleplay, TurnRefused, type Answer, type TurnRecord } from "~/roleplay/runner";
import { getMachine } from "~/roleplay/machines.server";
import type { ScenarioScript } from "~/roleplay/script";
import { archivedOverviews, changeArchivedAttempt, readArchivedAttempt, userRecordsFile, writeArchivedAttempt } from "~/store/db.server";
import { overviewOf, type AttemptOverview } from "~/store/attempt-overview";
import { userExists } from "./users.server";
import type { AttemptRow } from "~/store/schema";
import { issueCertificateIfEligible } from "./certificates.server";

export type Attempt = AttemptRow;
export type { AttemptOverview };
export type Mode = AttemptRow["mode"];

/**
 * Attempt ids are `<userId>.<96 random bits>`: unguessable, and they name the file the attempt lives in, so
 * finding an attempt's owner reads one trainee's file instead of an index that grows with every attempt.
 */
export function newAttemptId(userId: string): string {
  return `${userId}.${randomBytes(12).toString("base64url")}`;
}

/** The trainee an attempt id names, if that id has the right shape (the attempt may still not exist). */
export function ownerIdOf(attemptId: string): string | null {
  const match = /^([a-z0-9]{6,40})\.[A-Za-z0-9_-]{16}$/.exec(attemptId);
  return match ? match[1] : null;
}

/**
 * Every role-play attempt of a trainee, as overviews (no transcript): the ones in progress from their records
 * file, then the finished and abandoned ones in the order they ended. Read-only: do not change what comes back.
 */
export async function allAttempts(userId: string): Promise<ReadonlyArray<Readonly<AttemptOverview>>> {
  const live = await userRecordsFile(userId);
  const archived = await archivedOverviews(userId);
  const ended = [...archived.values()].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  return [...live.data.attempts.filter((a) => !archived.has(a.id)).map(overviewOf), ...ended];
}

/** Whose role-play attempt an id is; null for an id that does not exist. */
export async function findAttemptOwner(attemptId: string): Promise<{ userId: string; scenarioId: string } | null> {
  const userId = ownerIdOf(attemptId);
  if (!userId || !(await userExists(userId))) return null;
  const live = (await userRecordsFile(userId)).data.attempts.find((a) => a.id === attemptId);
  const attempt = live ?? (await archivedOverviews(userId)).get(attemptId);
  return attempt ? { userId, scenarioId: attempt.scenarioId } : null;
}

/**
 * One attempt of a trainee with its transcript: from the live file (an attempt being played is there), else its own
 * file. Read-only: do not change what comes back.
 */
export async function getAttempt(userId: string, attemptId: string): Promise<Readonly<Attempt> | null> {
  if (ownerIdOf(attemptId) !== userId) return null;
  const live = await userRecordsFile(userId);
  const inProgress = live.data.attempts.find((a) => a.id === attemptId);
  return inProgress ?? (await readArchivedAttempt(attemptId));
}

/** Changes an archived attempt (a trainer's comment or score adjustment); false if it is not archived. */
export async function updateArchivedAttempt<R>(userId: string, attemptId: string, change: (attempt: Attempt) => R): Promise<{ found: true; result: R } | { found: false }> {
  if (ownerIdOf(attemptId) !== userId) return { found: false };
  const changed = await changeArchivedAttempt(attemptId, change);
  return changed ? { found: true, result: changed.result } : { found: false };
}

/**
 * Moves attempts that are no longer in progress to files of their own: each is written to its file first, then
 * removed from the records, so a crash in between leaves it in both, and readers take the file's copy.
 */
async function archiveEnded(userId: string): Promise<void> {
  const live = await userRecordsFile(userId);
  const ended = live.data.attempts.filter((a) => a.status !== "active");
  if (!ended.length) return;
  for (const attempt of ended) await writeArchivedAttempt(attempt);
  const ids = new Set(ended.map((a) => a.id));
  await live.update((data) => {
    data.attempts = data.attempts.filter((a) => !ids.has(a.id));
  });
}

/** The attempt a trainee is in the middle of for a scenario and mode, if any. Read-only: do not change it. */
export async function getActiveAttempt(userId: string, scenarioId: string, mode: Mode): Promise<Readonly<Attempt> | null> {
  const file = await userRecordsFile(userId);
  return file.data.attempts.find((a) => a.scenarioId === scenarioId && a.mode === mode && a.status === "active") ?? null;
}

/**
 * Starts an attempt, or returns the one already active for this scenario and mode (a double-clicked start makes
 * one attempt). An active attempt on an older script version is closed as abandoned: its snapshot belongs to
 * another machine.
 */
export async function startAttempt(userId: string, script: ScenarioScript, mode: Mode, now = new Date()): Promise<Attempt> {
  const file = await userRecordsFile(userId);
  const step = startRoleplay(getMachine(script));
  const started = await file.update((data) => {
    const active = data.attempts.find((a) => a.scenarioId === script.id && a.mode === mode && a.status === "active");
    if (active && active.scenarioVersion === script.version) return structuredClone(active);
    if (active) {
      active.status = "abandoned";
      active.updatedAt = now.toISOString();
    }
    const at = now.toISOString();
    const attempt: Attempt = {
      id: newAttemptId(userId),
      scenarioId: script.id,
      scenarioVersion: script.version,
      scenarioTitle: script.title,
      mode,
      status: "active",
      startedAt: at,
      updatedAt: at,
      finishedAt: null,
      snapshot: step.snapshot,
      state: step.state,
      emotion: step.context.emotion,
      minute: step.context.minute,
      turns: [],
      result: null,
      comments: [],
      adjustments: [],
    };
    data.attempts.push(attempt);
    return structuredClone(attempt);
  });
  await archiveEnded(userId);
  return started;
}

/** What a caller needs of the attempt after a turn (a whole copy of the attempt cost more than the turn's scoring). */
export type PlayedAttempt = Pick<Attempt, "id" | "status" | "state" | "mode">;

const played = (a: Attempt): PlayedAttempt => ({ id: a.id, status: a.status, state: a.state, mode: a.mode });

export type TurnOutcome =
  | { ok: true; attempt: PlayedAttempt; duplicate: boolean }
  | { ok: false; error: "not-found" | "finished" | "out-of-order" | "outdated" | "refused" | "answered-elsewhere" };

/** Whether a recorded turn is this answer: the same reply, or the same suggestion chosen. */
function isSameAnswer(record: TurnRecord, answer: Answer, script: ScenarioScript): boolean {
  if (answer.kind === "reply") return record.kind === "reply" && record.text === answer.text;
  return record.kind === "choice" && record.text === script.turns[record.turn]?.suggestions[answer.index]?.text;
}

/**
 * The outcome for turn `n` when it is already recorded: the same answer posted again (a double click, a retry) is
 * answered as before; a different one was typed in another window or device, and is refused so it is not lost
 * silently.
 */
function recordedTurn(attempt: Readonly<Attempt>, n: number, answer: Answer, script: ScenarioScript): TurnOutcome | null {
  const record = attempt.turns.find((t) => t.n === n);
  if (!record) return null;
  return isSameAnswer(record, answer, script) ? { ok: true, attempt: played(attempt), duplicate: true } : { ok: false, error: "answered-elsewhere" };
}

/** Why turn `n` cannot be played on this attempt now, or null if it can. */
function turnRefusal(attempt: Attempt, n: number, answer: Answer, script: ScenarioScript): TurnOutcome | null {
  const recorded = recordedTurn(attempt, n, answer, script);
  if (recorded) return recorded;
  if (attempt.status !== "active") return { ok: false, error: "finished" };
  if (n !== attempt.turns.length + 1) return { ok: false, error: "out-of-order" };
  if (attempt.scenarioVersion !== script.version || attempt.scenarioId !== script.id) return { ok: false, error: "outdated" };
  if (answer.kind === "choose" && attempt.mode === "assessment") return { ok: false, error: "refused" };
  return null;
}

/** The outcome for a turn of an attempt that is no longer live: a replay of a recorded turn is answered as before. */
async function archivedTurn(userId: string, attemptId: string, n: number, answer: Answer, script: ScenarioScript): Promise<TurnOutcome> {
  const archived = await getAttempt(userId, attemptId);
  if (!archived) return { ok: false, error: "not-found" };
  return recordedTurn(archived, n, answer, script) ?? { ok: false, error: "finished" };
}

/**
 * Plays turn number `n` of an attempt. The reply is scored and the machine stepped on the engine thread; the
 * result is recorded in one synchronous store update that first checks again that turn `n` is still the next
 * one, so two posts of the same turn (a double click, a replay) advance the machine once: the second finds the
 * turn already recorded and gets the attempt as it is, or, if it answers differently (typed in another window),
 * is refused as answered elsewhere.
 */
export async function playTurn(userId: string, attemptId: string, n: number, answer: Answer, script: ScenarioScript, now = new Date()): Promise<TurnOutcome> {
  const file = await userRecordsFile(userId);
  const live = file.data.attempts.find((a) => a.id === attemptId);
  if (!live) return archivedTurn(userId, attemptId, n, answer, script);
  const refusal = turnRefusal(live, n, answer, script);
  if (refusal) return refusal;

  let answered;
  try {
    answered = await answerTurnOnEngine(script, live.snapshot, answer, n, now);
  } catch (error) {
    if (error instanceof TurnRefused) return { ok: false, error: "refused" };
    throw error;
  }
  const { step, record } = answered;
  const outcome = await file.update((data): TurnOutcome | "archived" => {
    const attempt = data.attempts.find((a) => a.id === attemptId);
    if (!attempt) return "archived"; // finished and moved out by a concurrent post of the same turn
    const changed = turnRefusal(attempt, n, answer, script);
    if (changed) return changed;
    attempt.turns.push(record);
    attempt.snapshot = step.snapshot;
    attempt.state = step.state;
    attempt.emotion = step.context.emotion;
    attempt.minute = step.context.minute;
    attempt.updatedAt = now.toISOString();
    if (step.ended) {
      attempt.status = "finished";
      attempt.finishedAt = now.toISOString();
      attempt.result = judgeAttempt(script, step.state, step.context, attempt.turns);
    }
    return { ok: true, attempt: played(attempt), duplicate: false };
  });
  if (outcome === "archived") return archivedTurn(userId, attemptId, n, answer, script);
  if (outcome.ok && !outcome.duplicate && outcome.attempt.status === "finished") {
    await archiveEnded(userId);
    if (outcome.attempt.mode === "assessment") await issueCertificateIfEligible(userId, now);
  }
  return outcome;
}

/** Gives up an active attempt (the trainee starts over). */
export async function abandonAttempt(userId: string, attemptId: string, now = new Date()): Promise<boolean> {
  const file = await userRecordsFile(userId);
  const abandoned = await file.update((data) => {
    const attempt = data.attempts.find((a) => a.id === attemptId && a.status === "active");
    if (!attempt) return false;
    attempt.status = "abandoned";
    attempt.updatedAt = now.toISOString();
    return true;
  });
  await archiveEnded(userId);
  return abandoned;
}
