import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { readJsonLines } from "./json-lines";
import { DIMENSIONS, type Dimension, type ReplyScore, type TurnExpectation } from "~/scoring/types";

/** The calibration set: replies a trainer labelled by band, and ordered pairs, in tests/fixtures/scoring. */

export type Band = "good" | "mid" | "bad";

/** good ≥ 75, mid 45–74, bad < 45: the bands a trainer labels and the report shows. */
export function bandOf(score: number): Band {
  return score >= 75 ? "good" : score >= 45 ? "mid" : "bad";
}

export interface CalibrationReply extends TurnExpectation {
  id: string;
  category: string;
  text: string;
  expect: Record<Dimension, Band>;
}

export interface CalibrationPair {
  dimension: Dimension;
  better: string;
  worse: string;
  why: string;
}

export function readCalibration(dir = path.resolve("tests/fixtures/scoring")) {
  const files = readdirSync(dir).sort();
  const replies = files.filter((f) => /^replies.*\.jsonl$/.test(f)).flatMap((f) => readJsonLines<CalibrationReply>(path.join(dir, f)));
  const pairs = files.filter((f) => /^pairs.*\.jsonl$/.test(f)).flatMap((f) => readJsonLines<CalibrationPair>(path.join(dir, f)));
  return { replies, pairs };
}

export interface CalibrationResult {
  bandMisses: Array<{ id: string; dimension: Dimension; expected: Band; got: number }>;
  pairMisses: Array<{ pair: CalibrationPair; better: number; worse: number }>;
  bandChecks: number;
  pairChecks: number;
}

/** Scores the set and lists every band and ordering the engine gets wrong. */
export function runCalibration(
  score: (text: string, turn: TurnExpectation) => ReplyScore,
  replies: CalibrationReply[],
  pairs: CalibrationPair[],
): CalibrationResult {
  const scores = new Map(replies.map((r) => [r.id, score(r.text, r)]));
  const bandMisses: CalibrationResult["bandMisses"] = [];
  for (const r of replies) {
    const s = scores.get(r.id)!;
    for (const d of DIMENSIONS) if (bandOf(s[d]) !== r.expect[d]) bandMisses.push({ id: r.id, dimension: d, expected: r.expect[d], got: s[d] });
  }
  const pairMisses: CalibrationResult["pairMisses"] = [];
  for (const pair of pairs) {
    const better = scores.get(pair.better)?.[pair.dimension];
    const worse = scores.get(pair.worse)?.[pair.dimension];
    if (better === undefined || worse === undefined) throw new Error(`pair ${pair.better} > ${pair.worse}: unknown id`);
    if (!(better > worse)) pairMisses.push({ pair, better, worse });
  }
  return { bandMisses, pairMisses, bandChecks: replies.length * DIMENSIONS.length, pairChecks: pairs.length };
}

export const KNOWN_MISSES_FILE = "tests/fixtures/scoring/known-misses.json";

/** Disagreements as stable keys: "band <id> <dimension>" and "order <dimension> <better> > <worse>". */
export function knownMissKeys(result: CalibrationResult): { bands: string[]; orders: string[] } {
  return {
    bands: result.bandMisses.map((m) => `${m.id} ${m.dimension}`).sort(),
    orders: result.pairMisses.map((m) => `${m.pair.dimension} ${m.pair.better} > ${m.pair.worse}`).sort(),
  };
}

export function readKnownMisses(file = path.resolve(KNOWN_MISSES_FILE)): { bands: string[]; orders: string[] } {
  return JSON.parse(readFileSync(file, "utf8"));
}
