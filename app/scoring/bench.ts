/**
 * `npm run bench:score`: scores the calibration set many times and prints the median microseconds per reply.
 * A benchmark that prints figures, not a test: it never fails because the machine is slow.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { readLexicon } from "./lexicon-files.server";
import { createReplyScorer } from "./score-reply";
import type { TurnExpectation } from "./types";

const dir = path.resolve("tests/fixtures/scoring");
const cases: Array<{ text: string } & TurnExpectation> = readdirSync(dir)
  .filter((f) => f.startsWith("replies") && f.endsWith(".jsonl"))
  .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)));

const score = createReplyScorer(readLexicon());
const ROUNDS = 30;

// Warm up the JIT and the lazily built converters.
for (const c of cases) score(c.text, c);

const perReply: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = process.hrtime.bigint();
  for (const c of cases) score(c.text, c);
  const elapsed = Number(process.hrtime.bigint() - started) / 1000;
  perReply.push(elapsed / cases.length);
}
perReply.sort((a, b) => a - b);
const median = perReply[Math.floor(perReply.length / 2)];
const long = "您好，".repeat(700);
const t0 = process.hrtime.bigint();
for (let i = 0; i < 50; i++) score(long, {});
const longMicros = Number(process.hrtime.bigint() - t0) / 1000 / 50;

console.log(`calibration replies: ${cases.length}, rounds: ${ROUNDS}`);
console.log(`median per reply: ${median.toFixed(1)} µs (fastest round ${perReply[0].toFixed(1)} µs, slowest ${perReply.at(-1)!.toFixed(1)} µs)`);
console.log(`a 2,100-character reply (truncated to 2,000): ${longMicros.toFixed(1)} µs`);
console.log(`target: under 200 µs per reply — ${median < 200 ? "met" : "NOT met"}`);
