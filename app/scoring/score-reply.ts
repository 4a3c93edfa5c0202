import { disavowed } from "./disavowal";
import { actsById, clausesOf, recogniseActs, saysSomething, SENTENCE_BREAK, type ActHit, type CompiledAct } from "./acts";
import type { Lexicon, LexiconFiles } from "./lexicon";
import { ReplyText, type Match } from "./match";
import { acknowledgementOf, restatementOf } from "./restatement";
import { bigramsOf, canonicalSynonyms, lettersOf, replyView, sharedShare, spanOf, type TextView } from "./text";
import { DIMENSIONS, type Dimension, type Finding, type Localised, type ReplyScore, type TurnExpectation, type WholeReplyRule } from "./types";

/**
 * The reply scorer: pure and deterministic. It recognises what each clause of the reply does (the acts of
 * content/scoring/acts.yaml, built from word classes), checks the reply against what this moment of the call
 * expects (the owner's facts, what is still to be asked, the owner's question, the moves a step requires), and
 * turns both into findings: every point gained or lost is pinned to the words of the reply it rests on, and every
 * phrase, point value and message comes from the lexicon.
 */
/**
 * `keepSilent`: keep findings worth 0 points. A trainee never sees them (a fault that costs nothing is noise), but
 * the fit (app/calibration/fit.ts) must, to learn whether they should cost something.
 */
export function createReplyScorer(lexicon: Lexicon, { keepSilent = false }: { keepSilent?: boolean } = {}) {
  return function scoreReply(reply: string, turn: TurnExpectation = {}): ReplyScore {
    const result = new ReplyScoring(lexicon, typeof reply === "string" ? reply : "", turn).run();
    return keepSilent ? result : { ...result, findings: result.findings.filter((f) => f.delta !== 0 || SILENT_BY_DESIGN.has(f.rule)) };
  };
}

/** Findings that are worth 0 points on purpose: they say what happened, not how well. */
const SILENT_BY_DESIGN = new Set(["reply.empty", "reply.truncated"]);

export type ScoreReply = ReturnType<typeof createReplyScorer>;

const HAS_WORDS = /[\p{L}\p{N}]/u;
const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

/**
 * Owners' lines, earlier lines and fact variants are the same few hundred strings turn after turn: their
 * normalised text is kept (bounded), so only the trainee's reply is normalised afresh.
 */
const canonicalCache = new Map<string, string>();
function canonicalText(s: string): string {
  let text = canonicalCache.get(s);
  if (text === undefined) {
    if (canonicalCache.size > 5000) canonicalCache.clear();
    text = replyView(s).text;
    canonicalCache.set(s, text);
  }
  return text;
}

/** A line with numbers and synonyms made canonical, for comparing facts (kept like canonicalText). */
const synonymCaches = new WeakMap<ReadonlyArray<ReadonlyArray<string>>, Map<string, string>>();
function synonymText(s: string, groups: ReadonlyArray<ReadonlyArray<string>>): string {
  let synonymCache = synonymCaches.get(groups);
  if (!synonymCache) synonymCaches.set(groups, (synonymCache = new Map()));
  let text = synonymCache.get(s);
  if (text === undefined) {
    if (synonymCache.size > 5000) synonymCache.clear();
    text = canonicalSynonyms(replyView(s), groups).text;
    synonymCache.set(s, text);
  }
  return text;
}

/** An owner-question pattern of listening.yaml, compiled once. */
const askPatterns = new Map<string, RegExp>();
function compiledAsk(source: string): RegExp {
  let pattern = askPatterns.get(source);
  if (!pattern) askPatterns.set(source, (pattern = new RegExp(source, "u")));
  return pattern;
}

/**
 * The wording suggested for an unanswered question: the first of the kind's `suggestionsByOwner` whose words stand
 * in the sentence that asks it, not anywhere in the line (你们说去说说，结果下午照样钻 asks for no 结果).
 */
function suggestionFor(kind: LexiconFiles["listening"]["rules"]["question"]["kinds"][number], owner: string): string {
  const asking = clausesOf(owner, SENTENCE_BREAK)
    .map((sentence) => sentence.text)
    .filter((sentence) => kind.asks.some((p) => compiledAsk(p).test(sentence)));
  return kind.suggestionsByOwner.find((s) => s.owner.some((p) => asking.some((sentence) => compiledAsk(p).test(sentence))))?.suggestion ?? kind.suggestion;
}

/**
 * The owner's line without the sentences that note an answer already given (几点给答复你也说了；可……怎么办？): the
 * question is what is left.
 */
function questionsOf(owner: string, settled: readonly string[]): string {
  if (!settled.length) return owner;
  return clausesOf(owner, SENTENCE_BREAK)
    .filter((sentence) => !settled.some((p) => compiledAsk(p).test(sentence.text)))
    .map((sentence) => sentence.text)
    .join("");
}

const functionWordSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function functionWordSet(words: readonly string[]): ReadonlySet<string> {
  let set = functionWordSets.get(words);
  if (!set) functionWordSets.set(words, (set = new Set(words)));
  return set;
}

/** The words of a line as Intl.Segmenter cuts them (kept like canonicalText). */
const wordsCache = new Map<string, Array<{ segment: string; isWordLike: boolean }>>();
function wordsOf(text: string) {
  let words = wordsCache.get(text);
  if (!words) {
    if (wordsCache.size > 5000) wordsCache.clear();
    words = [...segmenter.segment(text)].map(({ segment, isWordLike }) => ({ segment, isWordLike: isWordLike ?? false }));
    wordsCache.set(text, words);
  }
  return words;
}
/** A reply of fewer letters and digits than this is a word or two (the act `brief`). */
const BRIEF_CHARS = 16;
const CLAUSE_END = /[。！？!?；;…\n]/;
/** A fact that is an address (3栋1202, 5号楼, 2单元): the one kind the restatement template reads naturally for. */
const ADDRESS = /\d+\s*(栋|幢|号楼|单元|室|层)|(栋|幢|号楼)\s*\d+/;
/** Clauses for the act `substance`: a colon or a dash opens a list of what is done, so it breaks too. */
const SUBSTANCE_BREAK = /[,，。.!！?？;；、:：—\n…~～]+/g;
/** A clause sharing this share of its character pairs with one already counted says the same thing again. */
const REPEAT_SHARE = 0.6;

/** A clause that tells a colleague what to do next: 您在现场配合一下民警; 你先把照片拍清楚; 车挪走了跟我说一声. */
const COLLEAGUE_DIRECTION =
  /^(那|好|行|这样)?(您|你|麻烦您|麻烦你)(先|就|再|马上|赶紧|现在)?(在现场|在那边|在那儿|去|到|把|跟|配合|盯|守|看着|拍|贴|等|留|问|敲|找|带|叫|通知|联系|拦|拉)|(跟|和|给)我(说|讲|报)一声|(随时|及时)(跟|和|给)我(说|报|回)/;

/** A pair of characters with a pronoun or particle in it says nothing of the owner's situation (您的, 了吧). */
const FUNCTION_CHAR = /[您你我他她们的了吗呢吧啊呀是也都就很太这那个有在不没]/;

/**
 * Acts that acknowledge the owner as a person: any of them answers an upset owner. Looking after their safety is
 * one of them: a frightened owner told calmly what to do, and asked whether everyone is all right, is being cared for.
 */
const ACKNOWLEDGING = ["feeling-named", "hardship-named", "apology", "reassurance", "safety-instruction", "ask-wellbeing"];
/**
 * Acts that turn what a sentence says into a refusal, a fight or a danger: an owner's words echoed there earn
 * nothing (灯不亮你跺一下脚就亮了 takes up the owner's 亮了 only to send him into the spark).
 */
const ECHO_VOIDING = ["brush-off", "argue", "blame", "minimise", "impatient-rude", "threat", "unsafe-advice"];
/** Acts that are a measure (what is done about a cause). */
const MEASURES = ["action-now", "concrete-time", "follow-up", "safety-instruction", "honest-limit"];
/** Words of something we do at a time: a time the owner gave, said with one of these, is a time committed to. */
const OURS_AT_A_TIME = /我|咱|师傅|保安|同事|经理|主管|派|安排|陪|接您|送您|上门|过去|过来|回电|打给|打电话|答复|回复|告诉/;

/** A yes-or-no question's modal pair (会不会, 能不能 …) and what it asks about: the words after it, to the clause end. */
const YES_NO_QUESTION = /(会不会|能不能|可不可以|要不要|该不该|行不行)([^，。！？,.!?；;]{2,12})/g;
const MODAL_OF: Record<string, string> = { 会不会: "会", 能不能: "能", 可不可以: "可以", 要不要: "要", 该不该: "该", 行不行: "行" };

/**
 * Where a question of the owner's is answered in its own words: one the lexicon names (listening.yaml,
 * `answeredInOwnWords`: 人到底到了没有？ answered by 正在进5栋), or a yes-or-no question (这电梯会不会掉下去？ answered by
 * 不会掉下去的: the modal, said or denied, then two characters of what was asked, in one clause). Null when none is.
 */
function answerInOwnWords(owner: string, reply: string, named: ReadonlyArray<{ owner: string; reply: string }>): { from: number; to: number } | null {
  for (const pair of named) {
    if (!compiledAsk(pair.owner).test(owner)) continue;
    const said = compiledAsk(pair.reply).exec(reply);
    if (said) return { from: said.index, to: said.index + said[0].length };
  }
  for (const [, pair, asked] of owner.matchAll(YES_NO_QUESTION)) {
    const modal = MODAL_OF[pair];
    const askedPairs = [...bigramsOf(lettersOf(asked))].filter((g) => !FUNCTION_CHAR.test(g[0]) && !FUNCTION_CHAR.test(g[1]));
    for (const clause of clausesOf(reply)) {
      const at = clause.text.indexOf(modal);
      if (at < 0 || !askedPairs.some((g) => clause.text.includes(g, at))) continue;
      const from = clause.from + (clause.text[at - 1] === "不" ? at - 1 : at);
      return { from, to: clause.to };
    }
  }
  return null;
}

/** A message template cut at its {placeholders}: literal, name, literal, … (messages are filled for every finding). */
const templates = new Map<string, string[]>();
function fill(text: string, values: Record<string, string>): string {
  let parts = templates.get(text);
  if (!parts) {
    if (templates.size > 5000) templates.clear();
    templates.set(text, (parts = text.split(/\{(\w+)\}/)));
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) out += (values[parts[i]] ?? `{${parts[i]}}`) + parts[i + 1];
  return out;
}

/** `english` replaces values that have an English name of their own (a topic's). */
export function fillLocalised(message: Localised, values: Record<string, string>, english: Record<string, string> = values): Localised {
  return { zh: fill(message.zh, values), en: fill(message.en, { ...values, ...english }) };
}

class ReplyScoring {
  readonly findings: Finding[] = [];
  readonly scored: string;
  readonly reply: ReplyText;
  readonly whole: { start: number; end: number };
  acts: ActHit[] = [];
  /** Whether the reply shows it took in what the owner said (a fact, a topic or a number echoed, a question asked). */
  heard = false;

  constructor(
    readonly lexicon: Lexicon,
    readonly original: string,
    readonly turn: TurnExpectation,
  ) {
    const max = lexicon.files.listening.rules.truncated.maxChars;
    this.scored = original.length > max ? original.slice(0, max) : original;
    this.reply = new ReplyText(replyView(this.scored));
    this.whole = { start: 0, end: this.scored.length };
  }

  /** What the owners have said so far, in the reply's canonical form; read once, when a time needs it. */
  private ownersWords: string | undefined;

  /**
   * A time the owners gave, told back with nothing of ours done at it (记上了，礼拜四上午去医院复查), shows she listened;
   * it is no time committed to. Done at it by us (礼拜四上午我们派两位师傅上门), it is.
   */
  private ownersTimeToldBack(hit: ActHit): boolean {
    this.ownersWords ??= canonicalText([this.turn.owner ?? "", ...(this.turn.earlier ?? [])].join("。"));
    if (!this.ownersWords.includes(this.reply.text.slice(hit.from, hit.to))) return false;
    const clause = clausesOf(this.reply.text).find((c) => c.from <= hit.from && hit.from < c.to);
    return !OURS_AT_A_TIME.test(clause?.text ?? "");
  }

  run(): ReplyScore {
    const rules = this.lexicon.files.listening.rules;
    if (this.scored.length < this.original.length) {
      this.add("listening", "reply.truncated", 0, this.whole, rules.truncated.message);
    }
    if (!HAS_WORDS.test(this.reply.text)) {
      this.add("listening", "reply.empty", 0, this.whole, rules.emptyReply.message, rules.emptyReply.suggestion);
      return { listening: 0, empathy: 0, wording: 0, findings: this.sorted(), moves: [], acts: [], actCounts: {} };
    }
    this.acts = recogniseActs(this.reply.view, this.lexicon.acts, this.lexicon, this.lexicon.actModel).filter(
      (hit) => !(hit.act === "informal-you" && this.turn.colleague) && !(hit.act === "concrete-time" && this.ownersTimeToldBack(hit)),
    );
    const moves = this.scoreMoves();
    this.scoreActs();
    this.foldForbiddenMovesIntoFaults();
    this.scoreListening();
    this.scoreEmpathy();
    this.scoreWording();
    const bases: Record<Dimension, number> = {
      listening: this.lexicon.files.listening.base,
      empathy: this.lexicon.files.empathy.base,
      wording: this.lexicon.files.wording.base,
    };
    const score = (d: Dimension) =>
      Math.max(0, Math.min(100, Math.round(bases[d] + this.findings.filter((f) => f.dimension === d).reduce((s, f) => s + f.delta, 0))));
    return {
      listening: score("listening"),
      empathy: score("empathy"),
      wording: score("wording"),
      findings: this.sorted(),
      moves,
      acts: [...new Set(this.acts.map((h) => h.act))],
      actCounts: this.actCounts,
    };
  }

  // ---- helpers

  /** General rules that a missing required move of this step stands in for (one finding per fault, not two). */
  readonly replaced = new Set<string>();

  /** Whether the reply takes a step this turn asks for, beyond a kind word (set by scoreMoves, read by engineActs). */
  requiredStepTaken = false;

  add(dimension: Dimension, rule: string, delta: number, span: { start: number; end: number }, message: Localised, suggestion?: string) {
    if (this.replaced.has(rule)) return;
    this.findings.push({
      dimension,
      rule,
      kind: delta > 0 ? "strength" : "issue",
      delta,
      start: span.start,
      end: span.end,
      message,
      ...(delta <= 0 && suggestion ? { suggestion } : {}),
    });
  }

  /** A message about a topic: the topic itself in Chinese, its English name (if the lexicon has one) in English. */
  topicMessage(message: Localised, topic: string): Localised {
    return fillLocalised(message, { topic }, { topic: this.lexicon.listening.topicNames.get(topic) ?? topic });
  }

  span(match: Match, view: TextView = this.reply.view) {
    return spanOf(view, match.from, match.to);
  }

  did(act: string): boolean {
    return this.acts.some((h) => h.act === act);
  }

  hitsOf(act: string): ActHit[] {
    return this.acts.filter((h) => h.act === act);
  }

  has(dimension: Dimension, rules: readonly string[]): boolean {
    return this.findings.some((f) => f.dimension === dimension && rules.includes(f.rule));
  }

  rangesOf(patterns: readonly RegExp[]): Match[] {
    const out: Match[] = [];
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(this.reply.text); m; m = pattern.exec(this.reply.text)) {
        if (m[0].length === 0) pattern.lastIndex += 1;
        else out.push({ from: m.index, to: m.index + m[0].length });
      }
    }
    return out;
  }

  /** Whether the view index lies in a sentence where the reply refuses, argues, blames or advises something unsafe. */
  inEchoVoidingSentence(from: number): boolean {
    const text = this.reply.text;
    let start = from;
    while (start > 0 && !CLAUSE_END.test(text[start - 1])) start--;
    let end = from;
    while (end < text.length && !CLAUSE_END.test(text[end])) end++;
    return this.acts.some((h) => ECHO_VOIDING.includes(h.act) && h.from >= start && h.from < end);
  }

  sorted(): Finding[] {
    return [...this.findings].sort(
      (a, b) => DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) || a.start - b.start || a.rule.localeCompare(b.rule),
    );
  }

  // ---- acts: each recognised act moves its dimensions; a strength counts once, an issue per occurrence up to maxCount

  readonly actCounts: Record<string, number> = {};

  /**
   * The acts the scorer decides from the reply as a whole (see acts.yaml, engine: true). A step of the scenario
   * taken (a move this step asks for, beyond a kind word: 报警之后由警察来处理) is doing something too.
   */
  engineActs() {
    const doing = [
      "action-now",
      "concrete-time",
      "follow-up",
      "safety-instruction",
      "honest-limit",
      "ask-information",
      "ask-wellbeing",
      "restate-confirm",
      "cause-explained",
    ];
    const whole = { act: "", from: 0, to: this.reply.text.length, clause: 0 };
    const words = lettersOf(this.reply.text).length;
    // To a colleague on the radio, telling them what to do is the action (您在现场配合一下民警，车挪走了跟我说一声).
    const direction = this.turn.colleague ? clausesOf(this.reply.text).find((c) => COLLEAGUE_DIRECTION.test(c.text)) : undefined;
    const directsColleague = Boolean(direction);
    // … and, in a reply with no fault in it, earns what an action earns: the colleague is the one sent, unless the
    // act's own exceptions rule the clause out (你自己看着办 leaves it to him; 实在不行明天早上再说 is a fault).
    const byId = actsById(this.lexicon.acts);
    const actionNow = byId.get("action-now");
    const faultless = !this.acts.some((a) => byId.get(a.act)?.kind === "issue") && !this.faultMade();
    const excepted = (span: { from: number; to: number }) => this.rangesOf(actionNow?.except ?? []).some((r) => r.from < span.to && span.from < r.to);
    if (direction && actionNow && faultless && !excepted(direction) && !this.did("action-now"))
      this.acts.push({ act: "action-now", from: direction.from, to: direction.to, clause: direction.index });
    const nothingNeeded = !this.requiredStepTaken && !directsColleague && !doing.some((a) => this.did(a));
    // A reply that makes a fault did something, the wrong thing, and the fault's finding says so: not "nothing
    // done" but nothing needed done besides, not "brief", and none of it credited as saying something of substance.
    if (this.faultMade()) {
      if (nothingNeeded) this.acts.push({ ...whole, act: "nothing-right-done" });
      return;
    }
    if (nothingNeeded) this.acts.push({ ...whole, act: "nothing-done" });
    // A reply that does nothing is one fault, however short: "brief" is for a reply that does something, tersely.
    else if (words < BRIEF_CHARS) this.acts.push({ ...whole, act: "brief" });
    const substance = byId.get("substance");
    if (substance) this.acts.push(...this.substantialClauses(substance));
  }

  /** Whether the reply makes a move this step forbids (telling the guard to clamp the car). */
  faultMade(): boolean {
    return this.findings.some((f) => f.rule.startsWith("move.forbidden."));
  }

  /**
   * The clauses that each say something of their own (the act `substance`): long enough to carry content, not a
   * courtesy formula alone (the act's `except`), not a fault, and not a repeat of a clause already counted.
   */
  substantialClauses(act: CompiledAct): ActHit[] {
    // Faults found in words; the engine's own verdicts on the whole reply (nothing done) void no clause.
    const byId = actsById(this.lexicon.acts);
    const faults = this.acts.filter((h) => {
      const entry = byId.get(h.act);
      return entry?.kind === "issue" && !entry.engine;
    });
    const counted: Array<Set<string>> = [];
    const hits: ActHit[] = [];
    for (const clause of clausesOf(this.reply.text, SUBSTANCE_BREAK)) {
      if (!saysSomething(clause.text)) continue;
      const letters = lettersOf(clause.text);
      if (act.except.some((re) => ((re.lastIndex = 0), re.test(letters)))) continue;
      if (faults.some((h) => h.from < clause.to && clause.from < h.to)) continue;
      const grams = bigramsOf(letters);
      if (counted.some((other) => sharedShare(grams, other) >= REPEAT_SHARE)) continue;
      counted.push(grams);
      hits.push({ act: act.id, from: clause.from, to: clause.to, clause: clause.index });
    }
    return hits;
  }

  scoreActs() {
    this.engineActs();
    const concrete = this.did("concrete-time");
    for (const act of this.lexicon.acts) {
      const hits = act.voidedBy.length ? this.hitsOf(act.id).filter((hit) => !this.voided(hit, act.voidedBy)) : this.hitsOf(act.id);
      if (!hits.length) continue;
      // A vague commitment is only a fault when no concrete time is given anywhere in the reply.
      if (act.id === "vague-promise" && concrete) continue;
      // A cause explained is a strength only with a measure: otherwise the structure rule below says what is missing.
      if (act.id === "cause-explained" && !MEASURES.some((m) => this.did(m))) continue;
      const counted = hits.slice(0, act.maxCount);
      this.actCounts[act.id] = counted.length;
      // A strength counted per clause is one finding: its points times the clauses, resting on all of them.
      if (act.kind === "strength" && counted.length > 1) this.addAct(act, { ...counted[0], to: counted[counted.length - 1].to }, counted.length);
      else for (const hit of counted) this.addAct(act, hit);
    }
  }

  /** The reply's sentences, split once when first needed. */
  sentences: ReturnType<typeof clausesOf> | null = null;

  /** Whether one of these faults stands in the same sentence as the hit. */
  voided(hit: ActHit, faults: readonly string[]): boolean {
    const sentences = (this.sentences ??= clausesOf(this.reply.view.text, SENTENCE_BREAK));
    const sentenceOf = (at: number) => sentences.findIndex((s) => s.from <= at && at < s.to);
    return this.acts.some((h) => faults.includes(h.act) && sentenceOf(h.from) === sentenceOf(hit.from));
  }

  addAct(act: CompiledAct, hit: ActHit, count = 1) {
    const suggestion = act.deferToStep && this.stepWordingGiven() ? undefined : act.suggestion;
    const message = fillLocalised(act.message, { count: String(count) });
    for (const d of act.dimensions) this.add(d, act.id, act.points[d]! * count, this.span(hit), message, suggestion);
  }

  /**
   * One finding per fault: a forbidden move said in the same words as a fault the acts found (按门铃 is both the gas
   * step's forbidden move and unsafe advice) is one finding: the step's rule, message and wording, on every
   * dimension the fault assesses, the move's points added on its own. The score is the same; the report says it once.
   */
  foldForbiddenMovesIntoFaults() {
    const byId = actsById(this.lexicon.acts);
    for (const move of this.findings.filter((f) => f.rule.startsWith("move.forbidden."))) {
      // The same fault: one of the move's own acts anywhere in the reply (gas-unsafe-advice is any unsafe advice,
      // and more), or another fault found in the same words; never a verdict on the whole reply (nothing done). Its
      // finding on the move's dimension carries the points.
      const ownActs = this.lexicon.moves.find((m) => `move.forbidden.${m.id}` === move.rule)?.acts ?? [];
      const faults = this.findings.filter((f) => {
        const act = byId.get(f.rule);
        return f.dimension === move.dimension && act?.kind === "issue" && !act.engine;
      });
      const fault = faults.find((f) => ownActs.includes(f.rule)) ?? faults.find((f) => f.start < move.end && move.start < f.end);
      if (!fault) continue;
      for (const f of this.findings.filter((x) => x.rule === fault.rule && x.start === fault.start && x.end === fault.end)) {
        f.rule = move.rule;
        f.message = move.message;
        if (move.suggestion) f.suggestion = move.suggestion;
      }
      fault.delta += move.delta;
      this.findings.splice(this.findings.indexOf(move), 1);
    }
  }

  /**
   * Whether a move this step requires, beyond a kind word, was found missing, or one it forbids made, with a wording of
   * its own (scoreMoves ran first).
   */
  stepWordingGiven(): boolean {
    return this.findings.some((f) => /^move\.(missing|forbidden)\./.test(f.rule) && f.dimension !== "empathy" && f.suggestion);
  }

  // ---- moves: what a scenario step requires or forbids

  scoreMoves(): string[] {
    const made: string[] = [];
    const required = new Set(this.turn.requiredMoves ?? []);
    const forbidden = new Set(this.turn.forbiddenMoves ?? []);
    const before = new Set(this.turn.madeBefore ?? []);
    const wanted = this.turn.moves ? new Set(this.turn.moves) : null;
    const undoneRequired = new Set<string>();
    for (const move of this.lexicon.moves) {
      if (wanted && !wanted.has(move.id)) continue;
      const candidates = this.reply.find(move);
      const excluded = candidates.length && move.exceptPatterns.length ? this.rangesOf(move.exceptPatterns) : [];
      const matches = candidates
        .filter((m) => !excluded.some((r) => r.from < m.to && m.from < r.to))
        // A fault (a move some step forbids) named only to refuse it is not made.
        .filter((m) => !move.forbidden || !disavowed(this.reply.text, m.from, m.to, this.lexicon));
      const byAct = move.acts.length ? this.acts.find((h) => move.acts.includes(h.act)) : undefined;
      const first = matches[0] ?? (byAct ? { from: byAct.from, to: byAct.to } : undefined);
      if (first) made.push(move.id);
      if (first && required.has(move.id) && !forbidden.has(move.id) && move.dimension !== "empathy") this.requiredStepTaken = true;
      if (required.has(move.id) && first) {
        const reward = this.lexicon.files.moves.madeRequired;
        const message = fillLocalised(reward.message, { move: move.name.zh }, { move: move.name.en });
        this.add(move.dimension, `move.made.${move.id}`, reward.points, this.span(first), message);
      }
      // Done at an earlier turn of the call (and still in force): not demanded again.
      if (required.has(move.id) && !first && move.required && !before.has(move.id)) {
        this.add(move.dimension, `move.missing.${move.id}`, move.required.points, this.whole, move.required.message, move.required.suggestion);
        for (const rule of move.required.replaces) this.replaced.add(rule);
      }
      if (forbidden.has(move.id) && first && move.forbidden) {
        this.add(move.dimension, `move.forbidden.${move.id}`, move.forbidden.points, this.span(first), move.forbidden.message, move.forbidden.suggestion);
        for (const undone of move.forbidden.undoes) undoneRequired.add(`move.missing.${undone}`);
      }
    }
    // The fault made says what the missing move would have: the missing one is not demanded as well.
    for (let i = this.findings.length - 1; i >= 0 && undoneRequired.size; i--) {
      if (undoneRequired.has(this.findings[i].rule)) this.findings.splice(i, 1);
    }
    return made;
  }

  // ---- 倾听 listening

  scoreListening() {
    const lex = this.lexicon.listening;
    const rules = this.lexicon.files.listening.rules;
    const text = this.reply.text;
    let heard = false;

    const facts = (this.turn.facts ?? []).filter((variants) => variants.some((v) => v.trim()));
    let somethingToHear = facts.length > 0;
    if (facts.length) {
      const factView = canonicalSynonyms(this.reply.view, lex.factSynonyms);
      // A fact the owner has not said yet (it is only in the setting) is credited if restated, never demanded.
      const heardSoFar = synonymText([this.turn.owner ?? "", ...(this.turn.earlier ?? [])].join("。"), lex.factSynonyms);
      const said = (variants: string[]) => !this.turn.owner || variants.some((v) => heardSoFar.includes(synonymText(v, lex.factSynonyms)));
      const demanded = facts.filter(said);
      const each = (points: number) => Math.round(points / Math.max(1, demanded.length));
      const missing: string[] = [];
      for (const variants of facts) {
        const label = variants[0];
        let found: Match | null = null;
        for (const variant of variants) {
          const needle = synonymText(variant, lex.factSynonyms);
          if (!needle) continue;
          for (let at = factView.text.indexOf(needle); at >= 0 && !found; at = factView.text.indexOf(needle, at + 1)) {
            // Echoed inside a refusal, an argument or unsafe advice (我们没说过什么答复), the owner's word is not listening.
            if (!this.inEchoVoidingSentence(this.viewIndexOf(factView, at))) found = { from: at, to: at + needle.length };
          }
          if (found) break;
        }
        if (found) {
          heard = true;
          this.add(
            "listening",
            "listening.fact-confirmed",
            each(rules.factConfirmed.points),
            this.span(found, factView),
            fillLocalised(rules.factConfirmed.message, { fact: label }),
          );
        } else if (said(variants)) {
          missing.push(label);
        }
      }
      if (missing.length) {
        // One finding for what was not restated, with a restatement a trainer would say, built from the owner's words.
        // Without the owner's clause, only an address reads naturally in the template ("确认一下：3栋1202，对吗？");
        // "确认一下：打墙，对吗？" is no sentence a trainer would say, so then the finding offers no wording.
        const templated = missing.every((fact) => ADDRESS.test(fact)) && rules.factMissing.suggestion;
        const suggestion =
          restatementOf(this.turn.owner ?? "", missing, this.turn.colleague) ?? (templated ? fill(templated, { fact: missing.join("、") }) : undefined);
        this.add(
          "listening",
          "listening.fact-missing",
          each(rules.factMissing.points) * missing.length,
          this.whole,
          fillLocalised(rules.factMissing.message, { fact: missing.join("、") }),
          suggestion,
        );
      }
      somethingToHear = demanded.length > 0;
    } else if (this.turn.owner && !this.turn.requiredMoves?.length) {
      // Generic mode (no scenario expectations): the owner's own topics and numbers stand in for facts.
      const owner = this.scoreOwnerTopics();
      heard = owner.heard;
      somethingToHear = owner.considered > 0;
    }

    for (const topic of this.turn.ask ?? []) {
      const phrases = lex.askTopics.get(topic) ?? [topic];
      const asked = this.askedAbout(phrases);
      if (asked) {
        this.add("listening", "listening.asked", rules.askAsked.points, this.span(asked), this.topicMessage(rules.askAsked.message, topic));
      } else if (!(this.turn.madeBefore ?? []).includes(`asked:${topic}`)) {
        this.add(
          "listening",
          "listening.not-asked",
          rules.askMissing.points,
          this.whole,
          this.topicMessage(rules.askMissing.message, topic),
          lex.askSuggestions.get(topic) ?? (rules.askMissing.suggestion && fill(rules.askMissing.suggestion, { topic })),
        );
      }
    }

    this.scoreOwnerQuestion();
    this.scoreOwnerWords();

    // Restating, asking or answering what the owner asked also shows the owner was heard.
    this.heard =
      heard ||
      ["restate-confirm", "ask-information", "ask-wellbeing"].some((a) => this.did(a)) ||
      this.findings.some((f) => f.rule === "listening.asked" || f.rule === "listening.question-answered");
    const proposesSolution = lex.solutionMarkers.some((m) => text.includes(m));
    if (proposesSolution && !this.heard && somethingToHear) {
      const restatement = restatementOf(this.turn.owner ?? "", this.canonicalFacts(), this.turn.colleague) ?? rules.solutionJump.suggestion;
      // The restatement a missing fact already offers is offered once: a trainer says the better wording one time.
      const offered = this.findings.some((f) => f.suggestion === restatement);
      this.add(
        "listening",
        "listening.solution-jump" satisfies WholeReplyRule,
        rules.solutionJump.points,
        this.whole,
        rules.solutionJump.message,
        offered ? undefined : restatement,
      );
    }
  }

  /** The index in the reply's view of a character of a synonym view derived from it (their starts coincide). */
  viewIndexOf(view: TextView, at: number): number {
    const start = view.start[at];
    const i = this.reply.view.start.indexOf(start);
    return i < 0 ? at : i;
  }

  /**
   * The owner's own question, answered or not: asked when, the reply must give a time; asked whether anyone has
   * been called, it must say who is coming. Judged over the call: a time already given is an answer still.
   */
  scoreOwnerQuestion() {
    const rules = this.lexicon.files.listening.rules.question;
    const owner = questionsOf(canonicalText(this.turn.owner ?? ""), rules.settled);
    if (!owner) return;
    for (const kind of rules.kinds) {
      if (!kind.asks.some((p) => compiledAsk(p).test(owner))) continue;
      // `step-move`: doing what this step of the scenario requires is the answer (是不是楼下又投诉了？ answered by
      // keeping the complainant private, with the reason).
      const act = this.acts.find((h) => kind.answeredBy.includes(h.act));
      const stepMove = kind.answeredBy.includes("step-move")
        ? this.findings.find((f) => f.rule.startsWith("move.made.") && f.dimension !== "empathy")
        : undefined;
      const echoed = act ? null : answerInOwnWords(owner, this.reply.text, rules.answeredInOwnWords);
      const answer = act ? this.span(act) : echoed ? this.span(echoed) : stepMove ? { start: stepMove.start, end: stepMove.end } : undefined;
      if (answer) {
        this.add(
          "listening",
          "listening.question-answered",
          rules.answered.points,
          answer,
          fillLocalised(rules.answered.message, { question: kind.name.zh }, { question: kind.name.en }),
        );
      } else {
        this.add(
          "listening",
          "listening.question-unanswered",
          rules.unanswered.points,
          this.whole,
          fillLocalised(rules.unanswered.message, { question: kind.name.zh }, { question: kind.name.en }),
          suggestionFor(kind, owner),
        );
      }
      return;
    }
  }

  /**
   * The owner's own words taken up in the reply (a paraphrase keeps some of them: 安稳觉, 带孩子, 漏水), up to a few:
   * the content words of the owner's line, not the function words every reply has. Words echoed inside a refusal,
   * an argument or unsafe advice earn nothing.
   */
  scoreOwnerWords() {
    const rule = this.lexicon.files.listening.rules.ownerWords;
    const owner = canonicalText(this.turn.owner ?? "");
    if (!owner) return;
    const stop = functionWordSet(this.lexicon.listening.functionWords);
    // The speaker's own name (我是小王, 我姓何) is who is talking, not what they said: answering 小王 takes up nothing.
    const selfNamed = [...owner.matchAll(/(?:我是|我叫|我姓)(\p{Script=Han}{1,3})(?=[,.!?;:，。！？；：、\s]|$)/gu)].map((m) => m[1]);
    const words = new Set<string>();
    for (const { segment, isWordLike } of wordsOf(owner)) {
      // A word of function characters only (就不, 我们, 不是) says nothing of what the owner said.
      const functionOnly = [...segment].every((c) => FUNCTION_CHAR.test(c));
      if (isWordLike && segment.length >= 2 && !stop.has(segment) && !functionOnly && !selfNamed.some((name) => name.includes(segment))) words.add(segment);
    }
    let taken = 0;
    for (const word of words) {
      if (taken >= rule.atMost) break;
      const at = this.reply.text.indexOf(word);
      if (at < 0 || this.inEchoVoidingSentence(at)) continue;
      taken += 1;
      this.add("listening", "listening.owner-words", rule.points, this.span({ from: at, to: at + word.length }), fillLocalised(rule.message, { word }));
    }
  }

  /** With no scenario facts: answer each topic the owner raised, and echo their numbers (room, building …). */
  scoreOwnerTopics(): { heard: boolean; considered: number } {
    const lex = this.lexicon.listening;
    const rules = this.lexicon.files.listening.rules;
    const owner = canonicalText(this.turn.owner ?? "");
    let heard = false;
    let considered = 0;
    for (const [topic, phrases] of lex.topics) {
      if (considered >= 3 || !phrases.some((p) => owner.includes(p))) continue;
      considered += 1;
      const [echo] = this.reply.find({ phrases });
      if (echo && !this.inEchoVoidingSentence(echo.from)) {
        heard = true;
        this.add("listening", "listening.topic-answered", rules.topicEchoed.points, this.span(echo), this.topicMessage(rules.topicEchoed.message, topic));
      } else {
        this.add(
          "listening",
          "listening.topic-missed",
          rules.topicMissed.points,
          this.whole,
          this.topicMessage(rules.topicMissed.message, topic),
          rules.topicMissed.suggestion && fill(rules.topicMissed.suggestion, { topic }),
        );
      }
    }
    const numbers = [...new Set(owner.match(/\d+[栋号楼层单元室]*\d*/g) ?? [])].filter((n) => n.length >= rules.genericEcho.minChars);
    // Like facts, the points are for all the numbers together, shared between them.
    const echoed = numbers.slice(0, 2);
    for (const number of echoed) {
      const [echo] = this.reply.find({ phrases: [number] });
      if (!echo || this.inEchoVoidingSentence(echo.from)) continue;
      heard = true;
      this.add(
        "listening",
        "listening.echoed",
        Math.round(rules.genericEcho.points / echoed.length),
        this.span(echo),
        fillLocalised(rules.genericEcho.message, { fact: number }),
      );
    }
    return { heard, considered: considered + numbers.length };
  }

  /** The first mention of one of `phrases` inside a clause that asks (a question or a request). */
  askedAbout(phrases: readonly string[]): Match | null {
    const text = this.reply.text;
    for (const match of this.reply.find({ phrases })) {
      let from = match.from;
      while (from > 0 && !CLAUSE_END.test(text[from - 1])) from--;
      let to = match.to;
      while (to < text.length && !CLAUSE_END.test(text[to])) to++;
      const clause = text.slice(from, Math.min(text.length, to + 1));
      if (this.lexicon.listening.askMarkers.some((m) => clause.includes(m))) return match;
    }
    return null;
  }

  // ---- 共情 empathy

  /** This step's facts, each in its canonical form (the first variant). */
  canonicalFacts(): string[] {
    return (this.turn.facts ?? []).map((variants) => variants[0]);
  }

  /** The feeling met in the owner's own situation, from the owner's clauses that hold this step's facts. */
  acknowledgement(): string | null {
    return acknowledgementOf(this.turn.owner ?? "", this.canonicalFacts());
  }

  scoreEmpathy() {
    const rules = this.lexicon.files.empathy.rules;
    const acknowledged = ACKNOWLEDGING.some((a) => this.did(a));
    const emotion = this.turn.emotion ?? 0;
    const level = rules.upsetNoFeeling.levels.filter((l) => emotion >= l.emotionAtLeast).sort((a, b) => b.emotionAtLeast - a.emotionAtLeast)[0];
    // The owner's mood is not the colleague's: a guard on the radio needs clear orders, not 理解您的心情.
    if (level && !acknowledged && !this.turn.colleague) {
      this.add(
        "empathy",
        "empathy.upset-no-feeling" satisfies WholeReplyRule,
        level.points,
        this.whole,
        rules.upsetNoFeeling.message,
        this.acknowledgement() ?? rules.upsetNoFeeling.suggestion,
      );
    }
    // Feeling words and nothing of what the owner actually said or lives through: a script, not empathy.
    const expectsSpecifics = (this.turn.facts?.length ?? 0) > 0 || Boolean(this.turn.owner);
    // Taking up the owner's own words (消防通道堵着, 轮胎锁) is specific enough not to be a script.
    const ownWords = this.findings.filter((f) => f.rule === "listening.owner-words").length;
    if (expectsSpecifics && this.did("feeling-named") && !this.did("hardship-named") && !this.heard && ownWords < 2 && !this.feelingInOwnersWords()) {
      this.add(
        "empathy",
        "empathy.canned" satisfies WholeReplyRule,
        rules.canned.points,
        this.whole,
        rules.canned.message,
        this.acknowledgement() ?? rules.canned.suggestion,
      );
    }
  }

  /**
   * Whether a feeling is named in a clause that also takes up what the owner said, at this line or an earlier one
   * (您家老人被砸门吓着的事: 老人, 吓): two pairs of characters shared beyond pronouns and particles.
   */
  feelingInOwnersWords(): boolean {
    const said = bigramsOf(lettersOf([this.turn.owner ?? "", ...(this.turn.earlier ?? [])].join("")));
    const clauses = clausesOf(this.reply.text);
    // Every clause the words reach into: a pattern may start at the name before them (林女士，您家老人被砸门吓着).
    return this.hitsOf("feeling-named").some((hit) => {
      const reached = clauses.filter((c) => c.from < hit.to && hit.from < c.to).map((c) => c.text);
      const shared = [...bigramsOf(lettersOf(reached.join("")))].filter((g) => said.has(g) && !FUNCTION_CHAR.test(g));
      return shared.length >= 2;
    });
  }

  // ---- 措辞 wording

  scoreWording() {
    const rules = this.lexicon.files.wording.rules;
    const text = this.reply.text;
    const polite = ["greeting", "polite-request", "thanks", "apology"].some((a) => this.did(a));
    if (!polite && !text.includes("您")) {
      this.add(
        "wording",
        "wording.no-courtesy" satisfies WholeReplyRule,
        rules.noCourtesy.points,
        this.whole,
        rules.noCourtesy.message,
        rules.noCourtesy.suggestion,
      );
    }

    // A term the owner used (the bill's own line item, 公摊能耗) is theirs: saying it back is not jargon.
    const heard = canonicalText([this.turn.owner ?? "", ...(this.turn.earlier ?? [])].join("\n"));
    for (const { term, plain } of this.lexicon.glossary) {
      const [match] = this.reply.find({ phrases: [term] });
      if (!match || heard.includes(term)) continue;
      // A shorter term inside an already-flagged longer one (断路器 in 低压断路器脱扣) is not counted again.
      const span = this.span(match);
      if (this.findings.some((f) => f.rule.startsWith("jargon") && f.start <= span.start && span.end <= f.end)) continue;
      const explained = plain.find((p) => text.includes(p));
      if (explained) {
        this.add("wording", "jargon.explained", rules.jargonExplained.points, span, fillLocalised(rules.jargonExplained.message, { plain: explained }));
      } else {
        this.add(
          "wording",
          "jargon.unexplained",
          rules.jargon.points,
          span,
          fillLocalised(rules.jargon.message, { term, plain: plain[0] }),
          rules.jargon.suggestion && fill(rules.jargon.suggestion, { term, plain: plain[0] }),
        );
      }
    }

    const [cause] = this.hitsOf("cause-explained");
    if (cause && !MEASURES.some((m) => this.did(m))) {
      this.add(
        "wording",
        "structure.cause-without-measure",
        rules.causeWithoutMeasure.points,
        this.span(cause),
        rules.causeWithoutMeasure.message,
        rules.causeWithoutMeasure.suggestion,
      );
    }
  }
}
