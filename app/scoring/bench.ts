/**
 * `npm run bench:score`: scores real replies many times, each timed on its own, and prints the median, p95 and
 * p99 microseconds per reply. The replies are the blind set's (real trainee lengths), each scored as in its call:
 * with its scenario step's expectation and the scenario's moves. Also printed: the same replies scored free (every
 * move of the lexicon looked for, as `npm run score` does), and without the trained act model.
 * A benchmark that prints figures, not a test: it never fails because the machine is slow. Target: p99 < 500 µs.
 */
import { readAllScenarios } from "~/roleplay/scenario-files.server";
import { readCalibration } from "~/calibration/labelled-sets";
import { expectationFor, readBlindReplies } from "~/calibration/blind-replies";
import { readLexicon } from "./lexicon-files.server";
import { createReplyScorer } from "./score-reply";
import type { TurnExpectation } from "./types";

const TARGET_P99 = 500;
const ROUNDS = 20;
const scripts = new Map(readAllScenarios().map((s) => [s.id, s]));
const inCall: Array<{ text: string; turn: TurnExpectation }> = [...readBlindReplies("tune"), ...readBlindReplies("heldout")].map((r) => ({
  text: r.text,
  turn: expectationFor(r, scripts),
}));
const free = inCall.map(({ text, turn }) => ({ text, turn: { ...turn, moves: undefined } }));
const lexicon = readLexicon();

function measure(label: string, score: ReturnType<typeof createReplyScorer>, cases: typeof inCall) {
  for (const c of cases) score(c.text, c.turn); // warm up the JIT and the lazily built converters
  const micros: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) {
      const started = process.hrtime.bigint();
      score(c.text, c.turn);
      micros.push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  micros.sort((a, b) => a - b);
  const at = (q: number) => micros[Math.min(micros.length - 1, Math.floor(q * micros.length))];
  console.log(
    `${label.padEnd(40)} median ${at(0.5).toFixed(0).padStart(4)} µs   p95 ${at(0.95).toFixed(0).padStart(5)} µs   p99 ${at(0.99).toFixed(0).padStart(5)} µs`,
  );
  return at(0.99);
}

const score = createReplyScorer(lexicon);
console.log(`${inCall.length} blind replies × ${ROUNDS} rounds, each timed on its own`);
const p99 = measure("in a call (the scenario's moves)", score, inCall);
measure("free (every move of the lexicon)", score, free);
measure("in a call, without the act model", createReplyScorer({ ...lexicon, actModel: null }), inCall);
// The earlier calibration set: short replies (30 characters on average, against the blind set's 90).
measure(
  "earlier calibration replies (short)",
  score,
  readCalibration().replies.map((r) => ({ text: r.text, turn: r })),
);
const long = "您好，我跟您确认一下，".repeat(200);
const t0 = process.hrtime.bigint();
for (let i = 0; i < 20; i++) score(long, {});
console.log(`a 2,000-character reply (the longest scored): ${(Number(process.hrtime.bigint() - t0) / 1000 / 20).toFixed(0)} µs`);
console.log(`target: p99 in a call under ${TARGET_P99} µs per reply — ${p99 < TARGET_P99 ? "met" : "NOT met"}`);
