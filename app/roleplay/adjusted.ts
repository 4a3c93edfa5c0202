import type { ReplyScores } from "./dynamics";
import { verdictOf, type AttemptResult, type Verdict } from "./result";
import { DEFAULT_PASS_MARKS } from "./script";

type Adjustment = { dimension: keyof ReplyScores; to: number; at: string };

/** The scores that count: the engine's, with each dimension replaced by a trainer's latest adjustment, if any. */
export function effectiveScores(scores: ReplyScores, adjustments: ReadonlyArray<Adjustment>): ReplyScores {
  const out = { ...scores };
  for (const a of [...adjustments].sort((x, y) => x.at.localeCompare(y.at))) out[a.dimension] = a.to;
  return out;
}

export interface Standing extends Verdict {
  scores: ReplyScores;
  /** The pass marks the call is judged by: the script's when the call was judged. */
  passMarks: ReplyScores;
  /** A trainer changed at least one score. */
  adjusted: boolean;
}

export type JudgedCall = Pick<AttemptResult, "outcome" | "critical" | "endingSummary" | "scores" | "passMarks">;

/**
 * A finished attempt's scores, verdict and reasons as every page, list, dashboard and certification use them: the
 * verdict rule (result.ts `verdictOf`) applied to the scores that count, the engine's or a trainer's adjusted
 * ones, with the pass marks the attempt was judged by (70 each for attempts judged before they were kept).
 */
export function standingOf(result: JudgedCall, adjustments: ReadonlyArray<Adjustment>): Standing {
  const scores = effectiveScores(result.scores, adjustments);
  const passMarks = { ...(result.passMarks ?? DEFAULT_PASS_MARKS) };
  return { scores, passMarks, ...verdictOf(result, scores, passMarks), adjusted: adjustments.length > 0 };
}
