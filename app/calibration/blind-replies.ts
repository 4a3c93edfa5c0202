import { readBlindHalf } from "./json-lines";
import { turnExpectation } from "~/roleplay/runner";
import type { ScenarioScript } from "~/roleplay/script";
import { labelBand, spearman } from "./statistics";
import { DIMENSIONS, type Dimension, type ReplyScore, type TurnExpectation } from "~/scoring/types";
import { bandOf } from "./labelled-sets";

/**
 * The blind reply set (tests/fixtures/scoring/blind/replies-*.jsonl): replies written by helpers who never saw the
 * rules or the scorer, in three voices (an expert in her own words, a decent new hire, a poor one), to the owners'
 * lines of the scenarios and to new situations, each labelled 1–5 per dimension by other helpers acting as senior
 * trainers. Split by situation: `tune` is for tuning, `heldout` only for reporting.
 */

export interface BlindReply {
  id: string;
  /** `<scenario>/<turn>` for a scenario's line, `new/<name>` for a situation of its own. */
  situation: string;
  writer: "expert" | "decent" | "poor";
  text: string;
  context: {
    channel: string;
    setting: string;
    people: string[];
    earlier: Array<{ speaker: string; line: string }>;
    owner: { speaker: string; line: string; narration?: string };
  };
  labels: Record<Dimension, number> & { critical: boolean };
}

export function readBlindReplies(half: "tune" | "heldout"): BlindReply[] {
  return readBlindHalf<BlindReply>("replies", half);
}

/** The shortest path of turns from a script's start to `target` (the turns before it, in order). */
function turnsBefore(script: ScenarioScript, target: string): string[] {
  const previous = new Map<string, string | null>([[script.start, null]]);
  const queue = [script.start];
  while (queue.length) {
    const at = queue.shift()!;
    const turn = script.turns[at];
    if (!turn) continue;
    const next = [...turn.next.map((b) => b.goto).reverse(), ...script.deadlines.map((d) => d.goto)];
    for (const goto of next) {
      if (previous.has(goto)) continue;
      previous.set(goto, at);
      queue.push(goto);
    }
  }
  const path: string[] = [];
  for (let p = previous.get(target) ?? null; p; p = previous.get(p) ?? null) path.unshift(p);
  return path;
}

/**
 * What the scorer is told about a blind reply's moment: a scenario's line gets that step's expectations, with the
 * moves the steps before it require taken as done (the writers were told the earlier lines had been answered
 * reasonably); a situation of its own gets the owner's line alone.
 */
export function expectationFor(reply: Pick<BlindReply, "situation" | "context">, scripts: ReadonlyMap<string, ScenarioScript>): TurnExpectation {
  const [scenarioId, turnId] = reply.situation.split("/");
  const script = scripts.get(scenarioId);
  const turn = script?.turns[turnId];
  const earlier = reply.context.earlier.map((e) => e.line);
  if (!script || !turn) {
    // A situation of its own: the one answered is a colleague when the people say so (a guard on the radio).
    const speaker = reply.context.people.find((p) => p.startsWith(reply.context.owner.speaker));
    return { owner: reply.context.owner.line, earlier, emotion: 70, colleague: /保安|同事|工程部|秩序/.test(speaker ?? "") };
  }
  const before = turnsBefore(script, turnId);
  return turnExpectation(script, turnId, {
    earlier,
    // Later in a call handled reasonably, the owner is calmer than at the start.
    emotion: Math.max(40, script.startEmotion - 8 * before.length),
    madeBefore: before.flatMap((t) => script.turns[t].expect.requiredMoves),
  });
}

export interface BlindAgreement {
  count: number;
  byDimension: Record<Dimension, { spearman: number; sameBand: number }>;
  /** Replies a trainer marked as a critical error, and how many of them the scorer flagged with a critical act. */
  critical: { labelled: number; flagged: number; falseAlarms: number };
}

/** Acts that are critical errors wherever they occur. */
export const CRITICAL_ACTS = ["unsafe-advice", "threat", "over-promise", "privacy-leak"];

/** Whether the scorer judges a reply a critical error: a critical act, or a move the step forbids made in it. */
export function flagsCritical(score: ReplyScore, expectation: TurnExpectation): boolean {
  return score.acts.some((a) => CRITICAL_ACTS.includes(a)) || score.moves.some((m) => expectation.forbiddenMoves?.includes(m));
}

/**
 * How the scorer agrees with the trainers on the replies, each scored with its expectation (expectationFor). A
 * critical error is flagged by a critical act, or by a move the step forbids made in the reply.
 */
export function agreement(replies: readonly BlindReply[], scores: readonly ReplyScore[], expectations: readonly TurnExpectation[]): BlindAgreement {
  const byDimension = {} as BlindAgreement["byDimension"];
  for (const d of DIMENSIONS) {
    const got = scores.map((s) => s[d]);
    const want = replies.map((r) => r.labels[d]);
    const same = replies.filter((r, i) => bandOf(got[i]) === labelBand(r.labels[d])).length;
    byDimension[d] = { spearman: spearman(got, want), sameBand: same / replies.length };
  }
  const flaggedOf = (i: number) => flagsCritical(scores[i], expectations[i]);
  const labelled = replies.filter((r) => r.labels.critical);
  return {
    count: replies.length,
    byDimension,
    critical: {
      labelled: labelled.length,
      flagged: replies.filter((r, i) => r.labels.critical && flaggedOf(i)).length,
      falseAlarms: replies.filter((r, i) => !r.labels.critical && flaggedOf(i)).length,
    },
  };
}

/** A second trainer's labels of the held-out replies, given apart from the first (replies-heldout-second-trainer.jsonl). */
export interface SecondOpinion {
  id: string;
  labels: BlindReply["labels"];
  reason: string;
}

export function readSecondOpinions(): SecondOpinion[] {
  return readBlindHalf<SecondOpinion>("replies", "heldout-second-trainer");
}

export interface TrainerAgreement {
  count: number;
  byDimension: Record<Dimension, { spearman: number; sameBand: number }>;
  critical: { first: number; second: number; both: number };
}

/**
 * How two trainers who labelled the same replies apart agree: what a trainer reaches, beside which the scorer's
 * agreement with the first trainer is read.
 */
export function trainerAgreement(replies: readonly BlindReply[], second: readonly SecondOpinion[]): TrainerAgreement {
  const byId = new Map(second.map((s) => [s.id, s.labels]));
  const both = replies.filter((r) => byId.has(r.id));
  const other = both.map((r) => byId.get(r.id)!);
  const byDimension = {} as TrainerAgreement["byDimension"];
  for (const d of DIMENSIONS) {
    const same = both.filter((r, i) => labelBand(r.labels[d]) === labelBand(other[i][d])).length;
    byDimension[d] = {
      spearman: spearman(
        both.map((r) => r.labels[d]),
        other.map((o) => o[d]),
      ),
      sameBand: same / Math.max(1, both.length),
    };
  }
  return {
    count: both.length,
    byDimension,
    critical: {
      first: both.filter((r) => r.labels.critical).length,
      second: other.filter((o) => o.critical).length,
      both: both.filter((r, i) => r.labels.critical && other[i].critical).length,
    },
  };
}
