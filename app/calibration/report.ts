/**
 * `npm run calibration`: how far the scorer agrees with trainers, on everything we hold, the tuned and the
 * held-out halves printed apart:
 *   - the blind replies (written and labelled by helpers who never saw the rules): Spearman and same band per
 *     dimension, and critical errors;
 *   - the blind calls, replayed on today's engine: who passes, and per-turn agreement;
 *   - the act recogniser on the labelled clause corpus: recall and false alarms;
 *   - the earlier labelled sets (bands and orderings), with `-- --verbose` every disagreement and `-- --write-known`
 *     to record them in tests/fixtures/scoring/known-misses.json.
 * Targets (issue 16) are marked ✓ or ✗ against the held-out half. Figures, never a pass/fail of its own.
 *
 * `npm run calibration -- --file <corrections.jsonl>` instead measures today's scorer on trainers' corrections
 * exported from /trainer/disagreements (corrections-report.ts).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { readLexicon } from "~/scoring/lexicon-files.server";
import { DIMENSIONS } from "~/scoring/types";
import type { BlindAgreement } from "./blind-replies";
import type { CallAgreement, ReplayedCall } from "./blind-calls";
import { computeFigures, type ClauseFigures } from "./figures";
import { KNOWN_MISSES_FILE, knownMissKeys, readCalibration } from "./labelled-sets";
import { roundOf } from "./json-lines";
import { printCorrectionsReport } from "./corrections-report";

const exportedFile = process.argv.includes("--file") ? process.argv[process.argv.indexOf("--file") + 1] : null;
if (exportedFile !== null) {
  process.exitCode = printCorrectionsReport(exportedFile, readLexicon());
} else {
  fullReport();
}

function fullReport() {
  const started = performance.now();
  const lexicon = readLexicon();
  const figures = computeFigures(lexicon);
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const mark = (ok: boolean) => (ok ? "✓" : "✗");

  function replyLines(name: string, a: BlindAgreement, targets: boolean) {
    console.log(`  ${name} (${a.count} replies)`);
    for (const d of DIMENSIONS) {
      const { spearman, sameBand } = a.byDimension[d];
      const t = targets ? `   ${mark(spearman >= 0.8)} ρ ≥ 0.8  ${mark(sameBand >= 0.85)} band ≥ 85%` : "";
      console.log(`    ${d.padEnd(9)} Spearman ${spearman.toFixed(2)}   same band ${pct(sameBand).padStart(4)}${t}`);
    }
    console.log(
      `    critical errors: trainers marked ${a.critical.labelled}, the scorer flagged ${a.critical.flagged} of them; flagged where trainers saw none: ${a.critical.falseAlarms}`,
    );
  }

  function callLines(name: string, c: CallAgreement & { replayed: ReplayedCall[] }, targets: boolean) {
    if (!c.replayed.length) {
      console.log(`  ${name}: none yet`);
      return;
    }
    const w = c.byWriter;
    const finished = (x: { calls: number; unfinished: number }) => x.calls - x.unfinished;
    console.log(`  ${name} (${c.replayed.length} calls; "unfinished": the owner now says something else than the writer answered, or the replies ran out)`);
    console.log(
      `    expert ${w.expert.passed}/${finished(w.expert)} finished calls pass (${w.expert.unfinished} unfinished)${targets ? `   ${mark(w.expert.passed === finished(w.expert))} every expert passes` : ""}`,
    );
    console.log(`    decent ${w.decent.passed}/${finished(w.decent)} pass (${w.decent.unfinished} unfinished)`);
    console.log(
      `    poor   ${w.poor.passed}/${finished(w.poor)} pass (${w.poor.unfinished} unfinished)${targets ? `   ${mark(w.poor.passed === 0)} no poor call passes` : ""}`,
    );
    console.log(`    verdict as the trainer's: ${c.verdictsAgreeing}/${c.replayed.filter((r) => r.result).length} finished calls`);
    for (const d of DIMENSIONS) console.log(`    per turn ${d.padEnd(9)} Spearman ${c.turns[d].spearman.toFixed(2)}   same band ${pct(c.turns[d].sameBand)}`);
    // A round written against a newer engine says more about untuned wording than the pooled figure does.
    const rounds = new Map<string, ReplayedCall[]>();
    for (const r of c.replayed) {
      const round = roundOf(r.call.id);
      rounds.set(round, [...(rounds.get(round) ?? []), r]);
    }
    for (const [round, replayed] of [...rounds].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))) {
      const line = (["expert", "decent", "poor"] as const).map((writer) => {
        const finishedCalls = replayed.filter((r) => r.call.writer === writer && r.result);
        return `${writer} ${finishedCalls.filter((r) => r.result?.passed).length}/${finishedCalls.length}`;
      });
      console.log(`    round ${round.padEnd(8)} pass: ${line.join(", ")}`);
    }
  }

  function clauseLines(name: string, f: ClauseFigures) {
    console.log(
      `  ${name}: recall ${f.found}/${f.positives} (${pct(f.found / f.positives)}; patterns alone ${pct(f.foundByPatterns / f.positives)}), false alarms on near-misses ${f.falseAlarms}/${f.nearMisses} (${pct(f.falseAlarms / f.nearMisses)})`,
    );
  }

  console.log("Blind replies (tests/fixtures/scoring/blind/replies-*.jsonl)");
  replyLines("tuned on", figures.replies.tune, false);
  replyLines("held out", figures.replies.heldout, true);
  const second = figures.replies.secondTrainer;
  if (second.count) {
    console.log(`  a second trainer, labelling the ${second.count} held-out replies apart, against the first (what a trainer reaches)`);
    for (const d of DIMENSIONS) {
      const { spearman, sameBand } = second.byDimension[d];
      console.log(`    ${d.padEnd(9)} Spearman ${spearman.toFixed(2)}   same band ${pct(sameBand).padStart(4)}`);
    }
    console.log(`    critical errors: the first marked ${second.critical.first}, the second ${second.critical.second}, both ${second.critical.both}`);
  }
  console.log("\nBlind calls (tests/fixtures/scoring/blind/calls-*.jsonl), replayed on today's engine");
  callLines("tuned on", figures.calls.tune, false);
  callLines("held out", figures.calls.heldout, true);
  console.log("\nBlind critical errors (tests/fixtures/scoring/blind/criticals-*.jsonl)");
  for (const [name, c] of [
    ["tuned on", figures.criticals.tune],
    ["held out", figures.criticals.heldout],
  ] as const) {
    console.log(
      `  ${name}: the scorer flags ${c.flagged}/${c.critical} replies trainers marked critical (${pct(c.flagged / c.critical)}); flags ${c.falseAlarms}/${c.safe} they passed (${pct(c.falseAlarms / c.safe)})`,
    );
    for (const [round, r] of Object.entries(c.rounds).sort(([a], [b]) => a.localeCompare(b)))
      console.log(`    round ${round}: flags ${r.flagged}/${r.critical} (${pct(r.flagged / r.critical)}); false alarms ${r.falseAlarms}/${r.safe}`);
  }
  console.log("\nAct recogniser on the clause corpus (tests/fixtures/scoring/clauses; `npm run acts` for each act)");
  clauseLines("tuned on", figures.clauses.tune);
  clauseLines("held out", figures.clauses.heldout);

  const l = figures.labelled;
  console.log(`\nEarlier labelled sets (tests/fixtures/scoring/replies*.jsonl, pairs*.jsonl): ${l.replies} replies, ${l.pairs} pairs`);
  console.log(`  bands agreeing ${l.bandChecks - l.bandMisses.length}/${l.bandChecks} (${pct(1 - l.bandMisses.length / l.bandChecks)})`);
  for (const d of DIMENSIONS) console.log(`    ${d.padEnd(9)} ${pct(1 - l.bandMisses.filter((m) => m.dimension === d).length / l.replies)}`);
  console.log(`  orderings agreeing ${l.pairChecks - l.pairMisses.length}/${l.pairChecks} (${pct(1 - l.pairMisses.length / l.pairChecks)})`);
  if (process.argv.includes("--verbose")) {
    const { replies } = readCalibration();
    for (const m of l.bandMisses)
      console.log(`  band  ${m.id} ${m.dimension}: labelled ${m.expected}, scored ${m.got} | ${replies.find((r) => r.id === m.id)!.text}`);
    for (const m of l.pairMisses)
      console.log(`  order ${m.pair.dimension}: ${m.pair.better} (${m.better}) should beat ${m.pair.worse} (${m.worse}): ${m.pair.why}`);
  }
  if (process.argv.includes("--write-known")) {
    const file = path.resolve(KNOWN_MISSES_FILE);
    writeFileSync(file, `${JSON.stringify(knownMissKeys(l), null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
