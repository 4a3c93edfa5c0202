import { describe, expect, it } from "vitest";
import { scoreReply } from "../../tests/support/scorer";
import { disavowed } from "./disavowal";

const words = { disavowals: ["说了不算", "这是违法的", "侵犯您", "我们不做"], negations: ["不能", "不会", "不"] };
const at = (text: string, fault: string) => {
  const from = text.indexOf(fault);
  return disavowed(text, from, from + fault.length, words);
};

describe("a fault named to rule it out", () => {
  it("is refused by words after it in the same sentence, not in the next", () => {
    expect(at("先垫付这件事，我说了不算。", "先垫付")).toBe(true);
    expect(at("我们先垫付。这件事我说了不算。", "先垫付")).toBe(false);
    expect(at("把名字挂到群里，也是侵犯您个人信息，我们不做这种事。", "挂到群里")).toBe(true);
  });

  it("is a quotation after a negation (我不能糊弄您说“行，我们赔”), not a quotation on its own", () => {
    expect(at("我也不能在这儿糊弄您说“行，我们赔”。", "我们赔")).toBe(true);
    expect(at("我跟您说“行，我们赔”。", "我们赔")).toBe(false);
  });

  it("is not the fault in a whole reply: no critical error, no branch to the threat's ending", () => {
    const ruledOut = scoreReply("不会的，这两样我们都不会做。停水停电来催费是法律不允许的；把欠费业主的名字挂到群里，也是侵犯您个人信息，我们不做这种事。", {
      moves: ["threaten-fee-pressure"],
      forbiddenMoves: ["threaten-fee-pressure"],
    });
    expect(ruledOut.moves).not.toContain("threaten-fee-pressure");
    expect(ruledOut.acts).not.toContain("threat");
    const threat = scoreReply("您再不交，我们就把您的名字挂到群里。", { moves: ["threaten-fee-pressure"], forbiddenMoves: ["threaten-fee-pressure"] });
    expect(threat.moves).toContain("threaten-fee-pressure");
    expect(threat.acts).toContain("threat");
  });

  it("reaches a judgement at the end of a long sentence (私下放给您看、截图往群里发，等于把……都公开了，这是违法的)", () => {
    const text = "我们私下先放给您看、再截图往群里发，等于把楼上那么多住户的画面都公开了，这是违法的。";
    expect(at(text, "截图往群里")).toBe(true);
    expect(at("截图往群里发。等于把楼上那么多住户的画面都公开了，这是违法的。", "截图往群里")).toBe(false);
  });

  it("a hazard called the most dangerous thing (人踩着水去拔最危险) is a warning, not agreement to do it", () => {
    const warned = scoreReply("别过去，插头一根都别碰！插线板泡在水里，人踩着水去拔最危险。", {
      moves: ["agree-to-touch-wet-plug"],
      forbiddenMoves: ["agree-to-touch-wet-plug"],
    });
    expect(warned.moves).not.toContain("agree-to-touch-wet-plug");
  });

  it("a step put off (回去拿衣服的话还是先不要) is not advice to take it", () => {
    const putOff = scoreReply("回去拿衣服的话还是先不要，现在还没确认安全。", { moves: ["gas-unsafe-advice"], forbiddenMoves: ["gas-unsafe-advice"] });
    expect(putOff.moves).not.toContain("gas-unsafe-advice");
    const sentBack = scoreReply("冷的话就回去拿件衣服吧，快去快回。", { moves: ["gas-unsafe-advice"], forbiddenMoves: ["gas-unsafe-advice"] });
    expect(sentBack.moves).toContain("gas-unsafe-advice");
  });

  it("a hazard named to warn against it is no unsafe advice (开门、开灯、碰个开关都可能出事)", () => {
    const warned = scoreReply("衣服真不能回去拿：楼里的味道还没散，开门、开灯、碰个开关都可能出事。", {
      moves: ["gas-unsafe-advice"],
      forbiddenMoves: ["gas-unsafe-advice"],
    });
    expect(warned.moves).not.toContain("gas-unsafe-advice");
    expect(scoreReply("您开灯看看是哪家漏的。", { moves: ["gas-unsafe-advice"] }).moves).toContain("gas-unsafe-advice");
  });

  it("a refused promise in the owner's own words is the honest limit, not the promise", () => {
    const reply = "先垫付赔偿这件事，我说了不算，我也不能在这儿糊弄您说“行，我们赔”。您这个要求我原话报给项目经理，明天中午12点前给您书面答复。";
    const scored = scoreReply(reply, { moves: ["advance-payment", "promise-compensation"], forbiddenMoves: ["advance-payment", "promise-compensation"] });
    expect(scored.moves).not.toContain("advance-payment");
    expect(scored.moves).not.toContain("promise-compensation");
    expect(scoreReply("玻璃钱物业先给您垫上，回头再找楼上要。", { moves: ["advance-payment"] }).moves).toContain("advance-payment");
  });
});
