import { z } from "zod";
import { averageScores } from "~/roleplay/result";
import type { TurnRecord } from "~/roleplay/runner";
import type { ScoreReply } from "~/scoring/score-reply";
import { DIMENSIONS, type Dimension, type Finding, type Localised, type TurnExpectation } from "~/scoring/types";
import { bandOf } from "./labelled-sets";

/**
 * Trainers' corrections as labelled examples for the scorer (issue 20, item 3): a finding a trainer marked wrong in
 * review, and a score a trainer changed. Pure: the model (models/corrections.server.ts) gathers the examples from the
 * attempts; this module says what they are, writes and reads them as JSON lines in the calibration set's format,
 * measures today's scorer on them (`npm run calibration -- --file <export.jsonl>`) and ranks the rules trainers
 * disagree with most.
 */

/**
 * One turn of a call as an example keeps it: the transcript's record of what was said and found (weights filled in
 * for records older than them), with what the scorer was told: the owners' lines, the emotion and the moves made
 * come from the transcript; the step's expectations from the script, when it is still the version the call was
 * played on (`scriptMatched`).
 */
export interface ExampleTurn extends Pick<TurnRecord, "n" | "turn" | "speaker" | "line" | "kind" | "text" | "scores" | "findings"> {
  weights: Record<Dimension, number>;
  expectation: TurnExpectation;
}

interface ExampleBase {
  /** Stable: `finding:<dispute id>` or `score:<attempt id>:<the adjustment's place>`. */
  id: string;
  attemptId: string;
  scenarioId: string;
  scenarioVersion: number;
  scenarioTitle: Localised;
  /** Whether the scenario's script is still the version the call was played on (else only the transcript's context is known). */
  scriptMatched: boolean;
  reason: string;
  byId: string;
  byName: string;
  at: string;
}

/** A labelled example: a finding a trainer says is wrong, or a call's score a trainer changed. */
export type LabelledExample =
  | (ExampleBase & { kind: "finding"; disputeId: string; turn: ExampleTurn; findingIndex: number; finding: Finding })
  | (ExampleBase & {
      kind: "score";
      dimension: Dimension;
      /** The engine's score for the call, before any trainer changed it. */
      scorer: number;
      /** The score just before this change (another trainer's, if one changed it first). */
      from: number;
      to: number;
      turns: ExampleTurn[];
    });

// The export: one JSON object a line. A finding line is a line of the calibration set (labelled-sets.ts: id,
// category, text, the turn's expectation, `expect`) with the bands it claims left out and `notExpected` saying what
// the scorer should not have found; a score line holds the call's turns and the band of the trainer's score.

const band = z.enum(["good", "mid", "bad"]);
const scores = z.object({ listening: z.number(), empathy: z.number(), wording: z.number() });
const expectationFields = {
  owner: z.string().optional(),
  earlier: z.array(z.string()).optional(),
  facts: z.array(z.array(z.string())).optional(),
  ask: z.array(z.string()).optional(),
  emotion: z.number().optional(),
  requiredMoves: z.array(z.string()).optional(),
  forbiddenMoves: z.array(z.string()).optional(),
  madeBefore: z.array(z.string()).optional(),
  moves: z.array(z.string()).optional(),
  colleague: z.boolean().optional(),
};
const correction = z.object({
  source: z.literal("trainer"),
  attemptId: z.string(),
  scenarioId: z.string(),
  scenarioVersion: z.number().int(),
  scriptMatched: z.boolean(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

const findingOutline = z.looseObject({ rule: z.string(), dimension: z.enum(DIMENSIONS), kind: z.enum(["strength", "issue"]), delta: z.number() });

const findingLineSchema = z.object({
  id: z.string().min(1),
  kind: z.literal("finding"),
  category: z.string(),
  text: z.string(),
  ...expectationFields,
  expect: z.object({ listening: band.optional(), empathy: band.optional(), wording: band.optional() }),
  /** What the trainer says the scorer should not have found in this reply: the rule, on these words. */
  notExpected: z.array(z.object({ rule: z.string(), start: z.number().int(), end: z.number().int(), words: z.string() })).min(1),
  correction: correction.extend({
    turn: z.string(),
    n: z.number().int(),
    /** The scorer's scores and findings for the reply when it was played. */
    scores,
    findings: z.array(z.custom<Finding>((v) => findingOutline.safeParse(v).success, "not a finding")),
  }),
});

const scoreLineSchema = z.object({
  id: z.string().min(1),
  kind: z.literal("score"),
  category: z.string(),
  /** The call's turns in order; a suggested reply the trainee chose keeps its authored scores. */
  turns: z
    .array(
      z.object({ n: z.number().int(), turn: z.string(), kind: z.enum(["reply", "choice"]), text: z.string(), weights: scores, scores, ...expectationFields }),
    )
    .min(1),
  expect: z.object({ listening: band.optional(), empathy: band.optional(), wording: band.optional() }),
  score: z.object({ dimension: z.enum(DIMENSIONS), scorer: z.number(), trainer: z.number() }),
  correction,
});

export const correctionLineSchema = z.discriminatedUnion("kind", [findingLineSchema, scoreLineSchema]);
export type CorrectionLine = z.infer<typeof correctionLineSchema>;
export type FindingLine = z.infer<typeof findingLineSchema>;
export type ScoreLine = z.infer<typeof scoreLineSchema>;

function provenance(e: LabelledExample) {
  return {
    source: "trainer" as const,
    attemptId: e.attemptId,
    scenarioId: e.scenarioId,
    scenarioVersion: e.scenarioVersion,
    scriptMatched: e.scriptMatched,
    reason: e.reason,
    by: e.byName,
    at: e.at,
  };
}

/** A turn's expectation as the line holds it (plain arrays). */
function expectationLine(e: TurnExpectation) {
  return { ...e, moves: e.moves ? [...e.moves] : undefined };
}

/** An example as a line of the export. */
export function toCorrectionLine(e: LabelledExample): CorrectionLine {
  if (e.kind === "finding") {
    const { turn, finding } = e;
    return {
      id: e.id,
      kind: "finding",
      category: e.scenarioId,
      text: turn.text,
      ...expectationLine(turn.expectation),
      expect: {},
      notExpected: [{ rule: finding.rule, start: finding.start, end: finding.end, words: turn.text.slice(finding.start, finding.end) }],
      correction: { ...provenance(e), turn: turn.turn, n: turn.n, scores: turn.scores, findings: turn.findings },
    };
  }
  return {
    id: e.id,
    kind: "score",
    category: e.scenarioId,
    turns: e.turns.map((t) => ({ n: t.n, turn: t.turn, kind: t.kind, text: t.text, weights: t.weights, scores: t.scores, ...expectationLine(t.expectation) })),
    expect: { [e.dimension]: bandOf(e.to) },
    score: { dimension: e.dimension, scorer: e.scorer, trainer: e.to },
    correction: provenance(e),
  };
}

/** The export's text: one example a line, newest first as given. */
export function correctionsJsonl(examples: readonly LabelledExample[]): string {
  return examples.map((e) => JSON.stringify(toCorrectionLine(e)) + "\n").join("");
}

/** Reads an export back, checking every line; a line that is not an example throws, naming its number. */
export function parseCorrectionLines(text: string, file = "corrections"): CorrectionLine[] {
  const lines: CorrectionLine[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
    }
    const checked = correctionLineSchema.safeParse(value);
    if (!checked.success) throw new Error(`${file}:${i + 1}: ${checked.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
    lines.push(checked.data);
  }
  return lines;
}

function expectationOf(line: Partial<Record<keyof typeof expectationFields, unknown>>): TurnExpectation {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(expectationFields))
    if (line[key as keyof typeof expectationFields] !== undefined) out[key] = line[key as keyof typeof expectationFields];
  return out as TurnExpectation;
}

/** How today's scorer stands on one line: a disputed finding still raised, or the call's score now. */
export type LineVerdict =
  | { id: string; kind: "finding"; rule: string; words: string; stillRaised: boolean }
  | { id: string; kind: "score"; dimension: Dimension; trainer: number; then: number; now: number };

export interface CorrectionFigures {
  findings: { count: number; stillRaised: number };
  scores: { count: number; sameBandThen: number; sameBandNow: number; meanGapThen: number; meanGapNow: number };
  lines: LineVerdict[];
}

/**
 * Today's scorer on the examples: whether each disputed finding is still raised on the same words, and for each
 * changed score how far the call's score is from the trainer's, then (as played) and now. A call is scored again
 * turn by turn on its transcript (the branches it took stay as played); a chosen suggestion keeps its authored scores.
 */
export function correctionFigures(lines: readonly CorrectionLine[], score: ScoreReply): CorrectionFigures {
  const verdicts = lines.map((line): LineVerdict => {
    if (line.kind === "finding") {
      const disputed = line.notExpected[0];
      const found = score(line.text, expectationOf(line)).findings;
      const stillRaised = found.some((f) => f.rule === disputed.rule && f.start < disputed.end && disputed.start < f.end);
      return { id: line.id, kind: "finding", rule: disputed.rule, words: disputed.words, stillRaised };
    }
    const turnsNow = line.turns.map((t) => (t.kind === "reply" ? { weights: t.weights, scores: score(t.text, expectationOf(t)) } : t));
    const d = line.score.dimension;
    return { id: line.id, kind: "score", dimension: d, trainer: line.score.trainer, then: line.score.scorer, now: averageScores(turnsNow)[d] };
  });
  const findings = verdicts.filter((v) => v.kind === "finding");
  const scored = verdicts.filter((v) => v.kind === "score");
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    findings: { count: findings.length, stillRaised: findings.filter((v) => v.stillRaised).length },
    scores: {
      count: scored.length,
      sameBandThen: scored.filter((v) => bandOf(v.then) === bandOf(v.trainer)).length,
      sameBandNow: scored.filter((v) => bandOf(v.now) === bandOf(v.trainer)).length,
      meanGapThen: mean(scored.map((v) => Math.abs(v.then - v.trainer))),
      meanGapNow: mean(scored.map((v) => Math.abs(v.now - v.trainer))),
    },
    lines: verdicts,
  };
}

/** One example as the disagreements page lists it under a rule. */
export interface RuleExample {
  kind: "finding" | "score";
  exampleId: string;
  attemptId: string;
  scenarioTitle: Localised;
  n: number;
  text: string;
  /** The words the rule rested on: `text.slice(start, end)`. */
  start: number;
  end: number;
  reason: string;
  byName: string;
  at: string;
  /** For a changed score: which, and from what to what. */
  change: { dimension: Dimension; from: number; to: number } | null;
}

export interface RuleDisagreement {
  rule: string;
  /** What the rule says, as trainees read it (its most frequent message among the examples). */
  name: Localised;
  dimensions: Dimension[];
  /** Times a trainer marked one of its findings wrong. */
  marked: number;
  /** Calls whose score a trainer changed against it: it cost points on a dimension the trainer raised, or earned them on one lowered. */
  rescored: number;
  examples: RuleExample[];
}

/**
 * A changed score goes against the findings that moved that dimension the other way: raised, the issues that cost
 * it points; lowered, the strengths that earned them. Each rule counts once per call.
 */
function findingsAgainst(e: Extract<LabelledExample, { kind: "score" }>): Array<{ turn: ExampleTurn; finding: Finding }> {
  const raised = e.to > e.scorer;
  if (e.to === e.scorer) return [];
  const seen = new Set<string>();
  const out: Array<{ turn: ExampleTurn; finding: Finding }> = [];
  for (const turn of e.turns)
    for (const finding of turn.findings) {
      if (finding.dimension !== e.dimension || seen.has(finding.rule)) continue;
      if (raised ? finding.kind === "issue" && finding.delta < 0 : finding.kind === "strength" && finding.delta > 0) {
        seen.add(finding.rule);
        out.push({ turn, finding });
      }
    }
  return out;
}

/** The rules trainers disagree with most: marked wrong, then re-scored against, each with its examples, newest first. */
export function rulesDisagreedWith(examples: readonly LabelledExample[]): RuleDisagreement[] {
  const rules = new Map<string, RuleDisagreement & { names: Map<string, { name: Localised; count: number }> }>();
  const add = (finding: Finding, example: RuleExample, dimensions: readonly Dimension[]) => {
    let entry = rules.get(finding.rule);
    if (!entry) {
      entry = { rule: finding.rule, name: finding.message, dimensions: [], marked: 0, rescored: 0, examples: [], names: new Map() };
      rules.set(finding.rule, entry);
    }
    const named = entry.names.get(finding.message.zh) ?? { name: finding.message, count: 0 };
    named.count += 1;
    entry.names.set(finding.message.zh, named);
    for (const d of dimensions) if (!entry.dimensions.includes(d)) entry.dimensions.push(d);
    if (example.kind === "finding") entry.marked += 1;
    else entry.rescored += 1;
    entry.examples.push(example);
  };
  const base = (e: LabelledExample, turn: ExampleTurn, finding: Finding) => ({
    exampleId: e.id,
    attemptId: e.attemptId,
    scenarioTitle: e.scenarioTitle,
    n: turn.n,
    text: turn.text,
    start: finding.start,
    end: finding.end,
    reason: e.reason,
    byName: e.byName,
    at: e.at,
  });
  for (const e of examples) {
    if (e.kind === "finding") {
      // The trainer marked the rule on those words, whichever dimensions it moved (one item in the report).
      const { rule, start, end } = e.finding;
      const moved = e.turn.findings.filter((f) => f.rule === rule && f.start === start && f.end === end).map((f) => f.dimension);
      add(e.finding, { kind: "finding", ...base(e, e.turn, e.finding), change: null }, moved);
    } else
      for (const { turn, finding } of findingsAgainst(e))
        add(finding, { kind: "score", ...base(e, turn, finding), change: { dimension: e.dimension, from: e.from, to: e.to } }, [finding.dimension]);
  }
  return [...rules.values()]
    .map(({ names, ...entry }) => ({
      ...entry,
      name: [...names.values()].sort((a, b) => b.count - a.count)[0].name,
      dimensions: DIMENSIONS.filter((d) => entry.dimensions.includes(d)),
      examples: entry.examples.sort((a, b) => b.at.localeCompare(a.at)),
    }))
    .sort((a, b) => b.marked + b.rescored - (a.marked + a.rescored) || b.marked - a.marked || a.rule.localeCompare(b.rule));
}
