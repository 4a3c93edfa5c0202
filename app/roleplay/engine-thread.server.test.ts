import path from "node:path";
import { describe, expect, it } from "vitest";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { createReplyScorer } from "~/scoring/score-reply";
import { answerTurnOnEngine } from "./engine-thread.server";
import { createRoleplayMachine } from "./machine";
import { answerTurn, startRoleplay, TurnRefused, type Answer } from "./runner";
import { readScenarioFile } from "./scenario-files.server";

const script = readScenarioFile(path.resolve("scenarios", "angry-owner.yaml"));
const machine = createRoleplayMachine(script);
const at = new Date("2026-11-26T19:00:00+08:00");
const scoreReply = createReplyScorer(getLexicon());

describe("the roleplay engine thread", () => {
  it("answers every turn of a whole call exactly as the request thread would", async () => {
    const replies = [
      "刘女士您好，真是抱歉，让您报了三次。是3栋1202卫生间又漏水了，对吗？",
      "您别激动，我们尽快安排。",
      "师傅30分钟内到您家。",
      "1302由我们来联系。",
    ];
    let step = startRoleplay(machine);
    for (const [i, text] of replies.entries()) {
      if (step.ended) break;
      const answer: Answer = { kind: "reply", text };
      const here = answerTurn(script, machine, step.snapshot, answer, scoreReply, i + 1, at);
      const there = await answerTurnOnEngine(script, step.snapshot, answer, i + 1, at);
      expect(there).toEqual(here);
      step = here.step;
    }
  });

  it("refuses what the request thread refuses, with TurnRefused", async () => {
    const start = startRoleplay(machine);
    await expect(answerTurnOnEngine(script, start.snapshot, { kind: "choose", index: 3 }, 1, at)).rejects.toBeInstanceOf(TurnRefused);
  });

  it("keeps answering many turns posted at once, each with its own result", async () => {
    const start = startRoleplay(machine);
    const texts = Array.from({ length: 40 }, (_, i) => (i % 2 ? "刘女士您好，真是抱歉，同一个问题让您报了三次。" : "喂，找谁？"));
    const results = await Promise.all(texts.map((text) => answerTurnOnEngine(script, start.snapshot, { kind: "reply", text }, 1, at)));
    for (const [i, result] of results.entries()) expect(result.record.text).toBe(texts[i]);
    expect(results[1].record.scores.empathy).toBeGreaterThan(results[0].record.scores.empathy);
  });
});
