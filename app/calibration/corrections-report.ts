import { readFileSync } from "node:fs";
import type { Lexicon } from "~/scoring/lexicon";
import { createReplyScorer } from "~/scoring/score-reply";
import { correctionFigures, parseCorrectionLines } from "./corrections";

/**
 * `npm run calibration -- --file <corrections.jsonl>`: today's scorer on the examples trainers made in review
 * (exported from /trainer/disagreements): how many findings they marked wrong it still raises on the same words,
 * and how far each call whose score a trainer changed is from the trainer's score, as played and now. With
 * `--verbose`, every example. Returns the exit code: 0, or 1 for a file it cannot read.
 */
export function printCorrectionsReport(file: string | undefined, lexicon: Lexicon): number {
  if (!file) {
    console.error("usage: npm run calibration -- --file <corrections.jsonl> [--verbose]");
    return 1;
  }
  let lines;
  try {
    lines = parseCorrectionLines(readFileSync(file, "utf8"), file);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const figures = correctionFigures(lines, createReplyScorer(lexicon));
  const { findings, scores } = figures;
  console.log(`Trainers' corrections (${file}): ${lines.length} examples`);
  console.log(`  findings marked wrong: ${findings.count}; today's scorer still raises ${findings.stillRaised} of them on the same words`);
  console.log(`  scores changed: ${scores.count}`);
  if (scores.count) {
    console.log(`    in the trainer's band (≥75 / 45–74 / <45): as played ${scores.sameBandThen}/${scores.count}, now ${scores.sameBandNow}/${scores.count}`);
    console.log(`    mean distance from the trainer's score: as played ${scores.meanGapThen.toFixed(1)}, now ${scores.meanGapNow.toFixed(1)}`);
  }
  if (process.argv.includes("--verbose"))
    for (const v of figures.lines)
      console.log(
        v.kind === "finding"
          ? `  ${v.id}: ${v.rule} on 「${v.words}」 ${v.stillRaised ? "still raised" : "no longer raised"}`
          : `  ${v.id}: ${v.dimension} trainer ${v.trainer}, as played ${v.then}, now ${v.now}`,
      );
  return 0;
}
