/**
 * `npm run acts -- [--half tune|heldout|all] [--act <id>] [--verbose]`: how well the act recogniser (the patterns of
 * content/scoring/acts.yaml and the trained model act-model.json) finds each act in the labelled clause corpus
 * (tests/fixtures/scoring/clauses): recall on the clauses that do the act, false alarms on near-misses that only
 * look like it, for the patterns alone and with the model. Tune on the `tune` half; `heldout` is for reporting.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { recogniseActs } from "~/scoring/acts";
import { readLexicon } from "~/scoring/lexicon-files.server";
import { replyView } from "~/scoring/text";
import { clauseView, corpusActs, readClauseCorpus } from "./clause-corpus";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const half = (arg("half") ?? "tune") as "tune" | "heldout" | "all";
const only = arg("act");
// The held-out half is for reporting only: its clauses are never printed, so nobody tunes on them by accident.
const verbose = process.argv.includes("--verbose") && half === "tune";

const lexicon = readLexicon();
const clauses = readClauseCorpus(half);
const pct = (n: number, of: number) => `${String(n).padStart(3)}/${String(of).padEnd(3)} ${((100 * n) / Math.max(1, of)).toFixed(0).padStart(3)}%`;
const totals = { pos: 0, neg: 0, hitPatterns: 0, hit: 0, falsePatterns: 0, false: 0 };
console.log(`${half} half: ${clauses.length} clauses${lexicon.actModel ? "" : " (no act-model.json: patterns only)"}`);
console.log(`${"act".padEnd(20)} ${"recall: patterns".padEnd(18)} ${"+ model".padEnd(12)} ${"false alarms: patterns".padEnd(24)} + model`);
for (const act of corpusActs(clauses)) {
  if (only && act !== only) continue;
  const mine = clauses.filter((c) => c.act === act);
  const row = { pos: 0, neg: 0, hitPatterns: 0, hit: 0, falsePatterns: 0, false: 0 };
  const misses: string[] = [];
  const falses: string[] = [];
  for (const c of mine) {
    const hits = recogniseActs(clauseView(c), lexicon.acts, lexicon, lexicon.actModel).filter((h) => h.act === act);
    const byPatterns = hits.some((h) => !h.byModel);
    const found = hits.length > 0;
    if (c.kind === "positive") {
      row.pos++;
      row.hitPatterns += byPatterns ? 1 : 0;
      row.hit += found ? 1 : 0;
      if (!found) misses.push(c.original);
    } else {
      row.neg++;
      row.falsePatterns += byPatterns ? 1 : 0;
      row.false += found ? 1 : 0;
      if (found) falses.push(c.original);
    }
  }
  for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += row[k];
  console.log(
    `${act.padEnd(20)} ${pct(row.hitPatterns, row.pos).padEnd(18)} ${pct(row.hit, row.pos).padEnd(12)} ${pct(row.falsePatterns, row.neg).padEnd(24)} ${pct(row.false, row.neg)}`,
  );
  if (verbose) {
    for (const m of misses) console.log(`    missed: ${m}`);
    for (const f of falses) console.log(`    false:  ${f}`);
  }
}
console.log(
  `${"all acts".padEnd(20)} ${pct(totals.hitPatterns, totals.pos).padEnd(18)} ${pct(totals.hit, totals.pos).padEnd(12)} ${pct(totals.falsePatterns, totals.neg).padEnd(24)} ${pct(totals.false, totals.neg)}`,
);

// Faults found in the replies of expert writers (tune half of the blind set): each is a likely false alarm.
const experts = readFileSync(path.resolve("tests/fixtures/scoring/blind/replies-tune.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { writer: string; text: string })
  .filter((r) => r.writer === "expert");
const faults = new Set(lexicon.acts.filter((a) => a.kind === "issue").map((a) => a.id));
let flagged = 0;
for (const r of experts) {
  const view = replyView(r.text);
  const hits = recogniseActs(view, lexicon.acts, lexicon, lexicon.actModel).filter((h) => faults.has(h.act) && (!only || h.act === only));
  if (!hits.length) continue;
  flagged += 1;
  if (process.argv.includes("--verbose"))
    for (const h of hits) console.log(`    expert flagged ${h.act}${h.byModel ? " (model)" : ""}: 「${view.text.slice(h.from, h.to)}」 in ${r.text}`);
}
console.log(`expert replies (blind tune set) with a fault found: ${flagged}/${experts.length}`);
