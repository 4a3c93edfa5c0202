import { DIMENSIONS, type Dimension } from "~/scoring/types";
import { lineOf, type ReplyScores, type RoleplayContext } from "./dynamics";
import type { TurnRecord } from "./runner";
import type { Localised, ScenarioScript } from "./script";

/** How a finished attempt is judged: decided here, on the server, from the transcript and the machine's context. */

export interface AttemptResult {
  passed: boolean;
  ending: string;
  outcome: "resolved" | "escalated" | "failed";
  endingLine: Localised;
  endingSummary: Localised;
  scores: ReplyScores;
  /** The script's pass marks when it was judged (absent in attempts judged before they were kept: 70 each then). */
  passMarks?: ReplyScores;
  critical: Array<{ move: string; turn: string | null; reason: Localised }>;
  /** Why it passed or not, in order of importance. */
  reasons: Localised[];
  /** Courseware sections that teach what was missed. */
  learnMore: Array<{ module: string; section: string }>;
}

/**
 * The call's score on each dimension: the mean over its turns, each weighted by how much its step assesses that
 * dimension (a factual read-back does not drag empathy down; a safety step weighs its instruction). A dimension no
 * step assesses is the plain mean.
 */
export function averageScores(turns: ReadonlyArray<Pick<TurnRecord, "scores" | "weights">>): ReplyScores {
  const avg = (d: Dimension) => {
    if (!turns.length) return 0;
    const weight = (t: Pick<TurnRecord, "weights">) => t.weights?.[d] ?? 1;
    const total = turns.reduce((s, t) => s + weight(t), 0);
    if (total === 0) return Math.round(turns.reduce((s, t) => s + t.scores[d], 0) / turns.length);
    return Math.round(turns.reduce((s, t) => s + t.scores[d] * weight(t), 0) / total);
  };
  return { listening: avg("listening"), empathy: avg("empathy"), wording: avg("wording") };
}

const DIMENSION_NAMES: Record<Dimension, Localised> = {
  listening: { zh: "倾听", en: "listening" },
  empathy: { zh: "共情", en: "empathy" },
  wording: { zh: "措辞", en: "wording" },
};

/** The dimensions below their pass mark, in the order the report lists them. */
export function belowPassMark(scores: ReplyScores, marks: ReplyScores): Dimension[] {
  return DIMENSIONS.filter((d) => scores[d] < marks[d]);
}

const UNRESOLVED: Record<Exclude<AttemptResult["outcome"], "resolved">, Localised> = {
  escalated: { zh: "结局是投诉升级：只有问题得到妥善处理的通话才算通过。", en: "The complaint escalated: only a call that ends handled well passes." },
  failed: { zh: "结局是处理失败：只有问题得到妥善处理的通话才算通过。", en: "The call was not handled: only a call that ends handled well passes." },
};

export interface Verdict {
  passed: boolean;
  /** Why it passed or not, in order of importance. */
  reasons: Localised[];
}

/** Each critical error once, at its first turn, however often it was made. */
export function uniqueByMove<T extends { move: string }>(critical: readonly T[]): T[] {
  return critical.filter((c, i) => critical.findIndex((d) => d.move === c.move) === i);
}

/**
 * The verdict rule, the only one: a call passes when it was resolved, with no critical error, and every dimension
 * reached its pass mark. Applied to the engine's scores when the call ends and to a trainer's adjusted scores after
 * (roleplay/adjusted.ts), so the verdict, its reasons and certification always agree with the scores shown.
 */
export function verdictOf(judged: Pick<AttemptResult, "outcome" | "critical">, scores: ReplyScores, marks: ReplyScores): Verdict {
  // A fault made at several turns is one reason: the turns show where.
  const reasons: Localised[] = uniqueByMove(judged.critical).map((c) => ({ zh: `严重错误：${c.reason.zh}`, en: `Critical error: ${c.reason.en}` }));
  // The ending itself is shown beside the reasons (its summary and the last line): a reason names the outcome only.
  if (judged.outcome !== "resolved") reasons.push(UNRESOLVED[judged.outcome]);
  const below = belowPassMark(scores, marks);
  for (const d of below) {
    reasons.push({
      zh: `${DIMENSION_NAMES[d].zh} ${scores[d]} 分，低于通过线 ${marks[d]} 分。`,
      en: `${DIMENSION_NAMES[d].en[0].toUpperCase()}${DIMENSION_NAMES[d].en.slice(1)} ${scores[d]}, below the pass mark of ${marks[d]}.`,
    });
  }
  const passed = judged.outcome === "resolved" && judged.critical.length === 0 && below.length === 0;
  if (passed)
    reasons.unshift({
      zh: "问题得到妥善处理，三项得分均达到通过线，且没有严重错误。",
      en: "The call was handled well, all three scores reached the pass mark, and there was no critical error.",
    });
  return { passed, reasons };
}

export function judgeAttempt(script: ScenarioScript, ending: string, context: RoleplayContext, turns: readonly TurnRecord[]): AttemptResult {
  const end = script.endings[ending];
  const scores = averageScores(turns);
  const critical = context.critical.map((c) => {
    const rule = [...script.critical.never, ...script.critical.always].find((r) => r.move === c.move);
    return { ...c, reason: rule?.reason ?? { zh: c.move, en: c.move } };
  });
  const { passed, reasons } = verdictOf({ outcome: end.outcome, critical }, scores, script.pass);
  const below = belowPassMark(scores, script.pass);

  // A step done late is not a step missed: the courseware is offered for what the call never did, or did wrong.
  const madeEver = new Set(Object.keys(context.movesMade));
  const missedMoves = new Set<string>();
  for (const t of turns) {
    for (const f of t.findings) {
      const missing = /^move\.missing\.(.+)$/.exec(f.rule);
      if (missing && !madeEver.has(missing[1])) missedMoves.add(missing[1]);
      const forbidden = /^move\.forbidden\.(.+)$/.exec(f.rule);
      if (forbidden) missedMoves.add(forbidden[1]);
    }
    for (const m of t.critical) missedMoves.add(m);
  }
  for (const c of critical) missedMoves.add(c.move);
  const learnMore: Array<{ module: string; section: string }> = [];
  for (const link of script.learnMore) {
    const relevant = (link.dimension && below.includes(link.dimension)) || (link.move && missedMoves.has(link.move));
    if (relevant && !learnMore.some((l) => l.module === link.module && l.section === link.section))
      learnMore.push({ module: link.module, section: link.section });
  }
  return {
    passed,
    ending,
    outcome: end.outcome,
    endingLine: lineOf(end, context),
    endingSummary: end.summary,
    scores,
    passMarks: { ...script.pass },
    critical,
    reasons,
    learnMore,
  };
}
