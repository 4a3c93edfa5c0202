import { describe, expect, it } from "vitest";
import { initialContext, sayingOf } from "./dynamics";
import { readAllScenarios } from "./scenario-files.server";
import { play } from "../../tests/support/roleplay";

/**
 * The group complaint answers what is said to the crowd: a desk that brings the manager down and sets out real
 * help gets a crowd willing to wait (and a second chance to ask for representatives), not an instant walk-out.
 */
const OPENING = "王大爷，五天没下楼，您受委屈了。电梯停这么久，连个像样的通知都没给，是我们的错，对不起大家。";
const FILMING = "好，当着大家说。是控制柜主板坏了，配件在从厂家调货，哪天修好我现在给不了准话，也不瞎说。没贴通知是我们没做到位。";
const HELP_AND_MANAGER =
  "各位邻居，去居委会、打12345都是大家的权利，我不拦。今天先落实：从下午开始每天上午九点、下午四点安排保安到单元帮老人上下楼；我已经请项目经理马上下来，当面跟大家说。";
const REPRESENTATIVES = "王大爷说得对。请大家推选两三位代表，咱们到旁边会议室坐下来，经理来了直接在会议室谈，我一条一条记下来。";
const JUST_WAIT = "那大家就在这儿等着吧。";

describe("group-complaint", () => {
  const upToCrowd = [OPENING, FILMING, HELP_AND_MANAGER];

  it("a crowd told the manager is coming, with help set out, waits; asked then for representatives, they go to the meeting room", () => {
    const replies = [...upToCrowd, REPRESENTATIVES];
    const { visited } = play("group-complaint", (_turn, n) => ({ kind: "reply", text: replies[n - 1] ?? REPRESENTATIVES }));
    expect(visited.slice(0, 5)).toEqual(["opening", "filming", "lobby-crowd", "manager-coming", "meeting-room"]);
  });

  it("left standing in the lobby, the crowd still goes to the residents' committee", () => {
    const replies = [...upToCrowd, JUST_WAIT];
    const { visited } = play("group-complaint", (_turn, n) => ({ kind: "reply", text: replies[n - 1] ?? JUST_WAIT }));
    expect(visited.slice(0, 4)).toEqual(["opening", "filming", "lobby-crowd", "manager-coming"]);
    expect(visited.at(-1)).toBe("to-committee");
  });

  it("asked for their numbers, 陈女士 gives hers after Wang gives his, seen as narration, never said as hers", () => {
    const script = readAllScenarios().find((s) => s.id === "group-complaint")!;
    const asked = {
      ...initialContext(script.startEmotion),
      last: { moves: ["ask-contact-number"], firstMoves: ["ask-contact-number"], answering: "zhao", scores: { listening: 80, empathy: 80, wording: 80 } },
    };
    const chenTurn = Object.keys(script.turns).find((t) => script.turns[t].speaker === "chen")!;
    const { line, narration } = sayingOf(script.turns[chenTurn], asked);
    expect(line.zh).toMatch(/^我902的，电话136 5812 0937。/);
    expect(line.zh).not.toContain("王大爷");
    expect(line.en).not.toContain("Mr Wang");
    expect(narration?.zh).toMatch(/^王大爷先报了：6栋2单元1101，电话138 0571 4263。/);
    // What the turn would have shown anyway is still seen, after it.
    const own = sayingOf(script.turns[chenTurn], initialContext(script.startEmotion)).narration;
    if (own) expect(narration?.zh.endsWith(own.zh)).toBe(true);
  });

  it("asked for numbers a second time, nobody is seen giving theirs again and 王大爷 does not recite his (round k59's writers)", () => {
    const script = readAllScenarios().find((s) => s.id === "group-complaint")!;
    const again = {
      ...initialContext(script.startEmotion),
      movesMade: { "ask-contact-number": 3 },
      last: { moves: ["ask-contact-number"], firstMoves: [], answering: "zhao", scores: { listening: 80, empathy: 80, wording: 80 } },
    };
    const chenTurn = Object.keys(script.turns).find((t) => script.turns[t].speaker === "chen")!;
    const chen = sayingOf(script.turns[chenTurn], again);
    expect(chen.line.zh).toMatch(/^我902的，电话136 5812 0937。/);
    expect(chen.narration?.zh ?? "").not.toContain("王大爷先报了");
    const wangTurn = Object.keys(script.turns).find((t) => script.turns[t].speaker === "wang")!;
    expect(sayingOf(script.turns[wangTurn], again).line.zh).not.toContain("138 0571 4263");
    const first = { ...again, movesMade: {}, last: { ...again.last, firstMoves: ["ask-contact-number"] } };
    expect(sayingOf(script.turns[wangTurn], first).line.zh).toMatch(/^我6栋2单元1101，电话138 0571 4263，你记上。/);
  });
});
