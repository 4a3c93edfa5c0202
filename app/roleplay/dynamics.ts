import type { Condition, Localised, ScenarioScript } from "./script";

/** Pure rules of how an owner reacts and how a role-play's context evolves; the machine's guards and actions use them. */

export interface ReplyScores {
  listening: number;
  empathy: number;
  wording: number;
}

export interface RoleplayContext {
  /** The owner's emotion, or the room's tension: 0 calm … 100 furious or panicking. */
  emotion: number;
  /** Simulated minutes since the call began. */
  minute: number;
  turnsTaken: number;
  /** Every move made so far, with the minute it was first made. */
  movesMade: Record<string, number>;
  /**
   * The last answer, which the branches look at; `firstMoves`: its moves no earlier answer had made; `answering`:
   * whose line it answered.
   */
  last: { scores: ReplyScores; moves: string[]; firstMoves?: string[]; answering?: string } | null;
  firedDeadlines: string[];
  /** Moves that fail the attempt, with where they happened. */
  critical: Array<{ move: string; turn: string | null }>;
  /** The turns answered so far, in order. */
  visited: string[];
}

export const EMOTION_DYNAMICS = {
  /** A reply averaging this moves the emotion neither way. */
  pivot: 60,
  /** Each point of the average below the pivot raises the emotion by 1/divisor … */
  divisor: 2,
  /** … and each point above it calms the owner by 1/calmDivisor: a sincere, concrete answer de-escalates fast. */
  calmDivisor: 1.5,
  /** Extra emotion for each serious fault in a reply (a taboo phrase, blaming), up to `maxSerious`. */
  perSerious: 6,
  maxSerious: 3,
} as const;

/** A finding this costly is a serious fault an owner reacts to on top of the scores. */
export const SERIOUS_FINDING_DELTA = -15;

export function initialContext(startEmotion: number): RoleplayContext {
  return { emotion: startEmotion, minute: 0, turnsTaken: 0, movesMade: {}, last: null, firedDeadlines: [], critical: [], visited: [] };
}

/** The step's weights: how much each dimension counts at this step (1 each unless the script says). */
export type StepWeights = ReplyScores;
export const EVEN_WEIGHTS: StepWeights = { listening: 1, empathy: 1, wording: 1 };

/** A reply's quality as this step weighs it (a safety step by its instruction, not its sympathy). */
export function weightedQuality(scores: ReplyScores, weights: StepWeights = EVEN_WEIGHTS): number {
  const total = weights.listening + weights.empathy + weights.wording;
  if (total === 0) return (scores.listening + scores.empathy + scores.wording) / 3;
  return (scores.listening * weights.listening + scores.empathy * weights.empathy + scores.wording * weights.wording) / total;
}

/** How the owner's emotion moves after an answer: with the judged quality of the reply, as this step weighs it. */
export function nextEmotion(emotion: number, scores: ReplyScores, seriousFaults: number, weights: StepWeights = EVEN_WEIGHTS): number {
  const average = weightedQuality(scores, weights);
  const { pivot, divisor, calmDivisor, perSerious, maxSerious } = EMOTION_DYNAMICS;
  const delta = (pivot - average) / (average > pivot ? calmDivisor : divisor) + perSerious * Math.min(seriousFaults, maxSerious);
  return Math.max(0, Math.min(100, Math.round(emotion + delta)));
}

/** Whether a script condition holds now (after the answer has been applied and the clock advanced). */
export function conditionHolds(condition: Condition | undefined, context: RoleplayContext): boolean {
  if (!condition) return true;
  const lastMoves = context.last?.moves ?? [];
  const c = condition;
  if (c.emotionAtLeast !== undefined && !(context.emotion >= c.emotionAtLeast)) return false;
  if (c.emotionBelow !== undefined && !(context.emotion < c.emotionBelow)) return false;
  if (c.movesMade && !c.movesMade.every((m) => lastMoves.includes(m))) return false;
  if (c.movesMissing && !c.movesMissing.some((m) => !lastMoves.includes(m))) return false;
  if (c.movesFirstMade && !c.movesFirstMade.every((m) => (context.last?.firstMoves ?? []).includes(m))) return false;
  if (c.answeringOneOf && !(context.last?.answering !== undefined && c.answeringOneOf.includes(context.last.answering))) return false;
  if (c.madeEver && !(c.madeEver in context.movesMade)) return false;
  if (c.notMadeEver && c.notMadeEver in context.movesMade) return false;
  if (c.minuteAtLeast !== undefined && !(context.minute >= c.minuteAtLeast)) return false;
  if (c.scoreBelow) {
    const scores = context.last?.scores;
    if (!scores) return false;
    const below = (Object.keys(c.scoreBelow) as Array<keyof ReplyScores>).some((d) => scores[d] < c.scoreBelow![d]!);
    if (!below) return false;
  }
  if (c.minutesSinceMove) {
    const since = context.movesMade[c.minutesSinceMove.move];
    if (since === undefined || context.minute - since < c.minutesSinceMove.atLeast) return false;
  }
  if (c.madeBy) {
    const at = context.movesMade[c.madeBy.move];
    if (at === undefined || at > c.madeBy.minute) return false;
  }
  if (c.visited !== undefined && !(context.visited ?? []).includes(c.visited)) return false;
  if (c.notVisited !== undefined && (context.visited ?? []).includes(c.notVisited)) return false;
  return true;
}

/** The context after an answer: emotion, moves, critical errors. The clock advances separately. */
export function applyAnswer(
  context: RoleplayContext,
  answer: { scores: ReplyScores; moves: string[]; seriousFaults: number },
  turn: string,
  neverMoves: readonly string[],
  weights: StepWeights = EVEN_WEIGHTS,
  speaker?: string,
): RoleplayContext {
  const movesMade = { ...context.movesMade };
  for (const move of answer.moves) if (!(move in movesMade)) movesMade[move] = context.minute;
  const critical = [...context.critical];
  for (const move of answer.moves) if (neverMoves.includes(move)) critical.push({ move, turn });
  return {
    ...context,
    emotion: nextEmotion(context.emotion, answer.scores, answer.seriousFaults, weights),
    turnsTaken: context.turnsTaken + 1,
    movesMade,
    last: {
      scores: answer.scores,
      moves: [...answer.moves],
      firstMoves: answer.moves.filter((m) => !(m in context.movesMade)),
      ...(speaker !== undefined ? { answering: speaker } : {}),
    },
    critical,
    // An attempt saved before turns were kept has none: it goes on from here.
    visited: [...(context.visited ?? []), turn],
  };
}

/**
 * At an ending: every move that had to be made at some point but never was is a critical error, unless a critical
 * error already made cut the call short (a failure ending: the guard clamped the car at minute 5, before there was
 * anything to report). The report then names the error that ended it, not the steps it left no time for.
 */
export function missingAlwaysMoves(
  context: RoleplayContext,
  alwaysMoves: readonly string[],
  endingOutcome: "resolved" | "escalated" | "failed",
): Array<{ move: string; turn: null }> {
  if (endingOutcome === "failed" && context.critical.length > 0) return [];
  return alwaysMoves.filter((m) => !(m in context.movesMade) && !context.critical.some((c) => c.move === m)).map((move) => ({ move, turn: null }));
}

/** The moves that fail the attempt if made in answer to this turn. */
export function criticalMovesAt(script: ScenarioScript, turnId: string): string[] {
  const speaker = script.turns[turnId]?.speaker;
  return script.critical.never.filter((c) => !c.speakers || c.speakers.includes(speaker)).map((c) => c.move);
}

/** A turn or an ending: a line, other wordings chosen by what was done, and (turns only) narration. */
interface Said {
  line: Localised;
  lines: ReadonlyArray<{ if: Condition; zh: string; en: string; narration?: Localised }>;
  narration?: Localised;
}

/**
 * What is said and seen as a turn (or an ending) is reached: the first of its `lines` whose condition holds, with
 * that wording's own narration if it has one, else the turn's; else the turn's line and narration.
 */
export function sayingOf(said: Said, context: RoleplayContext): { line: Localised; narration: Localised | null } {
  const variant = said.lines.find((v) => conditionHolds(v.if, context));
  if (!variant) return { line: said.line, narration: said.narration ?? null };
  return { line: { zh: variant.zh, en: variant.en }, narration: variant.narration ?? said.narration ?? null };
}

export const lineOf = (said: Said, context: RoleplayContext): Localised => sayingOf(said, context).line;
