import { describe, expect, it } from "vitest";
import { scoreReply } from "./test-scorer";
import type { ReplyScore } from "./types";

const rules = (result: ReplyScore) => result.findings.map((f) => f.rule);
const words = (reply: string, result: ReplyScore, rule: string) =>
  result.findings.filter((f) => f.rule === rule && f.dimension === result.findings.find((g) => g.rule === rule)?.dimension).map((f) => reply.slice(f.start, f.end));

const leakTurn = {
  owner: "我家卫生间天花板又漏水了，这都第三次了！3栋1202，楼上1302根本不管！",
  facts: [["3栋1202", "3号楼1202"], ["漏水", "渗水"], ["第三次", "三次"]],
  ask: ["联系电话"],
  emotion: 75,
};

describe("scoreReply: listening", () => {
  it("credits restating the owner's facts, tolerant of number forms", () => {
    // Arrange
    const reply = "我跟您确认一下，是三栋一二零二漏水，已经是第3次了，对吗？";
    // Act
    const result = scoreReply(reply, leakTurn);
    // Assert
    expect(words(reply, result, "listening.fact-confirmed").sort()).toEqual(["三栋一二零二", "漏水", "第3次"].sort());
    expect(rules(result)).toContain("confirm.question");
    expect(rules(result)).not.toContain("listening.fact-missing");
  });

  it("reads 号楼 as 栋 and 三天 as 3天", () => {
    const result = scoreReply("您是说3号楼楼道灯坏了三天了吗？", { facts: [["3栋"], ["3天"]] });
    expect(result.findings.filter((f) => f.rule === "listening.fact-confirmed")).toHaveLength(2);
  });

  it("asks for missing essentials only when the clause asks", () => {
    const asked = scoreReply("麻烦您留一个联系电话好吗？", { ask: ["联系电话"] });
    expect(rules(asked)).toContain("listening.asked");
    const mentioned = scoreReply("我们会给您打电话。", { ask: ["联系电话"] });
    expect(rules(mentioned)).toContain("listening.not-asked");
    // The topic is named in each language: the English message has no Chinese key in it.
    expect(mentioned.findings.find((f) => f.rule === "listening.not-asked")!.message).toEqual({ zh: "还缺少联系电话，没有询问。", en: "Did not ask for a contact phone number, which is still missing." });
    expect(asked.findings.find((f) => f.rule === "listening.asked")!.message.en).toBe("Asked for missing essential information: a contact phone number.");
  });

  it("flags a solution that ignores what the owner said", () => {
    const result = scoreReply("好的，我们安排师傅过去。", leakTurn);
    expect(rules(result)).toContain("listening.solution-jump");
    expect(result.listening).toBeLessThan(45); // the "bad" band
  });

  it("without scenario facts, checks that the owner's topics are answered", () => {
    const answered = scoreReply("您说的停车费调整，我马上帮您查一下新规定。", { owner: "凭什么停车费一下涨这么多？" });
    expect(rules(answered)).toContain("listening.topic-answered");
    const ignored = scoreReply("您好，请问还有什么可以帮您？", { owner: "凭什么停车费一下涨这么多？" });
    expect(rules(ignored)).toContain("listening.topic-missed");
  });
});

describe("scoreReply: empathy", () => {
  it("credits naming the feeling, apologising and reassuring", () => {
    const reply = "真是抱歉，理解您的焦虑，请放心，我会跟进到底。";
    const result = scoreReply(reply, leakTurn);
    expect(rules(result)).toEqual(expect.arrayContaining(["empathy.apology", "empathy.feeling", "empathy.reassurance"]));
    expect(result.empathy).toBeGreaterThanOrEqual(75);
  });

  it("does not take 不是您的问题 for blame, but takes 是您的问题", () => {
    expect(rules(scoreReply("这不是您的问题，是管道老化了。"))).not.toContain("empathy.blame");
    expect(rules(scoreReply("这是您的问题，窗户没关好。"))).toContain("empathy.blame");
  });

  it("flags 你 to an owner but not 你好 or 迷你", () => {
    const reply = "你把房号告诉我。";
    const result = scoreReply(reply);
    expect(words(reply, result, "empathy.informal-you")).toEqual(["你"]);
    // The same words also cost wording points: one finding per dimension.
    expect(result.findings.filter((f) => f.rule === "empathy.informal-you").map((f) => f.dimension)).toEqual(["empathy", "wording"]);
    expect(rules(scoreReply("你好，迷你仓在地下一层。"))).not.toContain("empathy.informal-you");
    expect(rules(scoreReply("你找楼上吧。"))).toContain("empathy.informal-you");
  });

  it("takes 喂 as a rude hello only as a word of its own (Intl.Segmenter), not inside 喂养", () => {
    expect(rules(scoreReply("喂，找谁？"))).toContain("taboo.rude");
    expect(rules(scoreReply("小区里请不要随意喂养流浪猫。"))).not.toContain("taboo.rude");
  });

  it("flags minimising, arguing and lecturing", () => {
    expect(rules(scoreReply("这点小事您就别生气了。"))).toContain("empathy.minimise");
    expect(rules(scoreReply("不可能，师傅昨天刚修过。"))).toContain("empathy.argue");
    expect(rules(scoreReply("你应该早点报修的。"))).toContain("empathy.lecture");
  });

  it("asks an upset owner's feeling to be acknowledged", () => {
    const result = scoreReply("我们会安排师傅检查。", { emotion: 85 });
    expect(rules(result)).toContain("empathy.upset-no-feeling");
    expect(rules(scoreReply("我们会安排师傅检查。", { emotion: 20 }))).not.toContain("empathy.upset-no-feeling");
  });
});

describe("scoreReply: wording", () => {
  it("flags service taboo phrases, each with the standard rewrite", () => {
    const reply = "这不是我们的责任，你自己去找楼上吧。";
    const result = scoreReply(reply);
    const taboo = result.findings.find((f) => f.rule === "taboo.not-our-responsibility")!;
    expect(reply.slice(taboo.start, taboo.end)).toBe("这不是我们的责任");
    expect(taboo.suggestion).toBe("我们会协助您联系相关部门处理。");
    expect(rules(result)).toContain("taboo.go-find-yourself");
    expect(result.wording).toBeLessThan(45);
  });

  it("does not take 我不知道您等了这么久 for a refusal, nor 不好意思 for negative phrasing", () => {
    const result = scoreReply("不好意思，我不知道您等了这么久，我马上帮您催。");
    expect(rules(result)).not.toContain("taboo.dont-know");
    expect(rules(result)).not.toContain("negative.cannot");
    expect(rules(result)).toContain("empathy.apology");
  });

  it("flags unexplained jargon with the plain word, and credits an explained term", () => {
    const bare = scoreReply("是低压断路器脱扣了。");
    const finding = bare.findings.find((f) => f.rule === "jargon.unexplained")!;
    expect(finding.suggestion).toBe("配电箱跳闸");
    expect(bare.findings.filter((f) => f.rule.startsWith("jargon"))).toHaveLength(1);
    expect(rules(scoreReply("低压断路器脱扣，也就是配电箱跳闸了。"))).toContain("jargon.explained");
  });

  it("flags a vague commitment only when no concrete time is given", () => {
    expect(rules(scoreReply("我们会尽快处理。"))).toContain("vague.commitment");
    expect(rules(scoreReply("我们会尽快处理，30分钟内师傅上门。"))).not.toContain("vague.commitment");
    expect(rules(scoreReply("今天下午5点前给您回复。"))).toContain("commitment.concrete");
    expect(rules(scoreReply("三十分钟内到。"))).toContain("commitment.concrete");
  });

  it("flags promises staff cannot keep", () => {
    expect(rules(scoreReply("我保证明天修好，肯定没问题。"))).toContain("overpromise.guarantee");
    expect(rules(scoreReply("您的损失我们全额赔偿。"))).toContain("overpromise.compensation");
  });

  it("credits problem – cause – measure, and flags a cause with no measure", () => {
    expect(rules(scoreReply("电梯停运是因为零件老化，维保单位正在更换，预计两小时内恢复。"))).toContain("structure.problem-cause-measure");
    expect(rules(scoreReply("停水是因为管道老化。"))).toContain("structure.cause-without-measure");
  });
});

describe("scoreReply: moves", () => {
  it("reports the moves a reply makes, and scores required and forbidden ones", () => {
    const good = scoreReply("请不要扒门，我已经通知电梯维保公司，他们30分钟内到。", {
      requiredMoves: ["notify-maintenance-company", "tell-not-force-doors"],
      forbiddenMoves: ["tell-force-doors"],
    });
    expect(good.moves).toEqual(expect.arrayContaining(["notify-maintenance-company", "tell-not-force-doors", "give-time"]));
    expect(good.moves).not.toContain("tell-force-doors");
    const bad = scoreReply("您试试自己把门扒开。", { requiredMoves: ["notify-maintenance-company"], forbiddenMoves: ["tell-force-doors"] });
    expect(rules(bad)).toEqual(expect.arrayContaining(["move.missing.notify-maintenance-company", "move.forbidden.tell-force-doors"]));
  });

  it("reports an unacknowledged feeling once: a step that requires acknowledging it stands in for the general rule", () => {
    const cold = "请问是几栋几号？";
    const general = scoreReply(cold, { emotion: 80 });
    expect(rules(general)).toContain("empathy.upset-no-feeling");
    const step = scoreReply(cold, { emotion: 80, requiredMoves: ["acknowledge-feeling"] });
    expect(rules(step)).toContain("move.missing.acknowledge-feeling");
    expect(rules(step)).not.toContain("empathy.upset-no-feeling");
    // Other required moves leave the general rule as it is.
    expect(rules(scoreReply(cold, { emotion: 80, requiredMoves: ["apologise"] }))).toContain("empathy.upset-no-feeling");
  });
});

describe("scoreReply: text handling", () => {
  it("scores a reply in Traditional characters the same as in Simplified", () => {
    const simplified = scoreReply("您好，真是抱歉，给您添麻烦了，我跟您确认一下是3栋1202漏水，对吗？请放心，我会跟进到底。", leakTurn);
    const traditional = scoreReply("您好，真是抱歉，給您添麻煩了，我跟您確認一下是3棟1202漏水，對嗎？請放心，我會跟進到底。", leakTurn);
    const strip = (r: ReplyScore) => ({ ...r, findings: r.findings.map(({ start, end, ...rest }) => rest) });
    expect(strip(traditional)).toEqual(strip(simplified));
  });

  it("ignores full-width forms, spaces and control characters", () => {
    const plain = scoreReply("我跟您确认一下，是3栋1202漏水，对吗？", leakTurn);
    const messy = scoreReply("我 跟您\u0007确认一下，是３栋 １２０２漏水，对吗？", leakTurn);
    expect([messy.listening, messy.empathy, messy.wording]).toEqual([plain.listening, plain.empathy, plain.wording]);
    const reply = "我 跟您\u0007确认一下，是３栋 １２０２漏水，对吗？";
    expect(words(reply, messy, "listening.fact-confirmed")).toContain("３栋 １２０２");
  });

  it("scores an empty reply 0 with a finding saying so", () => {
    for (const reply of ["", "   ", "。。。！！", "🙂🙂", "\u0000\u0007"]) {
      const result = scoreReply(reply, leakTurn);
      expect([result.listening, result.empathy, result.wording]).toEqual([0, 0, 0]);
      expect(rules(result)).toEqual(["reply.empty"]);
    }
  });

  it("scores only the first 2,000 characters of a longer reply, and says so", () => {
    const reply = "您好，".repeat(3000) + "这不是我们的责任";
    const result = scoreReply(reply);
    expect(rules(result)).toContain("reply.truncated");
    expect(rules(result)).not.toContain("taboo.not-our-responsibility");
    expect(result.findings.every((f) => f.end <= 2000)).toBe(true);
  });

  it("copes with mixed English", () => {
    const result = scoreReply("Sorry 您好，OK 我马上 check 一下，30分钟内 call 您。");
    expect(rules(result)).toContain("commitment.concrete");
  });
});
