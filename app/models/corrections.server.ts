import { randomBytes } from "node:crypto";
import { correctionsJsonl, rulesDisagreedWith, type ExampleTurn, type LabelledExample, type RuleDisagreement } from "~/calibration/corrections";
import { getScenarioAt } from "~/roleplay/scenario-files.server";
import { turnExpectation, type TurnRecord } from "~/roleplay/runner";
import type { ScenarioScript } from "~/roleplay/script";
import { DIMENSIONS } from "~/scoring/types";
import type { AttemptRow } from "~/store/schema";
import { addToEndedAttempt, isOnRecord } from "./roleplay.server";
import { teamViewsStore } from "./team-views-store.server";
import type { User } from "./users.server";

/**
 * Corrections that teach (issue 20, item 3): a trainer marks a finding of a reply wrong, with a reason, in review
 * (an event in the attempt's log, like a comment: written whole or not at all), and takes it back; every finding so
 * marked and every score a trainer changed is a labelled example for the scorer. Examples are derived from the
 * attempts each time (the transcript never changes, and a changed score is already on record), never copied.
 */

export type CorrectionResult = { ok: true; disputeId: string } | { ok: false; error: "not-found" | "no-finding" | "already-marked" | "not-author" };

/** "This feedback is wrong": a trainer marks one finding of a reply in an ended call, with a reason. Once per trainer and finding. */
export async function markFindingWrong(
  traineeId: string,
  attemptId: string,
  turn: number,
  findingIndex: number,
  reason: string,
  by: User,
  now: Date,
): Promise<CorrectionResult> {
  const updated = await addToEndedAttempt(traineeId, attemptId, (attempt) => {
    const finding = attempt.turns.find((t) => t.n === turn)?.findings[findingIndex];
    if (!finding) return { result: { ok: false, error: "no-finding" } as CorrectionResult, event: null };
    if ((attempt.disputes ?? []).some((d) => d.turn === turn && d.finding === findingIndex && d.byId === by.id))
      return { result: { ok: false, error: "already-marked" } as CorrectionResult, event: null };
    const dispute = {
      id: randomBytes(6).toString("base64url"),
      turn,
      finding: findingIndex,
      rule: finding.rule,
      reason,
      byId: by.id,
      byName: by.displayName,
      at: now.toISOString(),
    };
    return { result: { ok: true, disputeId: dispute.id } as CorrectionResult, event: { t: "dispute", dispute } };
  });
  return updated.found ? updated.result : { ok: false, error: "not-found" };
}

/** Its author takes a mark back: it is no longer an example (the log keeps it and its withdrawal). */
export async function withdrawFindingMark(traineeId: string, attemptId: string, disputeId: string, by: User, now: Date): Promise<CorrectionResult> {
  const updated = await addToEndedAttempt(traineeId, attemptId, (attempt) => {
    const dispute = (attempt.disputes ?? []).find((d) => d.id === disputeId);
    if (!dispute) return { result: { ok: false, error: "not-found" } as CorrectionResult, event: null };
    if (dispute.byId !== by.id) return { result: { ok: false, error: "not-author" } as CorrectionResult, event: null };
    return { result: { ok: true, disputeId } as CorrectionResult, event: { t: "dispute-withdraw", disputeId, at: now.toISOString() } };
  });
  return updated.found ? updated.result : { ok: false, error: "not-found" };
}

/** The call's turns as examples keep them, each with what the scorer was told as it was scored. */
function exampleTurns(attempt: Readonly<AttemptRow>, script: ScenarioScript | null): ExampleTurn[] {
  const matched = script !== null && script.version === attempt.scenarioVersion;
  return attempt.turns.map((t: TurnRecord, i) => {
    const before = attempt.turns.slice(0, i);
    const call = {
      earlier: before.map((b) => b.line.zh),
      emotion: t.emotionBefore,
      madeBefore: [...new Set(before.flatMap((b) => b.moves))],
      owner: t.line.zh,
    };
    const expectation =
      matched && script.turns[t.turn]
        ? turnExpectation(script, t.turn, call)
        : { owner: t.line.zh, earlier: call.earlier, emotion: call.emotion, madeBefore: call.madeBefore };
    return {
      n: t.n,
      turn: t.turn,
      speaker: t.speaker,
      line: t.line,
      kind: t.kind,
      text: t.text,
      scores: t.scores,
      findings: t.findings,
      // Turns recorded before weights were kept weighed 1 each (roleplay/result.ts).
      weights: t.weights ?? { listening: 1, empathy: 1, wording: 1 },
      expectation,
    };
  });
}

/** The labelled examples one call holds: its findings marked wrong, and its changed scores. */
export function examplesOfAttempt(attempt: Readonly<AttemptRow>, script: ScenarioScript | null): LabelledExample[] {
  if (!attempt.result && !(attempt.disputes ?? []).length) return [];
  const turns = exampleTurns(attempt, script);
  const about = {
    attemptId: attempt.id,
    scenarioId: attempt.scenarioId,
    scenarioVersion: attempt.scenarioVersion,
    scenarioTitle: attempt.scenarioTitle,
    scriptMatched: script !== null && script.version === attempt.scenarioVersion,
  };
  const examples: LabelledExample[] = [];
  for (const d of attempt.disputes ?? []) {
    const turn = turns.find((t) => t.n === d.turn);
    const finding = turn?.findings[d.finding];
    if (!turn || !finding || finding.rule !== d.rule) continue; // cannot happen with an unchanged transcript
    const { id: disputeId, reason, byId, byName, at } = d;
    examples.push({ kind: "finding", id: `finding:${disputeId}`, ...about, disputeId, turn, findingIndex: d.finding, finding, reason, byId, byName, at });
  }
  if (attempt.result) {
    const scorer = attempt.result.scores;
    for (const [i, a] of attempt.adjustments.entries()) {
      const { dimension, from, to, reason, byId, byName, at } = a;
      if (!DIMENSIONS.includes(dimension)) continue;
      examples.push({
        kind: "score",
        id: `score:${attempt.id}:${i}`,
        ...about,
        dimension,
        scorer: scorer[dimension],
        from,
        to,
        turns,
        reason,
        byId,
        byName,
        at,
      });
    }
  }
  return examples;
}

/**
 * Every labelled example from the calls of the trainees in the given teams (a trainer's teams; a supervisor's are
 * all), newest first. Only calls a trainer changed a score on or marked a finding of are read whole, all at once.
 */
export async function labelledExamples(teamIds: readonly string[]): Promise<LabelledExample[]> {
  const examples: LabelledExample[] = [];
  for (const attempt of await teamViewsStore().correctedCalls({ teamIds })) {
    if (!isOnRecord(attempt)) continue;
    examples.push(...examplesOfAttempt(attempt, getScenarioAt(attempt.scenarioId, attempt.scenarioVersion)));
  }
  return examples.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
}

/** The examples of the given teams' calls, and the rules trainers disagree with most among them (the disagreements page). */
export async function disagreements(teamIds: readonly string[]): Promise<{ examples: LabelledExample[]; rules: RuleDisagreement[] }> {
  const examples = await labelledExamples(teamIds);
  return { examples, rules: rulesDisagreedWith(examples) };
}

/** The examples of the given teams' calls as JSON lines in the calibration set's format (the download). */
export async function correctionsExport(teamIds: readonly string[]): Promise<string> {
  return correctionsJsonl(await labelledExamples(teamIds));
}
