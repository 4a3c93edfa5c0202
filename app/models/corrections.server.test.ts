import path from "node:path";
import { describe, expect, it } from "vitest";
import { correctionFigures, correctionsJsonl, parseCorrectionLines, rulesDisagreedWith } from "~/calibration/corrections";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { STORES } from "../../tests/support/stores";
import { finishRudely, finishWell, testTrainer as trainer, useAttemptStore } from "../../tests/support/roleplay-attempts";
import { scoreReply } from "../../tests/support/scorer";
import { labelledExamples, markFindingWrong, withdrawFindingMark } from "./corrections.server";
import { adjustScore, isReviewed } from "./review.server";
import { getAttempt } from "./roleplay.server";
import { createUser, type User } from "./users.server";

const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));
const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);
const otherTrainer: User = { ...trainer, id: "trainer002", displayName: "周敏" };

async function trainee(username: string, teamId = "team000001"): Promise<string> {
  const created = await createUser({ username, displayName: `学员${username}`, password: "password123", role: "trainee", teamId });
  if (!created.ok) throw new Error(created.error);
  return created.user.id;
}

describe.each(STORES)("corrections (%s)", (store) => {
  useAttemptStore(store, { trainers: [otherTrainer.id] });

  describe("a finding marked wrong", () => {
    it("becomes a labelled example with the reply, its context, the scorer's findings and the trainer's reason", async () => {
      const id = await trainee("mark01");
      const attemptId = await finishRudely(id, script, "practice", day(10));
      const played = (await getAttempt(id, attemptId))!;
      const turn = played.turns[0];
      const index = turn.findings.findIndex((f) => f.kind === "issue");

      const marked = await markFindingWrong(id, attemptId, turn.n, index, "业主确实在骂人，这句不算推卸", trainer, day(11));
      expect(marked.ok).toBe(true);

      const [example] = await labelledExamples(["team000001"]);
      expect(example).toMatchObject({
        kind: "finding",
        attemptId,
        scenarioId: "angry-owner",
        scenarioVersion: script.version,
        scriptMatched: true,
        findingIndex: index,
        finding: turn.findings[index],
        reason: "业主确实在骂人，这句不算推卸",
        byName: "王建国",
        at: day(11).toISOString(),
      });
      if (example.kind !== "finding") throw new Error("a finding example");
      expect(example.turn).toMatchObject({ n: 1, turn: script.start, text: turn.text, scores: turn.scores, findings: turn.findings });
      expect(example.turn.expectation).toMatchObject({ owner: script.turns[script.start].line.zh, earlier: [], emotion: turn.emotionBefore });
      // Marking a finding is dealing with the call: it leaves the review queue.
      expect(isReviewed((await getAttempt(id, attemptId))!)).toBe(true);
    });

    it("refuses a finding that does not exist, a second mark by the same trainer, and a withdrawal by anyone but its author; nothing is written", async () => {
      const id = await trainee("mark02");
      const attemptId = await finishRudely(id, script, "practice", day(10));
      const played = (await getAttempt(id, attemptId))!;
      expect(await markFindingWrong(id, attemptId, 1, played.turns[0].findings.length, "没有这条", trainer, day(11))).toEqual({
        ok: false,
        error: "no-finding",
      });
      expect(await markFindingWrong(id, attemptId, 99, 0, "没有这轮", trainer, day(11))).toEqual({ ok: false, error: "no-finding" });
      expect(await markFindingWrong(id, `${id}.AAAAAAAAAAAAAAAA`, 1, 0, "没有这通", trainer, day(11))).toEqual({ ok: false, error: "not-found" });
      expect(await markFindingWrong("someoneelse01", attemptId, 1, 0, "不是他的", trainer, day(11))).toEqual({ ok: false, error: "not-found" });
      expect((await getAttempt(id, attemptId))!.disputes ?? []).toEqual([]);

      const first = await markFindingWrong(id, attemptId, 1, 0, "理由一", trainer, day(11));
      expect(await markFindingWrong(id, attemptId, 1, 0, "理由二", trainer, day(12))).toEqual({ ok: false, error: "already-marked" });
      // Another trainer may mark the same finding: two examples.
      expect((await markFindingWrong(id, attemptId, 1, 0, "我也觉得不对", otherTrainer, day(12))).ok).toBe(true);
      if (!first.ok) throw new Error("marked");
      expect(await withdrawFindingMark(id, attemptId, first.disputeId, otherTrainer, day(13))).toEqual({ ok: false, error: "not-author" });
      expect(await withdrawFindingMark(id, attemptId, "nosuchmark", trainer, day(13))).toEqual({ ok: false, error: "not-found" });
      expect((await labelledExamples(["team000001"])).map((e) => e.reason)).toEqual(["我也觉得不对", "理由一"]);

      // Withdrawn by its author, it is no longer an example; it may be marked again.
      expect((await withdrawFindingMark(id, attemptId, first.disputeId, trainer, day(13))).ok).toBe(true);
      expect((await labelledExamples(["team000001"])).map((e) => e.reason)).toEqual(["我也觉得不对"]);
      expect((await markFindingWrong(id, attemptId, 1, 0, "还是不对", trainer, day(14))).ok).toBe(true);
    });
  });

  describe("labelled examples", () => {
    it("count every score a trainer changed, derived from the adjustments on record, and only from the viewer's teams", async () => {
      const id = await trainee("mark03");
      const outsider = await trainee("mark04", "team000002");
      const attemptId = await finishRudely(id, script, "assessment", day(10));
      await finishRudely(outsider, script, "practice", day(10)).then((a) => adjustScore(outsider, a, "wording", 90, "别的项目", trainer, day(12)));
      await adjustScore(id, attemptId, "empathy", 60, "她其实道歉了", trainer, day(11));
      await adjustScore(id, attemptId, "empathy", 50, "再复核一次", otherTrainer, day(12));
      const engine = (await getAttempt(id, attemptId))!.result!.scores.empathy;

      const examples = await labelledExamples(["team000001"]);
      expect(examples.map((e) => [e.kind, e.reason])).toEqual([
        ["score", "再复核一次"],
        ["score", "她其实道歉了"],
      ]);
      expect(examples[1]).toMatchObject({ kind: "score", dimension: "empathy", scorer: engine, from: engine, to: 60, byName: "王建国" });
      expect(examples[0]).toMatchObject({ from: 60, to: 50, byName: "周敏" });
      expect(await labelledExamples(["team000002"])).toHaveLength(1);
    });
  });

  describe("the export", () => {
    it("round-trips: exported lines parse as calibration lines, and today's scorer reproduces what the calls were scored", async () => {
      const id = await trainee("mark05");
      const rude = await finishRudely(id, script, "practice", day(10));
      const well = await finishWell(id, script, "assessment", day(10));
      const played = (await getAttempt(id, rude))!;
      const lastTurn = played.turns.at(-1)!;
      await markFindingWrong(id, rude, lastTurn.n, 0, "这一句没问题", trainer, day(11));
      await adjustScore(id, well, "listening", 40, "没有复述房号", trainer, day(12));

      const examples = await labelledExamples(["team000001"]);
      const text = correctionsJsonl(examples);
      expect(text.split("\n").filter(Boolean)).toHaveLength(2);
      const lines = parseCorrectionLines(text);
      expect(lines.map((l) => l.kind)).toEqual(["score", "finding"]);
      const finding = lines[1];
      if (finding.kind !== "finding") throw new Error("a finding line");
      // The calibration set's shape: id, category, text and the turn's expectation at the top level.
      expect(finding).toMatchObject({ category: "angry-owner", text: lastTurn.text, owner: lastTurn.line.zh, expect: {} });
      expect(finding.notExpected[0]).toMatchObject({ rule: lastTurn.findings[0].rule });
      expect(finding.correction).toMatchObject({ attemptId: rude, turn: lastTurn.turn, n: lastTurn.n, reason: "这一句没问题", by: "王建国" });

      // The scorer has not changed since: the disputed finding is still raised, and every call scores as it did.
      const figures = correctionFigures(lines, scoreReply);
      expect(figures.findings).toEqual({ count: 1, stillRaised: 1 });
      const scoreVerdict = figures.lines.find((v) => v.kind === "score");
      expect(scoreVerdict).toMatchObject({ trainer: 40, then: (await getAttempt(id, well))!.result!.scores.listening });
      expect(scoreVerdict?.kind === "score" && scoreVerdict.now).toBe(scoreVerdict?.kind === "score" && scoreVerdict.then);

      // The disagreements page reads the same examples: the marked rule first.
      const rules = rulesDisagreedWith(examples);
      expect(rules[0]).toMatchObject({ rule: lastTurn.findings[0].rule, marked: 1, name: lastTurn.findings[0].message });
      expect(rules[0].examples[0]).toMatchObject({ kind: "finding", attemptId: rude, text: lastTurn.text, reason: "这一句没问题" });
    });

    it("names the line a reader cannot take", () => {
      expect(() => parseCorrectionLines('{"id":"x","kind":"finding"}\n', "export.jsonl")).toThrow(/^export\.jsonl:1: /);
      expect(() => parseCorrectionLines("\nnot json\n", "export.jsonl")).toThrow(/^export\.jsonl:2: /);
    });
  });
});
