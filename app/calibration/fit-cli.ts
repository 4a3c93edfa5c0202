/** `npm run calibration:fit`: fits the scorer's points (see fit.ts) and writes them into content/scoring/*.yaml. */
import { readAllScenarios } from "~/roleplay/scenario-files.server";
import { readLexicon, scoringDir } from "~/scoring/lexicon-files.server";
import { createReplyScorer } from "~/scoring/score-reply";
import { readBlindReplies } from "./blind-replies";
import { fitPoints, writeFitted } from "./fit";
import { readCalibration } from "./labelled-sets";

const scripts = new Map(readAllScenarios().map((s) => [s.id, s]));
for (let round = 1; round <= Number(process.env.FIT_ROUNDS ?? 3); round++) {
  // Each round scores with the points of the last: which findings fire does not depend on points, but the fact
  // shares and level choices read them, so a second round settles them.
  const lexicon = readLexicon();
  const fitted = fitPoints({
    lexicon,
    score: createReplyScorer(lexicon, { keepSilent: true }),
    scripts,
    blind: readBlindReplies("tune"),
    labelled: readCalibration().replies,
  });
  const changed = writeFitted(scoringDir(), fitted);
  console.log(
    `round ${round}: bases ${JSON.stringify(Object.fromEntries(Object.entries(fitted.base).map(([d, v]) => [d, Math.round(v)])))}; ${changed.length} points changed`,
  );
  if (process.argv.includes("--verbose")) for (const c of changed) console.log(`  ${c}`);
}
