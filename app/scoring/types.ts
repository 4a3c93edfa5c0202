/**
 * Types of the reply scorer. The scorer is pure: the same reply, turn and lexicon always give the same result,
 * and it does no I/O (the lexicon is loaded elsewhere and passed in).
 */

export type Dimension = "listening" | "empathy" | "wording";
export const DIMENSIONS: readonly Dimension[] = ["listening", "empathy", "wording"];

/**
 * The engine's own rules about a reply as a whole (the lexicon's entries are about phrases in it). A move a step
 * requires may stand in for one of these when it is missing (`replaces` in moves.yaml).
 */
export const WHOLE_REPLY_RULES = ["listening.solution-jump", "empathy.upset-no-feeling", "empathy.canned", "wording.no-courtesy"] as const;
export type WholeReplyRule = (typeof WHOLE_REPLY_RULES)[number];

export interface Localised {
  zh: string;
  en: string;
}

/** One reason a score moved, pinned to the words of the reply it rests on. */
export interface Finding {
  dimension: Dimension;
  /** The lexicon entry or engine rule that fired, e.g. "taboo.not-our-responsibility" or "listening.fact-missing". */
  rule: string;
  kind: "strength" | "issue";
  /** Points this finding moved the dimension's score (positive for strengths, negative for issues). */
  delta: number;
  /** UTF-16 offsets into the original reply: `reply.slice(start, end)` is the text the finding rests on. */
  start: number;
  end: number;
  message: Localised;
  /** For issues: a better wording to use instead. */
  suggestion?: string;
}

export interface ReplyScore {
  listening: number;
  empathy: number;
  wording: number;
  findings: Finding[];
  /** Named moves (see the lexicon's `moves`) the reply makes: scenarios branch on them. */
  moves: string[];
  /** What the reply's clauses do (the lexicon's `acts`), each named once: the call's judgement uses them. */
  acts: string[];
  /** How many times each act counted (a strength once; an issue up to its maxCount), after the engine's gating. */
  actCounts: Record<string, number>;
}

/** What the scenario expects at this turn. Every field is optional: a reply alone is scored with the generic rules. */
export interface TurnExpectation {
  /** What the owner just said. */
  owner?: string;
  /** What the owner (and the others in the call) said before, oldest first: facts they gave can be restated. */
  earlier?: string[];
  /** Facts the trainee should confirm, each a list of accepted variants (the first is the canonical form). */
  facts?: string[][];
  /** Essentials to ask for when missing, by topic name from the lexicon's `askTopics` (房号, 联系电话 …). */
  ask?: string[];
  /** The owner's emotion now, 0 (calm) to 100 (furious or frightened). */
  emotion?: number;
  /** Moves (lexicon `moves` ids) the reply must make here. */
  requiredMoves?: string[];
  /** Moves the reply must not make here. */
  forbiddenMoves?: string[];
  /**
   * Moves made at earlier turns of the call (and `asked:<topic>` for essentials already asked): a step's
   * requirement met before the step is not demanded again.
   */
  madeBefore?: string[];
  /** The person answered is a colleague (a guard on the radio), not an owner: 你 is how one speaks to them. */
  colleague?: boolean;
  /** The moves this call can use (its scenario's); without it every move of the lexicon is looked for. */
  moves?: readonly string[];
}

/** A rule's authored text: the lexicon is the only place phrases and messages live. */
export interface PhraseEntry {
  id: string;
  /** Literal phrases, matched on the normalised reply (Simplified, half-width, no spaces, lower-case Latin). */
  phrases: string[];
  /** Longer phrases that contain a match but mean something else (不是您的问题 is not blame). */
  except?: string[];
  /** Whole-word matches only (by Intl.Segmenter), for short words such as 你 or 喂. */
  wholeWord?: boolean;
  points: number;
  message: Localised;
  suggestion?: string;
  /** Why the entry is there, for the trainer reading the file. */
  note: string;
  example: string;
}
