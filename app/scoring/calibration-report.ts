/**
 * `npm run calibration`: scores the calibration set and prints how far the engine agrees with the trainers'
 * labels, per dimension and band, with every disagreement. `-- --write-known` records the current
 * disagreements in tests/fixtures/scoring/known-misses.json (review the diff: it is the list of what the engine
 * cannot judge yet, and the calibration test fails on any disagreement not in it).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { knownMissKeys, readCalibration, runCalibration, KNOWN_MISSES_FILE } from "./calibration";
import { readLexicon } from "./lexicon-files.server";
import { createReplyScorer } from "./score-reply";
import { DIMENSIONS } from "./types";

const score = createReplyScorer(readLexicon());
const { replies, pairs } = readCalibration();
const result = runCalibration(score, replies, pairs);
const pct = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)}%)`;

console.log(`replies: ${replies.length}, pairs: ${pairs.length}`);
console.log(`bands agreeing: ${pct(result.bandChecks - result.bandMisses.length, result.bandChecks)}`);
for (const d of DIMENSIONS) {
  const misses = result.bandMisses.filter((m) => m.dimension === d).length;
  console.log(`  ${d}: ${pct(replies.length - misses, replies.length)}`);
}
console.log(`orderings agreeing: ${pct(result.pairChecks - result.pairMisses.length, result.pairChecks)}`);
if (process.argv.includes("--verbose")) {
  for (const m of result.bandMisses) {
    const reply = replies.find((r) => r.id === m.id)!;
    console.log(`  band  ${m.id} ${m.dimension}: labelled ${m.expected}, scored ${m.got} | ${reply.text}`);
  }
  for (const m of result.pairMisses) console.log(`  order ${m.pair.dimension}: ${m.pair.better} (${m.better}) should beat ${m.pair.worse} (${m.worse}): ${m.pair.why}`);
}
if (process.argv.includes("--write-known")) {
  const file = path.resolve(KNOWN_MISSES_FILE);
  writeFileSync(file, `${JSON.stringify(knownMissKeys(result), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
