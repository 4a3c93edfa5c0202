import type { ReplyScores } from "./dynamics";
import { passes, type AttemptResult } from "./result";
import { DEFAULT_PASS_MARKS } from "./script";

/** The scores that count: the engine's, with each dimension replaced by a trainer's latest adjustment, if any. */
export function effectiveScores(scores: ReplyScores, adjustments: ReadonlyArray<{ dimension: keyof ReplyScores; to: number; at: string }>): ReplyScores {
  const out = { ...scores };
  for (const a of [...adjustments].sort((x, y) => x.at.localeCompare(y.at))) out[a.dimension] = a.to;
  return out;
}

export interface Standing {
  scores: ReplyScores;
  passed: boolean;
  /** A trainer changed at least one score. */
  adjusted: boolean;
}

/**
 * A finished attempt's scores and verdict as every page shows them: the engine's, or once a trainer has changed a
 * score, the same pass rule applied to the changed scores with the pass marks the attempt was judged by.
 */
export function standingOf(
  result: Pick<AttemptResult, "passed" | "outcome" | "critical" | "scores" | "passMarks">,
  adjustments: ReadonlyArray<{ dimension: keyof ReplyScores; to: number; at: string }>,
): Standing {
  if (!adjustments.length) return { scores: { ...result.scores }, passed: result.passed, adjusted: false };
  const scores = effectiveScores(result.scores, adjustments);
  return { scores, passed: passes({ ...result, scores }, result.passMarks ?? DEFAULT_PASS_MARKS), adjusted: true };
}
