import { describe, expect, it } from "vitest";
import { play } from "../../tests/support/roleplay";
import { TurnRefused } from "./runner";

/** Replies a well-trained trainee might type at each turn of angry-owner. */
const GOOD: Record<string, string> = {
  opening: "刘女士您好，真是抱歉，同一个问题让您报了三次，换谁都会生气。我跟您确认一下：是3栋1202卫生间天花板又漏水了，对吗？",
  "hotline-threat": "刘女士，真的对不起，让您更着急了。这件事我来负责，我现在就通知工程部值班师傅，20分钟内到您家。",
  "water-now": "理解您的担心，您做得对，千万别开灯。麻烦您先把配电箱里卫生间那一路的开关拉下来，拿个盆接一下水。楼上是1302对吧？方便留一个联系电话吗？",
  "when-coming": "我现在就通知工程部值班师傅，30分钟内到您家先看漏点、做临时处理，到之前师傅会先给您打电话。",
  "firm-answer": "抱歉没说清楚，值班师傅30分钟内到，到之前他会先给您打电话。",
  upstairs: "1302这边由我们来联系，您不用再上去敲门了。我今晚就打他们登记的电话，有结果我第一时间告诉您。",
  "fee-threat": "理解您的不满，同一个问题反复出现，确实是我们没做好。这次我全程跟进：今晚先止住漏水，明天下午5点前工程部给您修复方案，修好后我会回访您。",
  "wrap-up": "好的刘女士，电话13812345678我记下了。师傅30分钟内到，今晚10点前我再给您回个电话。给您添麻烦了，谢谢您的耐心。",
};

const RUDE = "喂，急什么，这不是我们的责任，你自己去找楼上。";

describe("angry-owner", () => {
  it("a trainee who handles it well resolves it and passes", () => {
    const { visited, result } = play("angry-owner", (turn) => ({ kind: "reply", text: GOOD[turn] }));
    expect(visited).toEqual(["opening", "water-now", "when-coming", "upstairs", "fee-threat", "wrap-up", "resolved"]);
    expect(result.outcome).toBe("resolved");
    expect(result.critical).toEqual([]);
    expect(result.passed).toBe(true);
    for (const score of Object.values(result.scores)) expect(score).toBeGreaterThanOrEqual(70);
  });

  it("a rude trainee makes the owner escalate to the 12345 hotline and fails", () => {
    const { visited, turns, result } = play("angry-owner", () => ({ kind: "reply", text: RUDE }));
    expect(visited).toContain("hotline-threat");
    expect(visited.at(-1)).toBe("hotline");
    expect(turns[0].emotionAfter).toBeGreaterThan(turns[0].emotionBefore);
    expect(result.outcome).toBe("escalated");
    expect(result.passed).toBe(false);
  });

  it("recovers from the threat when the trainee apologises and acts", () => {
    const { visited, result } = play("angry-owner", (turn, n) => ({ kind: "reply", text: n === 1 ? RUDE : GOOD[turn] }));
    expect(visited.slice(0, 3)).toEqual(["opening", "hotline-threat", "water-now"]);
    expect(result.outcome).toBe("resolved");
  });

  it("fails on promising compensation, whatever the scores", () => {
    const { result } = play("angry-owner", (turn) => ({
      kind: "reply",
      text: turn === "fee-threat" ? "理解您的不满，这次再修不好，这个月物业费给您免了，我全程跟进。" : GOOD[turn],
    }));
    expect(result.critical.map((c) => c.move)).toContain("promise-compensation");
    expect(result.passed).toBe(false);
  });

  it("asks for a firm answer when no time is given", () => {
    const { visited } = play("angry-owner", (turn) => ({ kind: "reply", text: turn === "when-coming" ? "我们会尽快安排师傅过去的，您放心。" : GOOD[turn] }));
    expect(visited).toContain("firm-answer");
  });

  it("speaks each owner line once, through the effect the host supplies", () => {
    const { visited, spoken } = play("angry-owner", (turn) => ({ kind: "reply", text: GOOD[turn] }));
    expect(spoken).toEqual(visited);
  });

  it("can be played with the suggested replies", () => {
    const { result } = play("angry-owner", () => ({ kind: "choose", index: 0 }));
    expect(result.outcome).toBe("resolved");
    expect(result.passed).toBe(true);
  });

  it("refuses to send a counter-example: it is shown as what not to say, never offered", () => {
    // The opening's second suggestion ("好的，我给您登记一下……") is written to score below the pass marks.
    expect(() => play("angry-owner", () => ({ kind: "choose", index: 1 }))).toThrow(TurnRefused);
  });
});
