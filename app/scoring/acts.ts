import { z } from "zod";
import { modelActs, type CompiledActModel } from "./act-model";
import type { Dimension } from "./types";
import { disavowed, type DisavowalWords } from "./disavowal";
import { lettersOf, normalisePhrase, SENTENCE_END_CHARS, type TextView } from "./text";

/**
 * What a reply's clauses do (acts): the schema of content/scoring/classes.yaml and acts.yaml, their compiled form,
 * and the recogniser. Pure: the files are read by lexicon-files.server.ts.
 *
 * An act is recognised in a clause by literal phrases or by patterns built from word classes ({FEEL} stands for
 * any feeling word), unless the words lie inside one of the act's exceptions, or a negation before them in the
 * same clause turns them around (别着急 is not naming a feeling; 别扒门 is a safety instruction, not the error).
 */

const localised = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const points = z.object({ listening: z.number().int().optional(), empathy: z.number().int().optional(), wording: z.number().int().optional() }).strict();

export const classesFileSchema = z.object({ classes: z.record(z.string().regex(/^[A-Z_]+$/), z.array(z.string().min(1)).min(1)) });

export const actSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    kind: z.enum(["strength", "issue"]),
    /**
     * The dimensions the act belongs to, as a trainer would file it (an apology is empathy and wording, never
     * listening): only these may carry points, and the fit moves only these.
     */
    assesses: z.array(z.enum(["listening", "empathy", "wording"])).min(1),
    /** How far the act moves each dimension it assesses. */
    points,
    phrases: z.array(z.string().min(1)).default([]),
    patterns: z.array(z.string().min(1)).default([]),
    except: z.array(z.string().min(1)).default([]),
    /** `cancels`: a negation shortly before the words, in the same clause, means the act is not done. */
    negation: z.enum(["cancels", "ignored"]).default("ignored"),
    /**
     * Where the words are looked for: within a sentence (up to 。！？； or a line break; the default), or within a
     * clause (between commas too), for patterns anchored at a clause's start or end (^喂), or in the reply's opening
     * (its first two clauses: a name, then the answer; 刘先生，不会的).
     */
    scope: z.enum(["sentence", "clause", "opening"]).default("sentence"),
    /**
     * Decided by the scorer from the reply as a whole, not by words (the reply does nothing at all, or is a word or
     * two): such an act has no phrases or patterns, and its finding rests on the whole reply.
     */
    engine: z.boolean().default(false),
    /**
     * Words one of which must stand in the sentence before the trained model's guess of this act is believed
     * (patterns with {CLASS}); the finding then shows the clause of the one nearest the model's words. The model
     * proposes, a word a trainer recognises confirms. Without it the model's guess stands alone.
     */
    modelNeeds: z.array(z.string().min(1)).default([]),
    /**
     * Strengths: faults that make it hollow when they stand in the same sentence (您放心 before a guarantee the desk
     * cannot give reassures nobody). The fault's own finding says why.
     */
    voidedBy: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).default([]),
    /**
     * How many occurrences count at most. A strength counts once, unless it is counted per clause (`substance`):
     * then one finding carries its points times the clauses counted.
     */
    maxCount: z.number().int().positive().default(1),
    message: localised,
    suggestion: z.string().optional(),
    /**
     * Engine acts: when the step requires a move the reply did not make, that move's own finding says what to say
     * here (报警, 先问人有没有事), so this act offers no generic wording from another kind of call.
     */
    deferToStep: z.boolean().default(false),
    note: z.string().min(1),
    example: z.string().min(1),
  })
  .strict();

export const actsFileSchema = z.object({ acts: z.array(actSchema).min(1) });

export type ActEntry = z.infer<typeof actSchema>;

export interface CompiledAct extends Omit<ActEntry, "phrases" | "patterns" | "except" | "modelNeeds"> {
  phrases: string[];
  patterns: RegExp[];
  /** All the patterns as one alternation, run in one pass (null when there are none). */
  anyPattern: RegExp | null;
  except: RegExp[];
  /** One of these must match the sentence for the model's guess to count (null: the guess stands alone). */
  modelNeeds: RegExp | null;
  dimensions: Dimension[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Expands {CLASS} references into alternations of the class's words (longest first, normalised like a reply). The
 * pattern's own words are normalised like a reply too: a reply reads 放一百个心 as 放100个心 and 一次 as 1次, so a
 * pattern written 放一百个心 must say the same to match.
 */
export function compilePattern(source: string, classes: ReadonlyMap<string, readonly string[]>, where: string): RegExp {
  const literal = source.replace(/[\u3400-\u9fff]+/gu, (run) => normalisePhrase(run));
  const expanded = literal.replace(/\{([A-Z_]+)\}/g, (whole, name: string) => {
    const words = classes.get(name);
    if (!words) throw new Error(`${where}: unknown class {${name}} (see content/scoring/classes.yaml)`);
    return `(?:${words.map(escape).join("|")})`;
  });
  try {
    return new RegExp(expanded, "gu");
  } catch (error) {
    throw new Error(`${where}: pattern does not compile: ${(error as Error).message}`);
  }
}

export function compileClasses(file: z.infer<typeof classesFileSchema>): Map<string, string[]> {
  return new Map(
    Object.entries(file.classes).map(([name, words]) => [name, [...new Set(words.map(normalisePhrase).filter(Boolean))].sort((a, b) => b.length - a.length)]),
  );
}

export function compileActs(file: z.infer<typeof actsFileSchema>, classes: ReadonlyMap<string, readonly string[]>): CompiledAct[] {
  const seen = new Set<string>();
  return file.acts.map((act) => {
    if (seen.has(act.id)) throw new Error(`acts.yaml: the act "${act.id}" is defined twice`);
    seen.add(act.id);
    const where = `acts.yaml ${act.id}`;
    // A dimension without points (or with 0) is one the act does not move: no finding is made for it.
    const dimensions = (["listening", "empathy", "wording"] as const).filter((d) => (act.points[d] ?? 0) !== 0);
    for (const d of dimensions) {
      if (!act.assesses.includes(d)) throw new Error(`${where}: has points for ${d}, which it does not assess (assesses: ${act.assesses.join(", ")})`);
      if (act.kind === "strength" && act.points[d]! < 0) throw new Error(`${where}: a strength cannot take points away (${d})`);
      if (act.kind === "issue" && act.points[d]! > 0) throw new Error(`${where}: an issue cannot add points (${d})`);
    }
    if (act.kind === "issue" && !act.suggestion) throw new Error(`${where}: an issue needs a suggestion`);
    if (act.engine !== (act.phrases.length + act.patterns.length === 0))
      throw new Error(`${where}: an act has phrases or patterns, or is decided by the engine (engine: true), not both`);
    return {
      ...act,
      phrases: [...new Set(act.phrases.map(normalisePhrase).filter(Boolean))],
      patterns: act.patterns.map((p) => compilePattern(p, classes, where)),
      anyPattern: act.patterns.length ? new RegExp(act.patterns.map((p) => `(?:${compilePattern(p, classes, where).source})`).join("|"), "gu") : null,
      // An exception is literal unless it uses pattern syntax; `?` alone stays literal (对吧?您自己).
      except: act.except.map((p) => compilePattern(/[\\{(|[.*+^$]/.test(p) ? p : escape(normalisePhrase(p)), classes, where)),
      modelNeeds: act.modelNeeds.length ? new RegExp(act.modelNeeds.map((p) => `(?:${compilePattern(p, classes, where).source})`).join("|"), "gu") : null,
      dimensions,
    };
  });
}

/** A clause of fewer letters and digits than this carries nothing of its own (赵先生, 好的, 别急). */
const CONTENT_LETTERS = 4;

/** Whether a clause is long enough to say something of its own (a finding may rest on it; `substance` counts it). */
export function saysSomething(clause: string): boolean {
  return lettersOf(clause).length >= CONTENT_LETTERS;
}

/** A clause of a reply: a span of the normalised text between clause breaks. */
export interface Clause {
  index: number;
  from: number;
  to: number;
  text: string;
}

// A full stop breaks a clause, a decimal point does not (您家98.6平方 is one clause).
const NOT_DECIMAL_POINT = String.raw`(?<!\d)\.|\.(?!\d)`;
const CLAUSE_BREAK = new RegExp(`(?:[,，。!！?？;；、\n…~～]|${NOT_DECIMAL_POINT})+`, "g");
export const SENTENCE_BREAK = new RegExp(`(?:[${SENTENCE_END_CHARS.replace(".", "")}]|${NOT_DECIMAL_POINT})+`, "g");

/** Splits normalised text into clauses, keeping where each lies. A clause keeps its closing ? (a question). */
export function clausesOf(text: string, breaks: RegExp = CLAUSE_BREAK): Clause[] {
  const clauses: Clause[] = [];
  let from = 0;
  for (const m of text.matchAll(breaks)) {
    const to = m.index! + (/[?？]/.test(m[0]) ? m[0].length : 0);
    if (to > from && /[\p{L}\p{N}]/u.test(text.slice(from, to))) clauses.push({ index: clauses.length, from, to, text: text.slice(from, to) });
    from = m.index! + m[0].length;
  }
  if (from < text.length && /[\p{L}\p{N}]/u.test(text.slice(from))) clauses.push({ index: clauses.length, from, to: text.length, text: text.slice(from) });
  return clauses;
}

/** One act found: where (view indices), in which clause. */
export interface ActHit {
  act: string;
  from: number;
  to: number;
  clause: number;
  /** Recognised by the trained model (act-model.json) rather than a pattern. */
  byModel?: boolean;
}

/** How far before the words a negation still applies to them (请千万不要自己把门扒开: 8 characters). */
const NEGATION_REACH = 8;

const byIds = new WeakMap<readonly CompiledAct[], Map<string, CompiledAct>>();
/** The acts by id, built once per compiled lexicon. */
export function actsById(acts: readonly CompiledAct[]): Map<string, CompiledAct> {
  let map = byIds.get(acts);
  if (!map) byIds.set(acts, (map = new Map(acts.map((a) => [a.id, a]))));
  return map;
}

/** Every act's phrases by their first character: a reply is scanned once for all of them. */
const phraseIndexes = new WeakMap<readonly CompiledAct[], Map<string, Array<{ phrase: string; act: number }>>>();

function phraseIndexOf(acts: readonly CompiledAct[]) {
  let index = phraseIndexes.get(acts);
  if (!index) {
    index = new Map();
    acts.forEach((act, i) => {
      for (const phrase of act.phrases) {
        const bucket = index!.get(phrase[0]) ?? [];
        bucket.push({ phrase, act: i });
        index!.set(phrase[0], bucket);
      }
    });
    phraseIndexes.set(acts, index);
  }
  return index;
}

/** Where each act's phrases stand in the text, by act index. */
function phraseHits(text: string, acts: readonly CompiledAct[]): Array<Array<{ from: number; to: number }>> {
  const index = phraseIndexOf(acts);
  const hits: Array<Array<{ from: number; to: number }>> = acts.map(() => []);
  for (let i = 0; i < text.length; i++) {
    const bucket = index.get(text[i]);
    if (!bucket) continue;
    for (const { phrase, act } of bucket) if (text.startsWith(phrase, i)) hits[act].push({ from: i, to: i + phrase.length });
  }
  return hits;
}

/** The act's phrase hits inside [from, to) (relative to `from`), and its patterns' matches in `text` (that span). */
function findAll(text: string, from: number, act: CompiledAct, phrases: ReadonlyArray<{ from: number; to: number }>): Array<{ from: number; to: number }> {
  const found: Array<{ from: number; to: number }> = [];
  for (const p of phrases) if (p.from >= from && p.to <= from + text.length) found.push({ from: p.from - from, to: p.to - from });
  const pattern = act.anyPattern;
  if (pattern) {
    // One pass for all the act's patterns; every start is tried, so a match overlapping an earlier one is found too.
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length) found.push({ from: m.index, to: m.index + m[0].length });
      pattern.lastIndex = m.index + 1;
    }
  }
  return found;
}

/** An A-not-A question (能不能, 要不要, 开不开): its 不 asks, it does not forbid. */
const A_NOT_A = /([\u4e00-\u9fff])不\1/;

/**
 * Where the act's exceptions stand. A fault's exceptions are the warnings and refusals that mention it, so one that
 * holds an A-not-A question is none: 要不要扒开条缝 holds 不要扒, 插头要不要拔 holds 插头…不要, and both propose the
 * deed. A strength's exceptions may be questions themselves (能不能别… is a request, not asking for information).
 */
function exceptionRanges(text: string, patterns: readonly RegExp[], fault: boolean): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      const from = m.index;
      const to = from + m[0].length;
      if (fault && A_NOT_A.test(text.slice(Math.max(0, from - 1), to + 1))) continue;
      out.push({ from, to });
    }
  }
  return out;
}

/**
 * Every act in every clause of a normalised reply. Within a clause an act is found once (its first, longest
 * words); across clauses as often as it occurs. Matching runs inside each clause, so a pattern never reaches
 * across a comma into the next thought.
 */
export function recogniseActs(view: TextView, acts: readonly CompiledAct[], words: DisavowalWords, model: CompiledActModel | null = null): ActHit[] {
  const { negations } = words;
  const hits: ActHit[] = [];
  const clauses = clausesOf(view.text);
  const sentences = clausesOf(view.text, SENTENCE_BREAK);
  const clauseAt = (at: number) => clauses.find((c) => c.from <= at && at < c.to) ?? clauses[clauses.length - 1];
  // A clause that is only a name or a word (赵先生, 好的) says nothing a finding could rest on: the next clause of
  // the same sentence that does is shown instead.
  const substantialClause = (clause: Clause, sentenceEnd: number) => {
    if (saysSomething(clause.text)) return clause;
    return clauses.find((c) => c.index > clause.index && c.to <= sentenceEnd && saysSomething(c.text)) ?? clause;
  };
  const phrases = phraseHits(view.text, acts);
  // Exceptions are looked for in the whole reply (喂，您好 is a greeting, though the comma splits it), once per act.
  const exceptions = new Map<string, Array<{ from: number; to: number }>>();
  const exceptionsOf = (act: CompiledAct) => {
    let found = exceptions.get(act.id);
    if (!found) exceptions.set(act.id, (found = act.except.length ? exceptionRanges(view.text, act.except, act.kind === "issue") : []));
    return found;
  };
  acts.forEach((act, actIndex) => {
    if (!act.patterns.length && !phrases[actIndex].length) return;
    let excluded: Array<{ from: number; to: number }> | null = null;
    for (const clause of act.scope === "clause" ? clauses : act.scope === "opening" ? clauses.slice(0, 2) : sentences) {
      const found = findAll(clause.text, clause.from, act, phrases[actIndex]).sort((a, b) => a.from - b.from || b.to - a.to);
      if (!found.length) continue;
      excluded ??= exceptionsOf(act);
      for (const m of found) {
        const from = clause.from + m.from;
        const to = clause.from + m.to;
        // Words inside (or overlapping) an exception are not the act: 不是您的问题 is not blame.
        if (excluded.some((r) => r.from < to && from < r.to)) continue;
        // A negation counts within the clause the words start in: 别担心，我在 does not negate what follows the comma.
        const own = clauseAt(from);
        if (act.negation === "cancels" && negatedBefore(view.text.slice(own.from, from), from - own.from, negations)) continue;
        // A fault named to refuse it (我不能跟您说“我们赔”; 挂名字，这是侵犯隐私的) is not the fault.
        if (act.kind === "issue" && disavowed(view.text, from, to, words)) continue;
        hits.push({ act: act.id, from, to, clause: own.index });
        break;
      }
    }
  });
  if (model) {
    // The model adds what the patterns missed, a sentence at a time; a trainer's exception over its words still holds.
    const byId = actsById(acts);
    for (const sentence of sentences) {
      const known = new Set<string>();
      for (const h of hits) if (h.from >= sentence.from && h.from < sentence.to) known.add(h.act);
      for (const m of modelActs(sentence.text, model, known)) {
        const from = sentence.from + m.from;
        const to = sentence.from + m.to;
        // Evidence of a single character is no evidence a trainee could be shown.
        if (to - from < 2) continue;
        const act = byId.get(m.act);
        if (!act || act.engine) continue;
        // The model only ever adds strengths: a fault is named only where a trainer's pattern found it.
        if (act.kind !== "strength") continue;
        // The model proposes, a word a trainer recognises confirms (modelNeeds). What the trainee is shown is a whole
        // clause, never an n-gram window across a comma: the clause of the anchor word nearest the model's stretch
        // where the act needs one, else the clause the stretch is centred in.
        const anchored = act.modelNeeds ? nearestAnchor(sentence.text, act.modelNeeds, m.from, m.to) : null;
        if (act.modelNeeds && !anchored) continue;
        const shown = substantialClause(clauseAt(sentence.from + (anchored ? anchored.from : Math.floor((m.from + m.to - 1) / 2))), sentence.to);
        if (exceptionsOf(act).some((r) => r.from < to && from < r.to)) continue;
        hits.push({ act: m.act, from: shown.from, to: shown.to, clause: shown.index, byModel: true });
      }
    }
  }
  return hits.sort((a, b) => a.from - b.from);
}

/** The anchor word in the sentence nearest the stretch [from, to) the model credits, or null. */
function nearestAnchor(sentence: string, pattern: RegExp, from: number, to: number): { from: number; to: number } | null {
  pattern.lastIndex = 0;
  let best: { from: number; to: number; distance: number } | null = null;
  for (let m = pattern.exec(sentence); m; m = pattern.exec(sentence)) {
    if (!m[0].length) {
      pattern.lastIndex += 1;
      continue;
    }
    const a = { from: m.index, to: m.index + m[0].length };
    const distance = a.to <= from ? from - a.to : a.from >= to ? a.from - to : 0;
    if (!best || distance < best.distance) best = { ...a, distance };
  }
  return best && { from: best.from, to: best.to };
}

/** Words with 不 in them that negate nothing after them (对不起, 不好意思, 再不行就…, 要不我…, 灯不亮, and every A_NOT_A). */
const NOT_NEGATING = new RegExp(
  `对不起|对不住|不好意思|不舒服|不亮|不行|不然|不过|不管|不少|不久|不错|不安|不便|不得了|${A_NOT_A.source}|要不然|要不|不如`,
  "g",
);
/** A condition ends here: a negation before it belongs to the condition (不高的话就跳下去; 再不行就罚他家的款). */
const CONDITION_END = /.*(的话|就)/s;

function negatedBefore(text: string, at: number, negations: readonly string[]): boolean {
  const before = text
    .slice(Math.max(0, at - NEGATION_REACH), at)
    .replace(NOT_NEGATING, "")
    .replace(CONDITION_END, "");
  return negations.some((n) => before.includes(n));
}
