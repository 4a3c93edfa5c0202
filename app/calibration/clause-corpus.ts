import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { replyView, type TextView } from "~/scoring/text";
import type { LabelledClause } from "./act-model-training";

/**
 * The labelled clause corpus (tests/fixtures/scoring/clauses/<act>.jsonl): clauses written by people who never saw
 * the recogniser, each a positive example of an act or a near-miss, split into a `tune` half (for writing patterns
 * and training the model) and a `heldout` half (for reporting only).
 */

export const CLAUSE_DIR = "tests/fixtures/scoring/clauses";

/** Corpus act names that the lexicon calls otherwise. */
const ALIAS: Record<string, string> = { "apology-ownership": "apology" };

export interface CorpusClause extends LabelledClause {
  /** As written. */
  original: string;
  half: "tune" | "heldout";
}

export function readClauseCorpus(half: "tune" | "heldout" | "all", dir = CLAUSE_DIR): CorpusClause[] {
  const clauses: CorpusClause[] = [];
  for (const file of readdirSync(path.resolve(dir))
    .filter((f) => f.endsWith(".jsonl"))
    .sort()) {
    for (const line of readFileSync(path.resolve(dir, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { act: string; kind: "positive" | "near-miss"; text: string; half: "tune" | "heldout"; also?: string[] };
      if (half !== "all" && row.half !== half) continue;
      clauses.push({
        act: ALIAS[row.act] ?? row.act,
        kind: row.kind === "positive" ? "positive" : "near-miss",
        text: replyView(row.text).text,
        also: row.also?.map((a) => ALIAS[a] ?? a),
        original: row.text,
        half: row.half,
      });
    }
  }
  return clauses;
}

/** The acts the corpus has examples of, in a fixed order. */
/** A clause as the recogniser takes it: its text is read as a reply already (readClauseCorpus); only the acts it holds are asked, not where. */
export function clauseView(clause: Pick<CorpusClause, "text">): TextView {
  return { text: clause.text, start: [], end: [] };
}

export function corpusActs(clauses: readonly CorpusClause[]): string[] {
  return [...new Set(clauses.map((c) => c.act))].sort();
}
