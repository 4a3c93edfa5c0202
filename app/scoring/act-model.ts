import { z } from "zod";
import { lettersOf } from "./text";

/**
 * A small statistical recogniser of acts, beside the patterns of acts.yaml: one logistic model per act over the
 * character n-grams of a sentence, trained on the labelled clause corpus (tests/fixtures/scoring/clauses, by
 * `npm run acts:train`) and kept as data in content/scoring/act-model.json. Patterns say what a trainer wrote down;
 * the model catches the wordings nobody wrote down (我这边报警, 我来报110, 搁谁谁不急).
 *
 * Deterministic, and explainable like a pattern: the words it credits are the stretch of the sentence whose
 * n-grams speak most for the act (the highest-scoring window), and that stretch is what the finding points at.
 * Pure: no files.
 */

export const actModelSchema = z
  .object({
    version: z.literal(1),
    /** n-gram lengths, from–to. */
    grams: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
    acts: z.array(z.string().min(1)).min(1),
    bias: z.array(z.number()),
    /** Probability at or above which the act is recognised. */
    threshold: z.array(z.number().min(0).max(1)),
    /** n-gram → [act index, weight] pairs. */
    weights: z.record(z.string(), z.array(z.tuple([z.number().int().min(0), z.number()]))),
  })
  .strict()
  .refine((m) => m.bias.length === m.acts.length && m.threshold.length === m.acts.length, "bias and threshold need one entry per act");

export type ActModel = z.infer<typeof actModelSchema>;

const LETTER = /\p{L}/u;

/** The text a model sees: digits as #, punctuation but ? dropped (a question is a question in any shape). */
export function modelText(text: string): { text: string; at: number[]; end: number[] } {
  const out: string[] = [];
  const at: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (out[out.length - 1] === "#" && end[end.length - 1] === i) end[end.length - 1] = i + 1;
      else {
        out.push("#");
        at.push(i);
        end.push(i + 1);
      }
      continue;
    }
    if (c === "?" || LETTER.test(c)) {
      out.push(c);
      at.push(i);
      end.push(i + 1);
    }
  }
  return { text: out.join(""), at, end };
}

/** Every n-gram of the text with where it starts, the text framed by ^ and $ so starts and ends are features. */
export function gramsOf(text: string, [min, max]: readonly [number, number]): Array<{ gram: string; from: number; to: number }> {
  const framed = `^${text}$`;
  const grams: Array<{ gram: string; from: number; to: number }> = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= framed.length; i++) {
      const gram = framed.slice(i, i + n);
      if (gram === "^" || gram === "$") continue;
      // Positions in `text` (the frame shifts by one).
      grams.push({ gram, from: Math.max(0, i - 1), to: Math.min(text.length, i - 1 + n) });
    }
  }
  return grams;
}

const CJK = /[\u3400-\u9fff]/g;
const NUMERAL = /[0-9一二三四五六七八九十百千万两零]/g;

/**
 * Evidence a trainee can be shown: at least two Chinese characters, and words rather than figures (a bill's
 * arithmetic, 一个月二百六十四，264乘5, names no hardship and gives no time, however the n-grams add up).
 */
export function readableEvidence(words: string): boolean {
  const chinese = (words.match(CJK) ?? []).length;
  if (chinese < 2) return false;
  const numerals = (words.match(NUMERAL) ?? []).length;
  return numerals * 3 < lettersOf(words).length;
}

export interface ModelHit {
  act: string;
  probability: number;
  /** The stretch of the given text (indices into it) that speaks most for the act. */
  from: number;
  to: number;
}

/**
 * The model ready to run: its n-grams in a trie of character codes, node 0 the root, each node's weights a dense
 * row of `weights` (one number per act). Flat arrays and integer keys: a reply is scored in tens of microseconds.
 */
export interface CompiledActModel {
  grams: readonly [number, number];
  acts: readonly string[];
  bias: Float64Array;
  /** Per act, the threshold as a logit: an act is recognised when its sum reaches it. */
  logitThreshold: Float64Array;
  /** The trie's edges, keyed node × 65536 + character code (one small-integer key: the fastest lookup V8 has). */
  edges: Map<number, number>;
  /** Per node: whether an n-gram with weights ends there. */
  weighted: Uint8Array;
  /** Node × act. */
  weights: Float64Array;
  /** Words that are no evidence on their own (没有, 现在, 这个): a guess resting on one alone is dropped. */
  emptyWords: ReadonlySet<string>;
}

export function compileActModel(model: ActModel, emptyWords: readonly string[] = []): CompiledActModel {
  const edges = new Map<number, number>();
  let nodes = 1;
  const ends = new Map<number, Array<[number, number]>>();
  for (const [gram, pairs] of Object.entries(model.weights)) {
    let node = 0;
    for (let i = 0; i < gram.length; i++) {
      const key = node * 65536 + gram.charCodeAt(i);
      let child = edges.get(key);
      if (child === undefined) edges.set(key, (child = nodes++));
      node = child;
    }
    ends.set(node, pairs);
  }
  const A = model.acts.length;
  const weighted = new Uint8Array(nodes);
  const weights = new Float64Array(nodes * A);
  for (const [node, pairs] of ends) {
    weighted[node] = 1;
    for (const [act, w] of pairs) weights[node * A + act] = w;
  }
  const logit = (p: number) => Math.log(p / (1 - p));
  return {
    grams: model.grams,
    acts: model.acts,
    bias: Float64Array.from(model.bias),
    logitThreshold: Float64Array.from(model.threshold, logit),
    edges,
    weighted,
    weights,
    emptyWords: new Set(emptyWords),
  };
}

/**
 * The acts the model recognises in one sentence of normalised text, each with the words that made it; acts in
 * `skip` (already found there) are not looked for.
 */
/** Buffers reused from sentence to sentence (scoring is synchronous: one sentence at a time per thread). */
let scratch = { sums: new Float64Array(0), node: new Int32Array(256), from: new Int32Array(256), to: new Int32Array(256) };
const NOTHING = new Set<string>();

export function modelActs(sentence: string, model: CompiledActModel, skip: ReadonlySet<string> = NOTHING): ModelHit[] {
  const { text, at, end } = modelText(sentence);
  if (!text) return [];
  const framed = `^${text}$`;
  const A = model.acts.length;
  const { edges, weighted, weights } = model;
  const sums = scratch.sums.length === A ? scratch.sums : (scratch.sums = new Float64Array(A));
  sums.set(model.bias);
  // The n-grams found (their node, and where each lies in `text`), walking the trie from every position.
  const capacity = framed.length * model.grams[1];
  if (scratch.node.length < capacity)
    scratch = { sums, node: new Int32Array(capacity * 2), from: new Int32Array(capacity * 2), to: new Int32Array(capacity * 2) };
  const { node: foundNode, from: foundFrom, to: foundTo } = scratch;
  let found = 0;
  const [min, max] = model.grams;
  for (let i = 0; i < framed.length; i++) {
    let node = 0;
    for (let n = 1; n <= max && i + n <= framed.length; n++) {
      const child = edges.get(node * 65536 + framed.charCodeAt(i + n - 1));
      if (child === undefined) break;
      node = child;
      if (!weighted[node] || n < min || (n === 1 && (i === 0 || i === framed.length - 1))) continue;
      foundNode[found] = node;
      foundFrom[found] = i === 0 ? 0 : i - 1;
      foundTo[found] = Math.min(text.length, i - 1 + n);
      found++;
      const row = node * A;
      for (let a = 0; a < A; a++) sums[a] += weights[row + a];
    }
  }
  const hits: ModelHit[] = [];
  for (let act = 0; act < A; act++) {
    if (sums[act] < model.logitThreshold[act] || skip.has(model.acts[act])) continue;
    const probability = 1 / (1 + Math.exp(-sums[act]));
    // Spread each n-gram's weight over its characters, then take the window with the largest total (Kadane).
    const perChar = new Float64Array(text.length);
    for (let f = 0; f < found; f++) {
      const w = weights[foundNode[f] * A + act];
      if (w === 0) continue;
      const share = w / (foundTo[f] - foundFrom[f]);
      for (let i = foundFrom[f]; i < foundTo[f]; i++) perChar[i] += share;
    }
    let best = { sum: -Infinity, from: 0, to: 1 };
    let sum = 0;
    let start = 0;
    for (let i = 0; i < perChar.length; i++) {
      if (sum <= 0) {
        sum = 0;
        start = i;
      }
      sum += perChar[i];
      if (sum > best.sum) best = { sum, from: start, to: i + 1 };
    }
    const from = at[best.from];
    const to = end[best.to - 1];
    const evidence = sentence.slice(from, to);
    if (!readableEvidence(evidence) || model.emptyWords.has(lettersOf(evidence))) continue;
    hits.push({ act: model.acts[act], probability, from, to });
  }
  return hits;
}
