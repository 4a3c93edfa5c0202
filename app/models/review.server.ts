import { randomBytes } from "node:crypto";
import { standingOf } from "~/roleplay/adjusted";
import { addToEndedAttempt, allAttempts, isOnRecord } from "./roleplay.server";
import { recordsStore } from "./records-store.server";
import type { AttemptEvent, AttemptRow, CoachingComment, ScoreAdjustment } from "~/store/schema";
import { issueCertificateIfEligible, listCertificates } from "./certificates.server";
import { teamViewsStore } from "./team-views-store.server";
import type { User } from "./users.server";

export interface AttemptSummary {
  attemptId: string;
  userId: string;
  traineeName: string;
  teamId: string;
  scenarioId: string;
  mode: AttemptRow["mode"];
  /** When it finished, or was abandoned. */
  finishedAt: string;
  /** An assessment the trainee gave up: no verdict, no scores, but on record (it counts toward the attempt limit). */
  abandoned: boolean;
  passed: boolean;
  adjusted: boolean;
  /** Null for an abandoned attempt. */
  scores: { listening: number; empathy: number; wording: number } | null;
  comments: number;
  reviewed: boolean;
}

/** Whether a trainer has dealt with a call: commented on it, changed a score, marked a finding wrong, or marked it reviewed. */
export function isReviewed(attempt: Pick<AttemptRow, "comments" | "adjustments" | "reviewMark" | "disputes">): boolean {
  return wasReviewed({
    comments: attempt.comments.length,
    adjustments: attempt.adjustments.length,
    disputes: attempt.disputes?.length ?? 0,
    reviewMark: Boolean(attempt.reviewMark),
  });
}

/** `isReviewed` from what trainers did, counted (the team views' calls). */
function wasReviewed(call: { comments: number; adjustments: number; disputes: number; reviewMark: boolean }): boolean {
  return call.comments > 0 || call.adjustments > 0 || call.disputes > 0 || call.reviewMark;
}

/**
 * Finished and abandoned-assessment role-play attempts of the trainees in the given teams, newest first, optionally
 * filtered. Read for all the trainees at once (on PostgreSQL a query over the teams' trainees and their calls, the
 * scenario and mode filters in it), each call's verdict after trainers' changes decided here.
 */
export async function listTeamAttempts(
  teamIds: readonly string[],
  filter: {
    scenarioId?: string;
    userId?: string;
    mode?: string;
    result?: "passed" | "failed" | "abandoned";
    reviewed?: "yes" | "no";
    activeTraineesOnly?: boolean;
  } = {},
): Promise<AttemptSummary[]> {
  const scope = { teamIds, userId: filter.userId || undefined, activeOnly: filter.activeTraineesOnly };
  const views = teamViewsStore();
  const [trainees, calls] = await Promise.all([
    views.trainees(scope),
    views.endedCalls(scope, { scenarioId: filter.scenarioId || undefined, mode: filter.mode || undefined }),
  ]);
  const traineeOf = new Map(trainees.map((t) => [t.id, t]));
  const out: AttemptSummary[] = [];
  for (const a of calls) {
    // (A trainee who left the teams between the two reads is left out.)
    const t = traineeOf.get(a.userId);
    if (!t || !isOnRecord(a)) continue;
    const standing = a.result ? standingOf(a.result, a.adjustments) : null;
    const { passed = false, scores = null, adjusted = false } = standing ?? {};
    const result = standing ? (passed ? "passed" : "failed") : "abandoned";
    if (filter.result && filter.result !== result) continue;
    const reviewed = wasReviewed({ ...a, adjustments: a.adjustments.length });
    if (filter.reviewed && (filter.reviewed === "yes") !== reviewed) continue;
    out.push({
      attemptId: a.id,
      userId: t.id,
      traineeName: t.displayName,
      teamId: t.teamId,
      scenarioId: a.scenarioId,
      mode: a.mode,
      finishedAt: a.finishedAt ?? a.updatedAt,
      abandoned: !standing,
      passed,
      adjusted,
      scores,
      comments: a.comments,
      reviewed,
    });
  }
  return out.sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
}

/** The order calls wait for review in: oldest first, so walking the queue reaches every call once. */
function queueOrder(a: { finishedAt: string; attemptId: string }, b: { finishedAt: string; attemptId: string }): number {
  return a.finishedAt.localeCompare(b.finishedAt) || a.attemptId.localeCompare(b.attemptId);
}

/**
 * The calls waiting for a trainer's review, oldest first: nobody has commented on them, changed a score or marked
 * them reviewed, and the trainee is still on the team (a deactivated trainee's calls are no one's next task).
 */
export async function reviewQueue(teamIds: readonly string[]): Promise<AttemptSummary[]> {
  return (await listTeamAttempts(teamIds, { reviewed: "no", activeTraineesOnly: true })).sort(queueOrder);
}

export interface ReviewQueuePlace {
  /** The call's place in the queue (from 1), while it is itself waiting. */
  position: number | null;
  waiting: number;
  /** The first call waiting after this one. */
  next: AttemptSummary | null;
  /** When none waits after this one: the oldest call still waiting (passed over on the way). */
  restart: AttemptSummary | null;
}

/** Where a call stands in the review queue, and where the trainer goes next: always forward, never back and forth. */
export async function reviewQueuePlace(teamIds: readonly string[], call: { attemptId: string; finishedAt: string }): Promise<ReviewQueuePlace> {
  const queue = await reviewQueue(teamIds);
  const index = queue.findIndex((a) => a.attemptId === call.attemptId);
  const next = queue.find((a) => queueOrder(a, call) > 0) ?? null;
  const restart = next ? null : (queue.find((a) => a.attemptId !== call.attemptId) ?? null);
  return { position: index >= 0 ? index + 1 : null, waiting: queue.length, next, restart };
}

/** A trainer's word on one of a trainee's calls: a comment on a turn, or a changed score. */
export type CoachingNote = { attemptId: string; scenarioId: string } & (
  | ({ kind: "comment" } & Pick<CoachingComment, "turn" | "text" | "byName" | "at" | "editedAt">)
  | ({ kind: "adjustment" } & Pick<ScoreAdjustment, "dimension" | "from" | "to" | "reason" | "byName" | "at">)
);

/** Everything trainers have said about a trainee's calls, each marked new if it came after they last marked it read. */
export async function coachingNotes(userId: string): Promise<Array<CoachingNote & { isNew: boolean }>> {
  const readAt = (await recordsStore().coachingReadAt(userId)) ?? "";
  const notes: Array<CoachingNote & { isNew: boolean }> = [];
  for (const a of await allAttempts(userId)) {
    const about = { attemptId: a.id, scenarioId: a.scenarioId };
    // A comment changed after the trainee read it is new again.
    for (const { turn, text, byName, at, editedAt } of a.comments)
      notes.push({ ...about, kind: "comment", turn, text, byName, at, editedAt, isNew: (editedAt ?? at) > readAt });
    for (const { dimension, from, to, reason, byName, at } of a.adjustments)
      notes.push({ ...about, kind: "adjustment", dimension, from, to, reason, byName, at, isNew: at > readAt });
  }
  return notes;
}

/** What trainers have said about a trainee's calls lately, newest first: the trainee's home shows these. */
export async function recentCoaching(userId: string, limit: number): Promise<Array<CoachingNote & { isNew: boolean }>> {
  return (await coachingNotes(userId)).sort((x, y) => y.at.localeCompare(x.at)).slice(0, limit);
}

/** How many of a trainee's coaching notes are new (the menu shows it on every page). */
export async function unreadCoachingCount(userId: string): Promise<number> {
  return (await coachingNotes(userId)).filter((note) => note.isNew).length;
}

/** The trainee has read their coaching: nothing said up to now shows as new any more. */
export async function markCoachingRead(userId: string, now: Date): Promise<void> {
  await recordsStore().setCoachingReadAt(userId, now.toISOString());
}

export type ReviewResult = { ok: true } | { ok: false; error: "not-found" | "bad-turn" | "not-author" };

export async function addComment(traineeId: string, attemptId: string, turn: number, text: string, by: User, now: Date): Promise<ReviewResult> {
  // Only attempts that have ended are reviewed.
  const updated = await addToEndedAttempt(traineeId, attemptId, (attempt) => {
    if (!attempt.turns.some((t) => t.n === turn)) return { result: { ok: false, error: "bad-turn" } as ReviewResult, event: null };
    const comment = { id: randomBytes(6).toString("base64url"), turn, text, byId: by.id, byName: by.displayName, at: now.toISOString() };
    return { result: { ok: true } as ReviewResult, event: { t: "comment", comment } };
  });
  return updated.found ? updated.result : { ok: false, error: "not-found" };
}

/** Why `by` may not change or delete a comment on a call (only its author may), or null if they may. */
export function commentChangeRefusal(attempt: Pick<AttemptRow, "comments">, commentId: string, by: Pick<User, "id">): "not-found" | "not-author" | null {
  const comment = attempt.comments.find((c) => c.id === commentId);
  if (!comment) return "not-found";
  return comment.byId === by.id ? null : "not-author";
}

/**
 * A change its author makes to their own comment (no one else may): `change` gives the event to record, or null
 * when there is nothing to change.
 */
async function changeOwnComment(
  traineeId: string,
  attemptId: string,
  commentId: string,
  by: User,
  change: (comment: CoachingComment) => AttemptEvent | null,
): Promise<ReviewResult> {
  const updated = await addToEndedAttempt(traineeId, attemptId, (attempt) => {
    const refusal = commentChangeRefusal(attempt, commentId, by);
    if (refusal) return { result: { ok: false, error: refusal } as ReviewResult, event: null };
    return { result: { ok: true } as ReviewResult, event: change(attempt.comments.find((c) => c.id === commentId)!) };
  });
  return updated.found ? updated.result : { ok: false, error: "not-found" };
}

/** Its author rewrites a comment: the trainee sees the new text marked as changed; the earlier text stays on record. */
export function editComment(traineeId: string, attemptId: string, commentId: string, text: string, by: User, now: Date): Promise<ReviewResult> {
  return changeOwnComment(traineeId, attemptId, commentId, by, (comment) =>
    comment.text === text ? null : { t: "comment-edit", commentId, text, at: now.toISOString() },
  );
}

/** Its author takes a comment back: the trainee no longer sees it (the attempt's log keeps it). */
export function deleteComment(traineeId: string, attemptId: string, commentId: string, by: User, now: Date): Promise<ReviewResult> {
  return changeOwnComment(traineeId, attemptId, commentId, by, () => ({ t: "comment-delete", commentId, at: now.toISOString() }));
}

/** A trainer has looked at a call and has nothing to add: it leaves the review queue. */
export async function markReviewed(traineeId: string, attemptId: string, by: User, now: Date): Promise<ReviewResult> {
  const updated = await addToEndedAttempt(traineeId, attemptId, (attempt) => ({
    result: { ok: true } as ReviewResult,
    event: isReviewed(attempt) ? null : { t: "reviewed", mark: { byId: by.id, byName: by.displayName, at: now.toISOString() } },
  }));
  return updated.found ? updated.result : { ok: false, error: "not-found" };
}

/** What a trainer's score change did to the call's verdict. */
export type AdjustResult =
  | {
      ok: true;
      passedBefore: boolean;
      passedAfter: boolean;
      /** The call now fails, and a valid certificate was issued on it: the certificate stands (the trainer is told). */
      certificateStands: boolean;
    }
  | { ok: false; error: "not-found" };

/**
 * Changes a dimension's score with a reason; the original, every change and the verdict before and after each
 * stay on record. The verdict everywhere follows the changed scores (roleplay/adjusted.ts), certification too: a
 * call raised to a pass can complete the certificate, one lowered to a fail no longer counts toward the next one.
 * A certificate already issued is not taken back by a score change: it records what it was issued on, its
 * verification address may already have been shown, and withdrawing it is a decision for a person, not a side
 * effect of a rescore. The trainer is told when the call they lowered is one a valid certificate rests on.
 */
export async function adjustScore(
  traineeId: string,
  attemptId: string,
  dimension: ScoreAdjustment["dimension"],
  to: number,
  reason: string,
  by: User,
  now: Date,
): Promise<AdjustResult> {
  const updated = await addToEndedAttempt(traineeId, attemptId, (attempt) => {
    if (attempt.status !== "finished" || !attempt.result) return { result: null, event: null };
    const before = standingOf(attempt.result, attempt.adjustments);
    const at = now.toISOString();
    const after = standingOf(attempt.result, [...attempt.adjustments, { dimension, to, at }]);
    const adjustment = {
      dimension,
      from: before.scores[dimension],
      to,
      reason,
      byId: by.id,
      byName: by.displayName,
      at,
      passedBefore: before.passed,
      passedAfter: after.passed,
    };
    return { result: { passedBefore: before.passed, passedAfter: after.passed }, event: { t: "adjust", adjustment } };
  });
  if (!updated.found || !updated.result) return { ok: false, error: "not-found" };
  const { passedBefore, passedAfter } = updated.result;
  // An adjustment can complete the requirements for certification.
  await issueCertificateIfEligible(traineeId, now);
  const certificateStands =
    passedBefore &&
    !passedAfter &&
    (await listCertificates(traineeId)).some(
      (c) => c.expiresAt > now.toISOString() && Object.values(c.evidence.scenarios).some((s) => s.attemptId === attemptId),
    );
  return { ok: true, passedBefore, passedAfter, certificateStands };
}
