import { randomBytes } from "node:crypto";
import { judgeAttempt } from "~/roleplay/result";
import { answerTurnOnEngine } from "~/roleplay/engine-thread.server";
import { startRoleplay, TurnRefused, type Answer, type TurnRecord } from "~/roleplay/runner";
import { getMachine } from "~/roleplay/machines.server";
import type { ScenarioScript } from "~/roleplay/script";
import { attemptOwner } from "~/store/attempt-logs.server";
import type { AttemptOverview } from "~/store/attempt-overview";
import type { User } from "./users.server";
import type { AssessmentGrant, AttemptEvent, AttemptRow } from "~/store/schema";
import type { TrainerEvent, TurnEvent, TurnPlay } from "./store-backends";
import { assessmentAllowance, type AttemptAllowance } from "~/roleplay/attempt-limit";
import { settings } from "~/config.server";
import { recordsStore } from "./records-store.server";
import { issueCertificateIfEligible } from "./certificates.server";
import { attemptsStore as store } from "./attempts-store.server";

export type Attempt = AttemptRow;
export type { AttemptOverview };
export type Mode = AttemptRow["mode"];

/**
 * Attempt ids are `<userId>.<96 random bits>`: unguessable, and they name the file the attempt lives in, so
 * finding an attempt's owner reads one trainee's attempts instead of an index that grows with every attempt.
 */
export function newAttemptId(userId: string): string {
  return `${userId}.${randomBytes(12).toString("base64url")}`;
}

/** The trainee an attempt id names, if that id has the right shape (the attempt may still not exist). */
export function ownerIdOf(attemptId: string): string | null {
  return attemptOwner(attemptId);
}

/**
 * Every role-play attempt of a trainee, as overviews (no transcript): the ones in progress first, then the
 * finished and abandoned ones in the order they ended. An author's tries of a scenario's draft are not among
 * them: they are in no record, list, dashboard or export. Read-only: do not change what comes back.
 */
export async function allAttempts(userId: string): Promise<ReadonlyArray<Readonly<AttemptOverview>>> {
  const all = (await store().overviews(userId)).filter((a) => !a.draft);
  const ended = all.filter((a) => a.status !== "active").sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  return [...all.filter((a) => a.status === "active"), ...ended];
}

/**
 * The calls on record, which reports, histories and trainers' lists show: finished ones, and assessments given up
 * (an abandoned assessment counts toward the attempt limit and is seen by the trainer; practice restarts freely).
 */
export function isOnRecord(a: Pick<AttemptOverview, "status" | "mode"> & { result: unknown }): boolean {
  return (a.status === "finished" && a.result !== null) || (a.status === "abandoned" && a.mode === "assessment");
}

/** A trainee's attempts as overviews by id, draft tries included, from the store. */
async function overviewsOf(userId: string): Promise<Map<string, Readonly<AttemptOverview>>> {
  return new Map((await store().overviews(userId)).map((a) => [a.id, a]));
}

/** Whose role-play attempt an id is; null for an id that does not exist. */
export async function findAttemptOwner(attemptId: string): Promise<{ userId: string; scenarioId: string; mode: Mode } | null> {
  const userId = ownerIdOf(attemptId);
  if (!userId) return null;
  const place = await store().placeOf(attemptId);
  return place?.userId === userId ? place : null;
}

/** One attempt of a trainee with its transcript. Read-only: do not change what comes back. */
export async function getAttempt(userId: string, attemptId: string): Promise<Readonly<Attempt> | null> {
  if (ownerIdOf(attemptId) !== userId) return null;
  return store().get(attemptId);
}

const TRAINER_EVENTS = new Set<AttemptEvent["t"]>(["comment", "comment-edit", "comment-delete", "adjust", "reviewed", "dispute", "dispute-withdraw"]);
const isTrainerEvent = (event: AttemptEvent): event is TrainerEvent => TRAINER_EVENTS.has(event.t);

/** Adds a trainer's comment or score change to an attempt that has ended; false if there is no such attempt. */
export async function addToEndedAttempt<R>(
  userId: string,
  attemptId: string,
  decide: (attempt: Readonly<Attempt>) => { result: R; event: AttemptEvent | null },
): Promise<{ found: true; result: R } | { found: false }> {
  if (ownerIdOf(attemptId) !== userId) return { found: false };
  // Alone on the attempt: decided on it as the change before left it, and recorded in the same step.
  const done = await store().changeEnded(attemptId, (attempt) => {
    const { result, event } = decide(attempt);
    if (event && !isTrainerEvent(event)) throw new Error(`not something a trainer records on an ended call: "${event.t}"`);
    return { result, event };
  });
  return done ? { found: true, result: done.result } : { found: false };
}

/** The attempt a trainee is in the middle of for a scenario and mode, if any. Read-only: do not change it. */
export async function getActiveAttempt(userId: string, scenarioId: string, mode: Mode): Promise<Readonly<Attempt> | null> {
  return store().active(userId, scenarioId, mode);
}

/** A new assessment attempt was refused: the trainee has started as many of this scenario as the period allows. */
export class AssessmentLimitReached extends Error {
  constructor(readonly allowance: AttemptAllowance) {
    super("assessment attempt limit reached");
  }
}

const startsOf = (overviews: Iterable<AttemptOverview>, scenarioId: string) =>
  [...overviews].filter((a) => a.scenarioId === scenarioId && a.mode === "assessment").map((a) => a.startedAt);

const grantTimes = (grants: readonly AssessmentGrant[] | undefined, scenarioId: string) =>
  (grants ?? []).filter((g) => g.scenarioId === scenarioId).map((g) => g.at);

const limitRule = () => ({ attempts: settings.assessmentAttempts(), periodDays: settings.assessmentPeriodDays() });

/** How many assessment attempts of a scenario the trainee has started within the period, and whether another may start. */
export async function assessmentAllowanceFor(userId: string, scenarioId: string, now: Date): Promise<AttemptAllowance> {
  const [overviews, grants] = await Promise.all([overviewsOf(userId), recordsStore().grants(userId)]);
  return assessmentAllowance(startsOf(overviews.values(), scenarioId), grantTimes(grants, scenarioId), now, limitRule());
}

/** The extra assessment attempts trainers granted a trainee for a scenario, oldest first. */
export async function assessmentGrantsFor(userId: string, scenarioId: string): Promise<AssessmentGrant[]> {
  return (await recordsStore().grants(userId)).filter((g) => g.scenarioId === scenarioId);
}

/**
 * A trainer lets a trainee start one more assessment of a scenario than the limit allows; recorded with who and
 * when. Refused while the trainee may still start one (nothing to grant).
 */
export async function grantAssessmentAttempt(
  traineeId: string,
  scenarioId: string,
  by: User,
  now: Date,
): Promise<{ ok: true } | { ok: false; error: "not-needed" }> {
  const overviews = await overviewsOf(traineeId);
  const starts = startsOf(overviews.values(), scenarioId);
  // Decided inside the write: two trainers granting at once grant one attempt.
  const grant = { scenarioId, byId: by.id, byName: by.displayName, at: now.toISOString() };
  const refuse = (grants: AssessmentGrant[]) => assessmentAllowance(starts, grantTimes(grants, scenarioId), now, limitRule()).allowed;
  return (await recordsStore().addGrantUnless(traineeId, grant, refuse)) ? ({ ok: true } as const) : ({ ok: false, error: "not-needed" } as const);
}

/** Starts of one trainee, one at a time: a double-clicked start must find the attempt the first one made. */
const starting = new Map<string, Promise<unknown>>();

/**
 * Starts an attempt, or returns the one already active for this scenario and mode (a double-clicked start makes
 * one attempt). An active attempt on an older script version is closed as abandoned: its snapshot belongs to
 * another machine (its replacement needs no allowance: the trainee did not give it up). A new assessment attempt
 * beyond the period's limit throws AssessmentLimitReached. `draft`: an author trying a draft (kept off every record).
 */
export function startAttempt(userId: string, script: ScenarioScript, mode: Mode, now = new Date(), draft = false): Promise<Readonly<Attempt>> {
  const run = (starting.get(userId) ?? Promise.resolve())
    .catch(() => {})
    .then(async () => {
      const active = await getActiveAttempt(userId, script.id, mode);
      if (active && active.scenarioVersion === script.version) return active;
      if (mode === "assessment" && !active) {
        const allowance = await assessmentAllowanceFor(userId, script.id, now);
        if (!allowance.allowed) throw new AssessmentLimitReached(allowance);
      }
      if (active) await abandonAttempt(userId, active.id, now);
      const step = startRoleplay(getMachine(script));
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
        ...(draft ? { draft: true as const } : {}),
      };
      // On PostgreSQL a start posted to another server meanwhile may have come first: its attempt is the one.
      return store().start(userId, attempt);
    });
  starting.set(userId, run);
  run.finally(() => starting.get(userId) === run && starting.delete(userId)).catch(() => {});
  return run;
}

/** What a caller needs of the attempt after a turn (a whole copy of the attempt cost more than the turn's scoring). */
export type PlayedAttempt = Pick<Attempt, "id" | "status" | "state" | "mode">;

export type TurnOutcome =
  /** The attempt as it is after the turn (or, for a repeated post, as it is now): the next turn's view is made from it. */
  | { ok: true; attempt: Readonly<Attempt>; duplicate: boolean }
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
  return isSameAnswer(record, answer, script) ? { ok: true, attempt, duplicate: true } : { ok: false, error: "answered-elsewhere" };
}

/** Why turn `n` cannot be played on this attempt now, or null if it can. */
function turnRefusal(attempt: Readonly<Attempt>, n: number, answer: Answer, script: ScenarioScript): TurnOutcome | null {
  const recorded = recordedTurn(attempt, n, answer, script);
  if (recorded) return recorded;
  if (attempt.status !== "active") return { ok: false, error: "finished" };
  if (n !== attempt.turns.length + 1) return { ok: false, error: "out-of-order" };
  if (attempt.scenarioVersion !== script.version || attempt.scenarioId !== script.id) return { ok: false, error: "outdated" };
  if (answer.kind === "choose" && attempt.mode === "assessment") return { ok: false, error: "refused" };
  return null;
}

/**
 * Plays turn number `n` of an attempt: it checks that turn `n` is the next one, scores the reply and steps the
 * machine on the engine thread, and records the turn (and, if the call ended, its end). On lowdb this runs alone
 * on the attempt (a second post of the same turn waits for the first) and the turn is appended to the attempt's
 * log; only once that is on disk does the attempt change in memory. On PostgreSQL the turn's row is inserted with
 * the attempt's row updated in one transaction, and the primary key (attempt, n) takes one post of turn `n`,
 * whichever server took it; a post that finds it taken decides again on the attempt as it is now. So two posts
 * of the same turn (a double click, a replay, a retry to another server) advance the machine once: the second
 * finds the turn recorded and is answered as before, or, if it answers differently (typed in another window), is
 * refused as answered elsewhere. A write that fails (a full disk, the database gone) throws, and the turn is not
 * played.
 */
export async function playTurn(userId: string, attemptId: string, n: number, answer: Answer, script: ScenarioScript, now = new Date()): Promise<TurnOutcome> {
  if (ownerIdOf(attemptId) !== userId) return { ok: false, error: "not-found" };
  const done = await store().playTurn(attemptId, async (attempt): Promise<TurnPlay<TurnOutcome>> => {
    const refusal = turnRefusal(attempt, n, answer, script);
    if (refusal) return { refused: refusal };
    let answered;
    try {
      answered = await answerTurnOnEngine(
        script,
        attempt.snapshot,
        answer,
        n,
        now,
        attempt.turns.map((t) => t.line.zh),
      );
    } catch (error) {
      if (error instanceof TurnRefused) return { refused: { ok: false, error: "refused" } };
      throw error;
    }
    const { step, record } = answered;
    const at = now.toISOString();
    const turn: TurnEvent = {
      t: "turn",
      at,
      record,
      snapshot: step.snapshot,
      state: step.state,
      emotion: step.context.emotion,
      minute: step.context.minute,
    };
    return {
      events: step.ended
        ? [turn, { t: "end", at, status: "finished", result: judgeAttempt(script, step.state, step.context, [...attempt.turns, record]) }]
        : [turn],
      outcome: (after) => ({ ok: true, attempt: after, duplicate: false }),
    };
  });
  if (!done) return { ok: false, error: "not-found" };
  const outcome = done.result;
  if (outcome.ok && !outcome.duplicate && outcome.attempt.status === "finished" && outcome.attempt.mode === "assessment") {
    await issueCertificateIfEligible(userId, now);
  }
  return outcome;
}

/** Gives up an active attempt (the trainee starts over); the end is recorded once, whoever asks twice. */
export async function abandonAttempt(userId: string, attemptId: string, now = new Date()): Promise<boolean> {
  if (ownerIdOf(attemptId) !== userId) return false;
  return store().abandon(attemptId, now.toISOString());
}
