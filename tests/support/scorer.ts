import { readLexicon } from "~/scoring/lexicon-files.server";
import { createReplyScorer } from "~/scoring/score-reply";

/** The scorer with the real lexicon in content/scoring, for tests. */
export const scoreReply = createReplyScorer(readLexicon());
