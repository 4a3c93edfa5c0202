import { describe, expect, it } from "vitest";
import type { Finding } from "~/scoring/types";
import { rulesDisagreedWith, type ExampleTurn, type LabelledExample } from "./corrections";

const finding = (rule: string, dimension: Finding["dimension"], delta: number, start = 0, end = 2): Finding => ({
  rule,
  dimension,
  kind: delta < 0 ? "issue" : "strength",
  delta,
  start,
  end,
  message: { zh: `${rule} 的说法`, en: `what ${rule} says` },
});

const turn = (n: number, findings: Finding[]): ExampleTurn => ({
  n,
  turn: `t${n}`,
  speaker: { zh: "刘女士", en: "Ms Liu" },
  line: { zh: "又漏水了！", en: "It leaks again!" },
  kind: "reply",
  text: "喂，急什么",
  scores: { listening: 50, empathy: 50, wording: 50 },
  findings,
  weights: { listening: 1, empathy: 1, wording: 1 },
  expectation: { owner: "又漏水了！" },
});

const about = (id: string, at: string) => ({
  id,
  attemptId: `a-${id}`,
  scenarioId: "angry-owner",
  scenarioVersion: 1,
  scenarioTitle: { zh: "愤怒的业主", en: "Angry owner" },
  scriptMatched: true,
  reason: `理由 ${id}`,
  byId: "trainer001",
  byName: "王建国",
  at,
});

describe("the rules trainers disagree with", () => {
  it("counts findings marked wrong (with every dimension the rule moved on those words) and scores changed against a rule", () => {
    // Arrange: "rude" costs three dimensions on the same words; a trainer marks it wrong once. Another call's
    // empathy is raised (against "rude" and "no-feeling", which cost empathy) and a third's wording lowered
    // (against "courtesy", a strength on wording).
    const rudeTurn = turn(1, [finding("rude", "listening", -5), finding("rude", "empathy", -5), finding("rude", "wording", -5)]);
    const marked: LabelledExample = {
      kind: "finding",
      ...about("m1", "2026-11-03"),
      disputeId: "m1",
      turn: rudeTurn,
      findingIndex: 0,
      finding: rudeTurn.findings[0],
    };
    const raisedTurns = [
      turn(1, [finding("rude", "empathy", -8), finding("courtesy", "wording", 4)]),
      turn(2, [finding("no-feeling", "empathy", -6), finding("rude", "empathy", -3)]),
    ];
    const raised: LabelledExample = { kind: "score", ...about("s1", "2026-11-02"), dimension: "empathy", scorer: 40, from: 40, to: 70, turns: raisedTurns };
    const lowered: LabelledExample = { kind: "score", ...about("s2", "2026-11-01"), dimension: "wording", scorer: 80, from: 80, to: 60, turns: raisedTurns };

    // Act
    const rules = rulesDisagreedWith([marked, raised, lowered]);

    // Assert: rude first (marked once, raised against once, counted once per call), then courtesy and no-feeling.
    expect(rules.map((r) => [r.rule, r.marked, r.rescored])).toEqual([
      ["rude", 1, 1],
      ["courtesy", 0, 1],
      ["no-feeling", 0, 1],
    ]);
    expect(rules[0].dimensions).toEqual(["listening", "empathy", "wording"]);
    expect(rules[0].name).toEqual({ zh: "rude 的说法", en: "what rude says" });
    expect(rules[0].examples.map((e) => [e.kind, e.exampleId, e.change])).toEqual([
      ["finding", "m1", null],
      ["score", "s1", { dimension: "empathy", from: 40, to: 70 }],
    ]);
    expect(rules[2].examples[0]).toMatchObject({ n: 2, reason: "理由 s1" });
  });

  it("leaves out a score changed to what the scorer gave", () => {
    const same: LabelledExample = {
      kind: "score",
      ...about("s3", "2026-11-01"),
      dimension: "empathy",
      scorer: 50,
      from: 60,
      to: 50,
      turns: [turn(1, [finding("rude", "empathy", -5)])],
    };
    expect(rulesDisagreedWith([same])).toEqual([]);
  });
});
