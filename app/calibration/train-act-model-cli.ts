/**
 * `npm run acts:train`: trains the act model (app/scoring/act-model.ts) on the tune half of the clause corpus and
 * writes content/scoring/act-model.json. Only strengths are learnt: a fault is named only where a trainer's
 * pattern (acts.yaml) found it. Then `npm run acts` reports recall and false alarms, tune and held-out.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { readLexicon, scoringDir } from "~/scoring/lexicon-files.server";
import { DEFAULT_TRAINING, trainActModel } from "./act-model-training";
import { corpusActs, readClauseCorpus } from "./clause-corpus";

const clauses = readClauseCorpus("tune");
const strengths = new Set(
  readLexicon()
    .acts.filter((a) => a.kind === "strength")
    .map((a) => a.id),
);
const acts = corpusActs(clauses).filter((a) => strengths.has(a));
const started = performance.now();
const model = trainActModel(clauses, acts, DEFAULT_TRAINING);
const file = path.join(scoringDir(), "act-model.json");
// One n-gram a line: a diff shows which words moved.
const body = Object.entries(model.weights)
  .map(([gram, pairs]) => `    ${JSON.stringify(gram)}: ${JSON.stringify(pairs)}`)
  .join(",\n");
writeFileSync(
  file,
  `{\n  "version": 1,\n  "grams": ${JSON.stringify(model.grams)},\n  "acts": ${JSON.stringify(model.acts)},\n  "bias": ${JSON.stringify(model.bias)},\n  "threshold": ${JSON.stringify(model.threshold)},\n  "weights": {\n${body}\n  }\n}\n`,
);
console.log(
  `trained on ${clauses.length} clauses: ${acts.length} strengths, ${Object.keys(model.weights).length} n-grams kept, in ${((performance.now() - started) / 1000).toFixed(1)} s → ${file}`,
);
console.log(`thresholds: ${acts.map((a, i) => `${a} ${model.threshold[i]}`).join(", ")}`);
