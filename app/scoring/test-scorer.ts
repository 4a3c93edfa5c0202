import { readLexicon } from "./lexicon-files.server";
import { createReplyScorer } from "./score-reply";

/** The scorer with the real lexicon in content/scoring, for tests. */
export const scoreReply = createReplyScorer(readLexicon());
