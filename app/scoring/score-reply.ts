import type { CompiledEntry, Lexicon } from "./lexicon";
import { ReplyText, type Match } from "./match";
import { canonicalNumbers, canonicalSynonyms, normalise, spanOf, type TextView } from "./text";
import { DIMENSIONS, type Dimension, type Finding, type Localised, type ReplyScore, type TurnExpectation, type WholeReplyRule } from "./types";

/**
 * The reply scorer: pure and deterministic. Every point gained or lost is a finding pinned to the words of the
 * reply it rests on; every phrase, point value and message comes from the lexicon.
 */
export function createReplyScorer(lexicon: Lexicon) {
  return function scoreReply(reply: string, turn: TurnExpectation = {}): ReplyScore {
    return new ReplyScoring(lexicon, typeof reply === "string" ? reply : "", turn).run();
  };
}

export type ScoreReply = ReturnType<typeof createReplyScorer>;

const HAS_WORDS = /[\p{L}\p{N}]/u;
const CLAUSE_END = /[。！？!?；;…\n]/;

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** `english` replaces values that have an English name of their own (a topic's). */
function fillLocalised(message: Localised, values: Record<string, string>, english: Record<string, string> = values): Localised {
  return { zh: fill(message.zh, values), en: fill(message.en, { ...values, ...english }) };
}

class ReplyScoring {
  readonly findings: Finding[] = [];
  readonly scored: string;
  readonly reply: ReplyText;
  readonly whole: { start: number; end: number };
  /** Whether the reply shows it took in what the owner said (a fact, a topic or a number echoed). */
  heard = false;

  constructor(
    readonly lexicon: Lexicon,
    readonly original: string,
    readonly turn: TurnExpectation,
  ) {
    const max = lexicon.files.listening.rules.truncated.maxChars;
    this.scored = original.length > max ? original.slice(0, max) : original;
    this.reply = new ReplyText(canonicalNumbers(normalise(this.scored)));
    this.whole = { start: 0, end: this.scored.length };
  }

  run(): ReplyScore {
    const rules = this.lexicon.files.listening.rules;
    if (this.scored.length < this.original.length) {
      this.add("listening", "reply.truncated", 0, this.whole, rules.truncated.message);
    }
    if (!HAS_WORDS.test(this.reply.text)) {
      this.add("listening", "reply.empty", 0, this.whole, rules.emptyReply.message, rules.emptyReply.suggestion);
      return { listening: 0, empathy: 0, wording: 0, findings: this.sorted(), moves: [] };
    }
    const moves = this.scoreMoves();
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
    return { listening: score("listening"), empathy: score("empathy"), wording: score("wording"), findings: this.sorted(), moves };
  }

  // ---- helpers

  /** General rules that a missing required move of this step stands in for (one finding per fault, not two). */
  readonly replaced = new Set<string>();

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

  /** Strength entries count once (their first match); issue entries once per occurrence, up to maxCount. */
  applyEntries(dimension: Dimension, entries: readonly CompiledEntry[], skip?: (entry: CompiledEntry) => boolean): string[] {
    const fired: string[] = [];
    for (const entry of entries) {
      if (skip?.(entry)) continue;
      const matches = this.reply.find(entry);
      if (matches.length === 0) continue;
      fired.push(entry.id);
      const count = entry.points > 0 ? 1 : Math.min(entry.maxCount, matches.length);
      for (const match of matches.slice(0, count)) {
        this.add(dimension, entry.id, entry.points, this.span(match), entry.message, entry.suggestion);
        for (const also of entry.also) this.add(also.dimension, entry.id, also.points, this.span(match), entry.message, entry.suggestion);
      }
    }
    return fired;
  }

  has(dimension: Dimension, rules: readonly string[]): boolean {
    return this.findings.some((f) => f.dimension === dimension && rules.includes(f.rule));
  }

  sorted(): Finding[] {
    return [...this.findings].sort(
      (a, b) => DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) || a.start - b.start || a.rule.localeCompare(b.rule),
    );
  }

  // ---- moves

  scoreMoves(): string[] {
    const made: string[] = [];
    const required = new Set(this.turn.requiredMoves ?? []);
    const forbidden = new Set(this.turn.forbiddenMoves ?? []);
    for (const move of this.lexicon.moves) {
      const matches = this.reply.find(move);
      if (matches.length) made.push(move.id);
      if (required.has(move.id) && matches.length > 0) {
        const reward = this.lexicon.files.moves.madeRequired;
        const message = fillLocalised(reward.message, { move: move.name.zh }, { move: move.name.en });
        this.add(move.dimension, `move.made.${move.id}`, reward.points, this.span(matches[0]), message);
      }
      if (required.has(move.id) && matches.length === 0 && move.required) {
        this.add(move.dimension, `move.missing.${move.id}`, move.required.points, this.whole, move.required.message, move.required.suggestion);
        for (const rule of move.required.replaces) this.replaced.add(rule);
      }
      if (forbidden.has(move.id) && matches.length > 0 && move.forbidden) {
        this.add(move.dimension, `move.forbidden.${move.id}`, move.forbidden.points, this.span(matches[0]), move.forbidden.message, move.forbidden.suggestion);
      }
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
      // A rule's points are for all the turn's facts together, shared equally.
      const each = (points: number) => Math.round(points / facts.length);
      for (const variants of facts) {
        const label = variants[0];
        let found: Match | null = null;
        for (const variant of variants) {
          const needle = canonicalSynonyms(canonicalNumbers(normalise(variant)), lex.factSynonyms).text;
          if (!needle) continue;
          const at = factView.text.indexOf(needle);
          if (at >= 0) {
            found = { from: at, to: at + needle.length };
            break;
          }
        }
        if (found) {
          heard = true;
          this.add("listening", "listening.fact-confirmed", each(rules.factConfirmed.points), this.span(found, factView), fillLocalised(rules.factConfirmed.message, { fact: label }));
        } else {
          this.add("listening", "listening.fact-missing", each(rules.factMissing.points), this.whole, fillLocalised(rules.factMissing.message, { fact: label }), rules.factMissing.suggestion && fill(rules.factMissing.suggestion, { fact: label }));
        }
      }
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
      } else {
        this.add("listening", "listening.not-asked", rules.askMissing.points, this.whole, this.topicMessage(rules.askMissing.message, topic), rules.askMissing.suggestion && fill(rules.askMissing.suggestion, { topic }));
      }
    }

    const confirmed = this.applyEntries("listening", lex.confirmations).length > 0;
    this.applyEntries("listening", lex.cues);

    // Confirming or asking about the situation also shows the owner was heard.
    this.heard = heard || confirmed || this.findings.some((f) => f.rule === "listening.asked");
    const proposesSolution = lex.solutionMarkers.some((m) => text.includes(m));
    if (proposesSolution && !this.heard && somethingToHear) {
      this.add("listening", "listening.solution-jump" satisfies WholeReplyRule, rules.solutionJump.points, this.whole, rules.solutionJump.message, rules.solutionJump.suggestion);
    }
    if (text.length < rules.tooShort.minChars) {
      this.add("listening", "listening.too-short" satisfies WholeReplyRule, rules.tooShort.points, this.whole, rules.tooShort.message, rules.tooShort.suggestion);
    }
  }

  /** With no scenario facts: answer each topic the owner raised, and echo their numbers (room, building …). */
  scoreOwnerTopics(): { heard: boolean; considered: number } {
    const lex = this.lexicon.listening;
    const rules = this.lexicon.files.listening.rules;
    const owner = canonicalNumbers(normalise(this.turn.owner ?? "")).text;
    let heard = false;
    let considered = 0;
    for (const [topic, phrases] of lex.topics) {
      if (considered >= 3 || !phrases.some((p) => owner.includes(p))) continue;
      considered += 1;
      const [echo] = this.reply.find({ phrases });
      if (echo) {
        heard = true;
        this.add("listening", "listening.topic-answered", rules.topicEchoed.points, this.span(echo), this.topicMessage(rules.topicEchoed.message, topic));
      } else {
        this.add("listening", "listening.topic-missed", rules.topicMissed.points, this.whole, this.topicMessage(rules.topicMissed.message, topic), rules.topicMissed.suggestion && fill(rules.topicMissed.suggestion, { topic }));
      }
    }
    const numbers = [...new Set(owner.match(/\d+[栋号楼层单元室]*\d*/g) ?? [])].filter((n) => n.length >= rules.genericEcho.minChars);
    for (const number of numbers.slice(0, 2)) {
      const [echo] = this.reply.find({ phrases: [number] });
      if (!echo) continue;
      heard = true;
      this.add("listening", "listening.echoed", rules.genericEcho.points, this.span(echo), fillLocalised(rules.genericEcho.message, { fact: number }));
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

  scoreEmpathy() {
    const lex = this.lexicon.empathy;
    const rules = this.lexicon.files.empathy.rules;
    const fired = this.applyEntries("empathy", lex.strengths);
    this.applyEntries("empathy", lex.issues);
    const acknowledged = fired.some((id) => ["empathy.feeling", "empathy.inconvenience", "empathy.apology", "empathy.reassurance"].includes(id));
    const emotion = this.turn.emotion ?? 0;
    const level = rules.upsetNoFeeling.levels.filter((l) => emotion >= l.emotionAtLeast).sort((a, b) => b.emotionAtLeast - a.emotionAtLeast)[0];
    if (level && !acknowledged) {
      this.add("empathy", "empathy.upset-no-feeling" satisfies WholeReplyRule, level.points, this.whole, rules.upsetNoFeeling.message, rules.upsetNoFeeling.suggestion);
    }
    // Feeling words while the reply shows nothing of what the owner actually said: a script, not empathy.
    const expectsSpecifics = (this.turn.facts?.length ?? 0) > 0 || (Boolean(this.turn.owner) && !this.turn.requiredMoves?.length);
    if (expectsSpecifics && acknowledged && !this.heard) {
      this.add("empathy", "empathy.canned" satisfies WholeReplyRule, rules.canned.points, this.whole, rules.canned.message, rules.canned.suggestion);
    }
  }

  // ---- 措辞 wording

  scoreWording() {
    const lex = this.lexicon.wording;
    const rules = this.lexicon.files.wording.rules;
    const text = this.reply.text;
    const polite = this.applyEntries("wording", lex.polite).length > 0;
    if (!polite && !this.reply.text.includes("您")) {
      this.add("wording", "wording.no-courtesy" satisfies WholeReplyRule, rules.noCourtesy.points, this.whole, rules.noCourtesy.message, rules.noCourtesy.suggestion);
    }
    const concrete = this.applyEntries("wording", lex.concrete).length > 0;
    this.applyEntries("wording", lex.taboos);
    // A vague commitment is only a fault when no concrete time is given anywhere in the reply.
    this.applyEntries("wording", lex.issues, (entry) => concrete && entry.id.startsWith("vague."));

    for (const { term, plain } of this.lexicon.glossary) {
      const [match] = this.reply.find({ phrases: [term] });
      if (!match) continue;
      // A shorter term inside an already-flagged longer one (断路器 in 低压断路器脱扣) is not counted again.
      const span = this.span(match);
      if (this.findings.some((f) => f.rule.startsWith("jargon") && f.start <= span.start && span.end <= f.end)) continue;
      const explained = plain.find((p) => text.includes(p));
      if (explained) {
        this.add("wording", "jargon.explained", rules.jargonExplained.points, span, fillLocalised(rules.jargonExplained.message, { plain: explained }));
      } else {
        this.add("wording", "jargon.unexplained", rules.jargon.points, span, fillLocalised(rules.jargon.message, { term, plain: plain[0] }), rules.jargon.suggestion && fill(rules.jargon.suggestion, { term, plain: plain[0] }));
      }
    }

    const [cause] = this.reply.find({ phrases: lex.causeMarkers });
    if (cause) {
      const hasMeasure = lex.measureMarkers.some((m) => text.includes(m)) || concrete;
      if (hasMeasure) this.add("wording", "structure.problem-cause-measure", rules.structure.points, this.span(cause), rules.structure.message);
      else this.add("wording", "structure.cause-without-measure", rules.causeWithoutMeasure.points, this.span(cause), rules.causeWithoutMeasure.message, rules.causeWithoutMeasure.suggestion);
    }
  }
}
