import { getLexicon } from "./lexicon-files.server";
import { createReplyScorer, type ScoreReply } from "./score-reply";
import type { ReplyScore, TurnExpectation } from "./types";

let scorer: ScoreReply | null = null;

/** Scores a reply with the lexicon in content/scoring (read once per process). */
export function scoreReply(reply: string, turn?: TurnExpectation): ReplyScore {
  scorer ??= createReplyScorer(getLexicon());
  return scorer(reply, turn);
}

export type { Finding, ReplyScore, TurnExpectation } from "./types";
