import { readFileSync } from "node:fs";
import path from "node:path";
import { createRoleplayMachine } from "~/roleplay/machine";
import { judgeAttempt, type AttemptResult } from "~/roleplay/result";
import { answerTurn, startRoleplay, type TurnRecord } from "~/roleplay/runner";
import type { ScenarioScript } from "~/roleplay/script";
import type { ScoreReply } from "~/scoring/score-reply";
import { DIMENSIONS, type Dimension } from "~/scoring/types";
import { bigramsOf, lettersOf, sharedShare } from "~/scoring/text";
import { readBlindHalf } from "./json-lines";
import { labelBand, spearman } from "./statistics";
import { bandOf } from "./labelled-sets";

/**
 * The blind calls (tests/fixtures/scoring/blind/calls-*.jsonl): whole calls played through the scenarios by helpers
 * who never saw the rules, as an expert in her own words, a decent new hire and a poor one, each reply labelled 1–5
 * per dimension and each call passed or failed by a helper acting as a senior trainer who certifies staff.
 * Replayed here on the real engine, in assessment mode: what the writer saw may differ where the engine now
 * branches otherwise; a call whose owner now says something else than the writer answered, or that runs out of
 * replies before it ends, is reported as unfinished. From round k15 on, which calls are held out was drawn before
 * they were written (tests/fixtures/scoring/blind/k15-split.json; docs/briefs/blind-calls.md).
 */

export interface BlindCall {
  id: string;
  scenario: string;
  writer: "expert" | "decent" | "poor";
  replies: string[];
  /** The transcript the writer saw, as the play tool printed it: the lines each reply answered. */
  seen?: string;
  turnLabels: Array<Record<Dimension, number> & { critical: boolean }>;
  verdict: "pass" | "fail";
  /** What the trainer would say about the call (round k15 on). */
  note?: string;
}

export function readBlindCalls(half: "tune" | "heldout"): BlindCall[] {
  return readBlindHalf<BlindCall>("calls", half);
}

/**
 * Calls where the blind trainer's verdict goes against a rule of the domain the scenarios are built on, by id, each
 * with the rule (tests/fixtures/scoring/blind/call-disagreements.json): the engine keeps the rule, and the
 * disagreement is written down rather than hidden.
 */
export function readCallDisagreements(): Record<string, string> {
  return JSON.parse(readFileSync(path.resolve("tests/fixtures/scoring/blind/call-disagreements.json"), "utf8")) as Record<string, string>;
}

export interface ReplayedCall {
  call: BlindCall;
  turns: TurnRecord[];
  result: AttemptResult | null;
  /** Replies left over when the call ended (the engine took another branch than the writer saw). */
  unused: number;
}

/** Each reply's moment as the writer saw it: the lines printed before it (after the previous reply). */
function linesBeforeEachReply(seen: string): string[][] {
  const before: string[][] = [[]];
  for (const line of seen.split("\n")) {
    if (line.startsWith("你：")) before.push([]);
    else if (line.trim()) before[before.length - 1].push(line);
  }
  return before;
}

/** Whether an owner's line is the one the writer answered (an edit of a word or two since still counts). */
function sameLine(line: string, seenLines: readonly string[]): boolean {
  const a = bigramsOf(lettersOf(line));
  return seenLines.some((seen) => sharedShare(a, bigramsOf(lettersOf(seen))) >= 0.6);
}

/**
 * Replays the call on today's engine. Where the owner now says something else than the writer answered (the engine
 * took another branch), the rest of the replies would answer lines nobody said: the replay stops there, unfinished.
 */
export function replayCall(call: BlindCall, script: ScenarioScript, score: ScoreReply): ReplayedCall {
  const machine = createRoleplayMachine(script);
  let step = startRoleplay(machine);
  const turns: TurnRecord[] = [];
  const seenBefore = call.seen ? linesBeforeEachReply(call.seen) : null;
  for (const [i, reply] of call.replies.entries()) {
    if (step.ended) break;
    // Any wording of the turn's line will do: the writer may have seen another wording of the same step, chosen
    // by what the reply before said, before the script had it.
    const turn = script.turns[step.state];
    const lines = turn ? [turn.line.zh, ...turn.lines.map((v) => v.zh)] : [];
    if (seenBefore && lines.length && !lines.some((line) => sameLine(line, seenBefore[i] ?? []))) break;
    const answered = answerTurn(
      script,
      machine,
      step.snapshot,
      { kind: "reply", text: reply },
      score,
      turns.length + 1,
      new Date(),
      turns.map((t) => t.line.zh),
    );
    turns.push(answered.record);
    step = answered.step;
  }
  return { call, turns, result: step.ended ? judgeAttempt(script, step.state, step.context, turns) : null, unused: call.replies.length - turns.length };
}

export interface CallAgreement {
  byWriter: Record<BlindCall["writer"], { calls: number; passed: number; unfinished: number }>;
  /** Finished calls whose verdict matches the trainer's. */
  verdictsAgreeing: number;
  /** Per-turn agreement over the turns that were replayed as written. */
  turns: Record<Dimension, { spearman: number; sameBand: number }>;
}

export function callAgreement(replayed: readonly ReplayedCall[]): CallAgreement {
  const byWriter = {
    expert: { calls: 0, passed: 0, unfinished: 0 },
    decent: { calls: 0, passed: 0, unfinished: 0 },
    poor: { calls: 0, passed: 0, unfinished: 0 },
  };
  let verdictsAgreeing = 0;
  for (const r of replayed) {
    const w = byWriter[r.call.writer];
    w.calls += 1;
    if (!r.result) w.unfinished += 1;
    if (r.result?.passed) w.passed += 1;
    if (r.result && (r.result.passed ? "pass" : "fail") === r.call.verdict) verdictsAgreeing += 1;
  }
  const turns = {} as CallAgreement["turns"];
  for (const d of DIMENSIONS) {
    const got: number[] = [];
    const want: number[] = [];
    for (const r of replayed) r.turns.forEach((t, i) => (got.push(t.scores[d]), want.push(r.call.turnLabels[i][d])));
    turns[d] = { spearman: spearman(got, want), sameBand: got.filter((g, i) => bandOf(g) === labelBand(want[i])).length / got.length };
  }
  return { byWriter, verdictsAgreeing, turns };
}
