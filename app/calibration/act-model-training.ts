import { gramsOf, modelText, type ActModel } from "~/scoring/act-model";

/**
 * Trains the act model (app/scoring/act-model.ts) on labelled clauses: one L2-regularised logistic regression per
 * strength over character n-grams, fitted by full-batch gradient descent with AdaGrad steps, in a fixed order, so
 * the same corpus always gives the same weights. Clauses written for other acts (faults included) are its
 * negatives. Thresholds are chosen per act by five-fold cross-validation on the training clauses (the held-out
 * half is never seen).
 */

export interface LabelledClause {
  /** The act the writer wrote it for. */
  act: string;
  kind: "positive" | "near-miss";
  /** Normalised text (as the scorer sees a reply). */
  text: string;
  /** Other acts the same text does, when the writer said so; undefined when the writer was not asked. */
  also?: string[];
}

export interface TrainingOptions {
  grams: [number, number];
  epochs: number;
  /** L2 strength per example. */
  l2: number;
  /** How much a clause written for another act counts as an example of "not this act". */
  otherWeight: number;
  /** An n-gram must occur in at least this many clauses to be a feature. */
  minCount: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { grams: [1, 2], epochs: 160, l2: 0.0005, otherWeight: 0.5, minCount: 2 };

interface Example {
  features: number[];
  /** Per act: 1, 0, or undefined (no label for it). */
  labels: Array<0 | 1>;
  weights: number[];
}

function examplesOf(clauses: readonly LabelledClause[], acts: readonly string[], features: ReadonlyMap<string, number>, options: TrainingOptions): Example[] {
  return clauses.map((c) => {
    const ids = new Set<number>();
    for (const g of gramsOf(modelText(c.text).text, options.grams)) {
      const id = features.get(g.gram);
      if (id !== undefined) ids.add(id);
    }
    const labels: Array<0 | 1> = [];
    const weights: number[] = [];
    for (const act of acts) {
      const own = c.act === act;
      const also = c.also?.includes(act) ?? false;
      if ((own && c.kind === "positive") || also) {
        labels.push(1);
        weights.push(1);
      } else if (own) {
        labels.push(0);
        weights.push(1); // a near-miss written for this act: the most telling negative
      } else {
        labels.push(0);
        // A clause written for another act may still do this one when the writer was not asked (no `also`).
        weights.push(c.also ? options.otherWeight * 2 : options.otherWeight);
      }
    }
    return { features: [...ids].sort((a, b) => a - b), labels, weights };
  });
}

/** The n-grams seen in at least minCount clauses, in first-seen order. */
function vocabulary(clauses: readonly LabelledClause[], options: TrainingOptions): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of clauses)
    for (const gram of new Set(gramsOf(modelText(c.text).text, options.grams).map((g) => g.gram))) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  const features = new Map<string, number>();
  for (const [gram, n] of counts) if (n >= options.minCount) features.set(gram, features.size);
  return features;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, x))));

function train(examples: readonly Example[], featureCount: number, actCount: number, options: TrainingOptions) {
  const W = new Float64Array(featureCount * actCount);
  const b = new Float64Array(actCount);
  const gW = new Float64Array(featureCount * actCount);
  const gb = new Float64Array(actCount);
  const hW = new Float64Array(featureCount * actCount).fill(1e-8);
  const hb = new Float64Array(actCount).fill(1e-8);
  const rate = 0.5;
  const z = new Float64Array(actCount);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gW.fill(0);
    gb.fill(0);
    for (const ex of examples) {
      z.set(b);
      for (const f of ex.features) for (let a = 0; a < actCount; a++) z[a] += W[f * actCount + a];
      for (let a = 0; a < actCount; a++) {
        const g = ex.weights[a] * (sigmoid(z[a]) - ex.labels[a]);
        gb[a] += g;
        for (const f of ex.features) gW[f * actCount + a] += g;
      }
    }
    const n = examples.length;
    for (let i = 0; i < W.length; i++) {
      const g = gW[i] / n + options.l2 * W[i];
      hW[i] += g * g;
      W[i] -= (rate * g) / Math.sqrt(hW[i]);
    }
    for (let a = 0; a < actCount; a++) {
      const g = gb[a] / n;
      hb[a] += g * g;
      b[a] -= (rate * g) / Math.sqrt(hb[a]);
    }
  }
  return { W, b };
}

function probabilities(ex: Example, W: Float64Array, b: Float64Array, actCount: number): number[] {
  const z = Array.from(b);
  for (const f of ex.features) for (let a = 0; a < actCount; a++) z[a] += W[f * actCount + a];
  return z.map(sigmoid);
}

/** The threshold with the best F1 on out-of-fold probabilities, between 0.1 and 0.9. */
function bestThreshold(scored: Array<{ p: number; y: 0 | 1; own: boolean }>): number {
  const beta2 = 1;
  let best = { f: -1, t: 0.5 };
  for (let t = 0.1; t <= 0.9001; t += 0.05) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const s of scored) {
      if (s.p >= t && s.y) tp++;
      else if (s.p >= t) fp += s.own ? 1 : 0.5;
      else if (s.y) fn++;
    }
    const f = ((1 + beta2) * tp) / Math.max(1, (1 + beta2) * tp + beta2 * fn + fp);
    if (f > best.f + 1e-9) best = { f, t: Math.round(t * 100) / 100 };
  }
  return best.t;
}

/** `acts`: the strengths to learn; clauses of every other act are examples of what they are not. */
export function trainActModel(clauses: readonly LabelledClause[], acts: readonly string[], options: TrainingOptions = DEFAULT_TRAINING): ActModel {
  // Thresholds from five folds (clause i in fold i mod 5).
  const scored: Array<Array<{ p: number; y: 0 | 1; own: boolean }>> = acts.map(() => []);
  for (let fold = 0; fold < 5; fold++) {
    const trainSet = clauses.filter((_, i) => i % 5 !== fold);
    const testSet = clauses.filter((_, i) => i % 5 === fold);
    const features = vocabulary(trainSet, options);
    const { W, b } = train(examplesOf(trainSet, acts, features, options), features.size, acts.length, options);
    const testExamples = examplesOf(testSet, acts, features, options);
    testExamples.forEach((ex, i) => {
      const p = probabilities(ex, W, b, acts.length);
      acts.forEach((act, a) => {
        if (ex.weights[a] > 0) scored[a].push({ p: p[a], y: ex.labels[a], own: testSet[i].act === act });
      });
    });
  }
  const threshold = scored.map(bestThreshold);
  const features = vocabulary(clauses, options);
  const { W, b } = train(examplesOf(clauses, acts, features, options), features.size, acts.length, options);
  const weights: ActModel["weights"] = {};
  const round = (x: number) => Math.round(x * 1000) / 1000;
  for (const [gram, f] of [...features].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    const pairs: Array<[number, number]> = [];
    for (let a = 0; a < acts.length; a++) {
      const w = round(W[f * acts.length + a]);
      if (Math.abs(w) >= 0.05) pairs.push([a, w]);
    }
    if (pairs.length) weights[gram] = pairs;
  }
  return { version: 1, grams: options.grams, acts: [...acts], bias: Array.from(b, round), threshold, weights };
}
