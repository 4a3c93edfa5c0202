import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** A JSON-lines fixture, one object per non-blank line; a line that is not JSON is named with its number. */
export function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
      }
    });
}

/**
 * One half of a blind set, tests/fixtures/scoring/blind/<set>-<half>.jsonl: `tune` is for tuning, `heldout` only
 * for reporting (as is `heldout-second-trainer`, a second trainer's labels of the held-out replies). None when that
 * file is not in the repository.
 */
export function readBlindHalf<T>(set: "replies" | "calls" | "criticals", half: "tune" | "heldout" | "heldout-second-trainer"): T[] {
  const file = path.resolve("tests/fixtures/scoring/blind", `${set}-${half}.jsonl`);
  return existsSync(file) ? readJsonLines<T>(file) : [];
}

/**
 * The round a blind record was written in, from its id (K15-0042, expert-gas-smell-k15-1 → "k15"); "earlier" for the
 * rounds before ids carried it. A later round measures wording the rules never saw, so rounds are reported apart.
 */
export function roundOf(id: string): string {
  return /(?:^|-)(k\d+)(?:-|$)/i.exec(id)?.[1].toLowerCase() ?? "earlier";
}
