import { randomBytes } from "node:crypto";
import { standingOf } from "~/roleplay/adjusted";
import { addToEndedAttempt, allAttempts } from "./roleplay.server";
import { userRecordsFile } from "~/store/db.server";
import type { AttemptRow, CoachingComment, ScoreAdjustment } from "~/store/schema";
import { issueCertificateIfEligible } from "./certificates.server";
import { listUsers, type User } from "./users.server";

export interface AttemptSummary {
  attemptId: string;
  userId: string;
  traineeName: string;
  teamId: string;
  scenarioId: string;
  mode: AttemptRow["mode"];
  finishedAt: string;
  passed: boolean;
  adjusted: boolean;
  scores: { listening: number; empathy: number; wording: number };
  comments: number;
}

/** Finished role-play attempts of the trainees in the given teams, newest first, optionally filtered. */
export async function listTeamAttempts(
  teamIds: readonly string[],
  filter: { scenarioId?: string; userId?: string; mode?: string; result?: "passed" | "failed"; reviewed?: "yes" | "no"; activeTraineesOnly?: boolean } = {},
): Promise<AttemptSummary[]> {
  const trainees = (await listUsers()).filter(
    (u) => u.role === "trainee" && teamIds.includes(u.teamId) && (!filter.userId || u.id === filter.userId) && (!filter.activeTraineesOnly || u.active),
  );
  const out: AttemptSummary[] = [];
  for (const t of trainees) {
    for (const a of await allAttempts(t.id)) {
      if (a.status !== "finished" || !a.result) continue;
      if (filter.scenarioId && a.scenarioId !== filter.scenarioId) continue;
      if (filter.mode && a.mode !== filter.mode) continue;
      const { passed, scores, adjusted } = standingOf(a.result, a.adjustments);
      if (filter.result && (filter.result === "passed") !== passed) continue;
      // Reviewed: a trainer has commented on it or changed a score.
      if (filter.reviewed && (filter.reviewed === "yes") !== (a.comments.length > 0 || adjusted)) continue;
      out.push({
        attemptId: a.id,
        userId: t.id,
        traineeName: t.displayName,
        teamId: t.teamId,
        scenarioId: a.scenarioId,
        mode: a.mode,
        finishedAt: a.finishedAt!,
        passed,
        adjusted,
        scores,
        comments: a.comments.length,
      });
    }
  }
  return out.sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
}

/** A trainer's word on one of a trainee's calls: a comment on a turn, or a changed score. */
export type CoachingNote = { attemptId: string; scenarioId: string } & (
  | ({ kind: "comment" } & Pick<CoachingComment, "turn" | "text" | "byName" | "at">)
  | ({ kind: "adjustment" } & Pick<ScoreAdjustment, "dimension" | "from" | "to" | "reason" | "byName" | "at">)
);

/** Everything trainers have said about a trainee's calls, each marked new if it came after they last marked it read. */
export async function coachingNotes(userId: string): Promise<Array<CoachingNote & { isNew: boolean }>> {
  const readAt = (await userRecordsFile(userId)).data.coachingReadAt ?? "";
  const notes: Array<CoachingNote & { isNew: boolean }> = [];
  for (const a of await allAttempts(userId)) {
    const about = { attemptId: a.id, scenarioId: a.scenarioId };
    for (const { turn, text, byName, at } of a.comments) notes.push({ ...about, kind: "comment", turn, text, byName, at, isNew: at > readAt });
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
  const file = await userRecordsFile(userId);
  await file.update((data) => {
    data.coachingReadAt = now.toISOString();
  });
}

export type ReviewResult = { ok: true } | { ok: false; error: "not-found" | "bad-turn" };

export async function addComment(traineeId: string, attemptId: string, turn: number, text: string, by: User, now: Date): Promise<ReviewResult> {
  // Only attempts that have ended are reviewed.
  const updated = await addToEndedAttempt(traineeId, attemptId, (attempt) => {
    if (!attempt.turns.some((t) => t.n === turn)) return { result: { ok: false, error: "bad-turn" } as ReviewResult, event: null };
    const comment = { id: randomBytes(6).toString("base64url"), turn, text, byId: by.id, byName: by.displayName, at: now.toISOString() };
    return { result: { ok: true } as ReviewResult, event: { t: "comment", comment } };
  });
  return updated.found ? updated.result : { ok: false, error: "not-found" };
}

/** Changes a dimension's score with a reason; the original and every change stay on record. */
export async function adjustScore(
  traineeId: string,
  attemptId: string,
  dimension: ScoreAdjustment["dimension"],
  to: number,
  reason: string,
  by: User,
  now: Date,
): Promise<ReviewResult> {
  const updated = await addToEndedAttempt(traineeId, attemptId, (attempt) => {
    if (!attempt.result) return { result: { ok: false, error: "not-found" } as ReviewResult, event: null };
    const from = standingOf(attempt.result, attempt.adjustments).scores[dimension];
    const adjustment = { dimension, from, to, reason, byId: by.id, byName: by.displayName, at: now.toISOString() };
    return { result: { ok: true } as ReviewResult, event: { t: "adjust", adjustment } };
  });
  const result: ReviewResult = updated.found ? updated.result : { ok: false, error: "not-found" };
  // An adjustment can complete (or, after a review, not change) the requirements for certification.
  if (result.ok) await issueCertificateIfEligible(traineeId, now);
  return result;
}
