import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument, type Document } from "yaml";
import type { ScenarioScript } from "~/roleplay/script";
import type { Lexicon } from "~/scoring/lexicon";
import type { ScoreReply } from "~/scoring/score-reply";
import { DIMENSIONS, type Dimension, type ReplyScore, type TurnExpectation } from "~/scoring/types";
import { expectationFor, type BlindReply } from "./blind-replies";
import type { Band, CalibrationReply } from "./labelled-sets";

/**
 * Fits the scorer's points to trainers' labels (`npm run calibration:fit`): every rule keeps what it
 * recognises and only its points move, each within its sign (a strength never costs, an issue never earns), pulled
 * towards the value a person wrote in the file unless the labels say otherwise. The result is written back into
 * content/scoring/*.yaml (comments kept), where a trainer can read and change it.
 *
 * Fitted on the `tune` half of the blind set (labels 1–5 per dimension) and on the earlier labelled sets (bands),
 * never on the `heldout` half.
 */

/** A trainer's 1–5 label as the score it stands for: 2.5 is the 45 band boundary, 3.5 the 75 one. */
export function labelTarget(label: number): number {
  // Spread towards the ends: a linear fit pulls scores to the middle, and the bands sit at 45 and 75.
  const points: Array<[number, number]> = [
    [1, 0],
    [2, 10],
    [3, 60],
    [4, 100],
    [5, 100],
  ];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (label <= x1) return y0 + ((Math.max(label, x0) - x0) * (y1 - y0)) / (x1 - x0);
  }
  return 100;
}

const BAND_TARGET: Record<Band, number> = { good: 92, mid: 60, bad: 15 };

/** Where a parameter lives in the YAML files. */
interface Param {
  id: string;
  /** A strength's points stay at or above 0, an issue's at or below. */
  sign: 1 | -1;
  file: "acts" | "listening" | "empathy" | "wording" | "moves";
  path: Array<string | number>;
  initial: number;
}

/** The parameter a finding's points come from, and how many "units" of it the finding is. */
function paramOf(lexicon: Lexicon, rule: string, dimension: Dimension, delta: number): { param: Param; units: number } | null {
  const files = lexicon.files;
  const rules = files.listening.rules;
  const unit = (initial: number) => (initial === 0 ? 1 : delta / initial);
  const actIndex = files.acts.acts.findIndex((a) => a.id === rule);
  if (actIndex >= 0) {
    const initial = files.acts.acts[actIndex].points[dimension]!;
    const sign = files.acts.acts[actIndex].kind === "strength" ? 1 : -1;
    return { param: { id: `act:${rule}:${dimension}`, sign, file: "acts", path: ["acts", actIndex, "points", dimension], initial }, units: unit(initial) };
  }
  const listening: Record<string, string[]> = {
    "listening.fact-confirmed": ["factConfirmed"],
    "listening.fact-missing": ["factMissing"],
    "listening.asked": ["askAsked"],
    "listening.not-asked": ["askMissing"],
    "listening.topic-answered": ["topicEchoed"],
    "listening.topic-missed": ["topicMissed"],
    "listening.echoed": ["genericEcho"],
    "listening.solution-jump": ["solutionJump"],
    "listening.question-answered": ["question", "answered"],
    "listening.question-unanswered": ["question", "unanswered"],
    "listening.owner-words": ["ownerWords"],
  };
  if (listening[rule]) {
    const at = listening[rule];
    const initial = (at.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], rules) as { points: number }).points;
    const sign = /missing|missed|not-asked|jump|short|unanswered/.test(rule) ? -1 : 1;
    return { param: { id: rule, sign, file: "listening", path: ["rules", ...at, "points"], initial }, units: unit(initial) };
  }
  if (rule === "empathy.upset-no-feeling") {
    const levels = files.empathy.rules.upsetNoFeeling.levels;
    const i = levels.findIndex((l) => l.points === delta);
    if (i < 0) return null;
    return {
      param: { id: `${rule}:${i}`, sign: -1, file: "empathy", path: ["rules", "upsetNoFeeling", "levels", i, "points"], initial: levels[i].points },
      units: 1,
    };
  }
  if (rule === "empathy.canned")
    return { param: { id: rule, sign: -1, file: "empathy", path: ["rules", "canned", "points"], initial: files.empathy.rules.canned.points }, units: 1 };
  const wording: Record<string, string> = {
    "wording.no-courtesy": "noCourtesy",
    "jargon.explained": "jargonExplained",
    "jargon.unexplained": "jargon",
    "structure.cause-without-measure": "causeWithoutMeasure",
  };
  if (wording[rule]) {
    const initial = (files.wording.rules as unknown as Record<string, { points: number }>)[wording[rule]].points;
    return {
      param: { id: rule, sign: rule === "jargon.explained" ? 1 : -1, file: "wording", path: ["rules", wording[rule], "points"], initial },
      units: unit(initial),
    };
  }
  if (rule.startsWith("move.made."))
    return { param: { id: "move.made", sign: 1, file: "moves", path: ["madeRequired", "points"], initial: files.moves.madeRequired.points }, units: 1 };
  const missing = /^move\.(missing|forbidden)\.(.+)$/.exec(rule);
  if (missing) {
    const i = files.moves.moves.findIndex((m) => m.id === missing[2]);
    const effect = missing[1] === "missing" ? "required" : "forbidden";
    const initial = (files.moves.moves[i] as unknown as Record<string, { points: number }>)[effect].points;
    return { param: { id: rule, sign: -1, file: "moves", path: ["moves", i, effect, "points"], initial }, units: unit(initial) };
  }
  return null;
}

interface Row {
  weight: number;
  target: Record<Dimension, number>;
  /** Per dimension: units of each parameter. */
  units: Record<Dimension, Map<string, number>>;
}

function rowOf(lexicon: Lexicon, score: ReplyScore, weight: number, target: Record<Dimension, number>, params: Map<string, Param>): Row {
  const units = { listening: new Map(), empathy: new Map(), wording: new Map() } as Row["units"];
  // Every act that counted is a feature of each dimension it assesses: the labels say how far it moves them.
  for (const [act, count] of Object.entries(score.actCounts)) {
    const index = lexicon.files.acts.acts.findIndex((a) => a.id === act);
    const entry = lexicon.files.acts.acts[index];
    for (const d of entry.assesses) {
      const id = `act:${act}:${d}`;
      params.set(id, { id, sign: entry.kind === "strength" ? 1 : -1, file: "acts", path: ["acts", index, "points", d], initial: entry.points[d] ?? 0 });
      units[d].set(id, count);
    }
  }
  for (const f of score.findings) {
    if (score.actCounts[f.rule] !== undefined) continue; // an act: counted above
    const found = paramOf(lexicon, f.rule, f.dimension, f.delta);
    if (!found) continue;
    params.set(found.param.id, found.param);
    units[f.dimension].set(found.param.id, (units[f.dimension].get(found.param.id) ?? 0) + found.units);
  }
  return { weight, target, units };
}

export interface FitInput {
  lexicon: Lexicon;
  score: ScoreReply;
  scripts: ReadonlyMap<string, ScenarioScript>;
  blind: readonly BlindReply[];
  labelled: readonly CalibrationReply[];
}

/** Fits and returns the new values (by parameter id) and the bases; does not write anything. */
export function fitPoints(
  { lexicon, score, scripts, blind, labelled }: FitInput,
  prior = Number(process.env.FIT_PRIOR ?? 0.002),
  sweeps = Number(process.env.FIT_SWEEPS ?? 60),
) {
  const params = new Map<string, Param>();
  const rows: Row[] = [];
  for (const reply of blind) {
    const turn = expectationFor(reply, scripts);
    const target = Object.fromEntries(DIMENSIONS.map((d) => [d, labelTarget(reply.labels[d])])) as Record<Dimension, number>;
    rows.push(rowOf(lexicon, score(reply.text, turn), 1, target, params));
  }
  for (const reply of labelled) {
    const target = Object.fromEntries(DIMENSIONS.map((d) => [d, BAND_TARGET[reply.expect[d]]])) as Record<Dimension, number>;
    rows.push(rowOf(lexicon, score(reply.text, reply as TurnExpectation), Number(process.env.FIT_LABELLED_WEIGHT ?? 1), target, params));
  }
  const ids = [...params.keys()];
  const theta = new Map(ids.map((id) => [id, params.get(id)!.initial]));
  const base: Record<Dimension, number> = { listening: lexicon.files.listening.base, empathy: lexicon.files.empathy.base, wording: lexicon.files.wording.base };
  // The rows as (dimension, row) cells with their parameters, for projected coordinate descent.
  const cells = rows.flatMap((row) => DIMENSIONS.map((d) => ({ d, weight: row.weight, target: row.target[d], units: [...row.units[d]] })));
  const predict = (cell: (typeof cells)[number]) => cell.units.reduce((s, [id, n]) => s + theta.get(id)! * n, base[cell.d]);
  const byParam = new Map<string, Array<{ cell: number; units: number }>>();
  cells.forEach((cell, i) => {
    for (const [id, n] of cell.units) byParam.set(id, [...(byParam.get(id) ?? []), { cell: i, units: n }]);
  });
  const strength = prior * rows.length;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const predicted = cells.map(predict);
    // A cell clamped beyond 0–100 on the side of its target gains nothing from moving further: left out this sweep.
    const active = predicted.map((p, i) => !((p > 100 && cells[i].target >= 95) || (p < 0 && cells[i].target <= 10)));
    for (const d of DIMENSIONS) {
      let num = 0;
      let den = 0;
      cells.forEach((cell, i) => {
        if (cell.d !== d || !active[i]) return;
        num += cell.weight * (cell.target - (predicted[i] - base[d]));
        den += cell.weight;
      });
      const next = Math.max(20, Math.min(80, num / Math.max(den, 1e-9)));
      cells.forEach((cell, i) => {
        if (cell.d === d) predicted[i] += next - base[d];
      });
      base[d] = next;
    }
    for (const id of ids) {
      const { initial, sign } = params.get(id)!;
      const current = theta.get(id)!;
      let num = strength * initial;
      let den = strength;
      for (const { cell, units } of byParam.get(id) ?? []) {
        if (!active[cell]) continue;
        const c = cells[cell];
        num += c.weight * units * (c.target - (predicted[cell] - current * units));
        den += c.weight * units * units;
      }
      // Within its sign: a strength never costs, an issue never earns.
      const next = sign > 0 ? Math.max(0, num / den) : Math.min(0, num / den);
      for (const { cell, units } of byParam.get(id) ?? []) predicted[cell] += (next - current) * units;
      theta.set(id, next);
    }
  }
  return { params, theta, base };
}

/** Writes fitted values into the YAML files, keeping their comments. */
export function writeFitted(dir: string, fitted: ReturnType<typeof fitPoints>): string[] {
  const docs = new Map<Param["file"], { file: string; doc: Document }>();
  const open = (name: Param["file"]) => {
    let entry = docs.get(name);
    if (!entry) {
      const file = path.join(dir, `${name}.yaml`);
      entry = { file, doc: parseDocument(readFileSync(file, "utf8")) };
      docs.set(name, entry);
    }
    return entry.doc;
  };
  const changed: string[] = [];
  for (const [id, param] of fitted.params) {
    const value = Math.round(fitted.theta.get(id)!);
    if (value !== param.initial) changed.push(`${id}: ${param.initial} → ${value}`);
    const doc = open(param.file);
    // An act's dimension at 0 is left out: the act does not move it.
    if (value === 0 && param.file === "acts") {
      if (doc.hasIn(param.path)) doc.deleteIn(param.path);
    } else doc.setIn(param.path, value);
  }
  for (const d of DIMENSIONS) open(d).set("base", Math.round(fitted.base[d]));
  for (const { file, doc } of docs.values()) writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return changed;
}
