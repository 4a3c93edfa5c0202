import type { ReplyScores } from "./dynamics";

/** The scores that count: the engine's, with each dimension replaced by a trainer's latest adjustment, if any. */
export function effectiveScores(scores: ReplyScores, adjustments: ReadonlyArray<{ dimension: keyof ReplyScores; to: number; at: string }>): ReplyScores {
  const out = { ...scores };
  for (const a of [...adjustments].sort((x, y) => x.at.localeCompare(y.at))) out[a.dimension] = a.to;
  return out;
}
