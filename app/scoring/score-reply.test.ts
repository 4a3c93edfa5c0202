import { describe, expect, it } from "vitest";
import { readLexicon } from "./lexicon-files.server";
import { createReplyScorer } from "./score-reply";
import { scoreReply } from "../../tests/support/scorer";
import type { ReplyScore } from "./types";

const scoreEverything = createReplyScorer(readLexicon(), { keepSilent: true });
const rules = (result: ReplyScore) => result.findings.map((f) => f.rule);
const words = (reply: string, result: ReplyScore, rule: string) =>
  result.findings
    .filter((f) => f.rule === rule && f.dimension === result.findings.find((g) => g.rule === rule)?.dimension)
    .map((f) => reply.slice(f.start, f.end));

const leakTurn = {
  owner: "我家卫生间天花板又漏水了，这都第三次了！3栋1202，楼上1302根本不管！",
  facts: [
    ["3栋1202", "3号楼1202"],
    ["漏水", "渗水"],
    ["第三次", "三次"],
  ],
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
    expect(result.acts).toContain("restate-confirm");
    expect(rules(result)).not.toContain("listening.fact-missing");
  });

  it("reads 号楼 as 栋 and 三天 as 3天", () => {
    const result = scoreReply("您是说3号楼楼道灯坏了三天了吗？", { facts: [["3栋"], ["3天"]] });
    expect(result.findings.filter((f) => f.rule === "listening.fact-confirmed")).toHaveLength(2);
  });

  it("asks for missing essentials only when the clause asks", () => {
    const asked = scoreReply("麻烦您留一个联系电话好吗？", { ask: ["联系电话"] });
    expect(rules(asked)).toContain("listening.asked");
    // 哪个电梯 asks the lift's number as well as 几号梯 does.
    const lift = scoreReply("你好，物业值班室。你们是5栋哪个电梯？停在几楼了？", { ask: ["电梯编号", "楼层"] });
    expect(rules(lift).filter((r) => r === "listening.asked")).toHaveLength(2);
    expect(rules(lift)).not.toContain("listening.not-asked");
    // What to say instead is the question a trainer would ask, not 麻烦您告诉我一下照片.
    const photo = scoreReply("好的，我这就安排师傅下来看看。", { ask: ["照片"] }).findings.find((f) => f.rule === "listening.not-asked");
    expect(photo?.suggestion).toBe("方便的话把照片或者截图给我看一下，后面核实和处理都用得上。");
    // Asking to see the transfer on the owner's phone asks for that evidence.
    const shown = scoreReply("您手机银行里那笔转账的记录方便给我看一下吗？", { ask: ["照片"] });
    expect(rules(shown)).toContain("listening.asked");
    const mentioned = scoreReply("我们会给您打电话。", { ask: ["联系电话"] });
    expect(rules(mentioned)).toContain("listening.not-asked");
    // The topic is named in each language: the English message has no Chinese key in it.
    expect(mentioned.findings.find((f) => f.rule === "listening.not-asked")!.message).toEqual({
      zh: "还缺少联系电话，没有询问。",
      en: "Did not ask for a contact phone number, which is still missing.",
    });
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
    expect(rules(result)).toEqual(expect.arrayContaining(["apology", "feeling-named", "reassurance"]));
  });

  it("rates empathy in the trainee's own words above the stock phrases", () => {
    const owner = "电梯停了五天了！我七十八了住11楼，五天没下过楼！";
    const stock = scoreReply("理解您的心情，非常抱歉给您带来不便。", { owner, emotion: 80 });
    const ownWords = scoreReply("王大爷，您七十八了还住11楼，电梯停了五天您一趟楼都没下，这确实太难为您了，是我们的工作没做到位，实在对不起。", {
      owner,
      emotion: 80,
    });
    expect(ownWords.acts).toContain("hardship-named");
    expect(ownWords.empathy).toBeGreaterThan(stock.empathy);
  });

  it("takes an honest limit for honesty, not for negative phrasing", () => {
    const result = scoreReply("我不能随口给您一个日子糊弄您，下午五点前项目经理带着厂家的书面回复来跟您说。");
    expect(result.acts).toContain("honest-limit");
    expect(rules(result)).not.toContain("negative-refusal");
    expect(rules(result)).not.toContain("brush-off");
  });

  it("does not take 不是您的问题 for blame, but takes 是您的问题", () => {
    expect(rules(scoreReply("这不是您的问题，是管道老化了。"))).not.toContain("blame");
    expect(rules(scoreReply("这是您的问题，窗户没关好。"))).toContain("blame");
  });

  it("flags 你 to an owner but not 你好 or 迷你", () => {
    const reply = "你把房号告诉我。";
    const result = scoreReply(reply);
    expect(words(reply, result, "informal-you")).toEqual(["你"]);
    // Filed under the dimensions a trainer would: wording always, never listening.
    const dimensions = result.findings.filter((f) => f.rule === "informal-you").map((f) => f.dimension);
    expect(dimensions).toContain("wording");
    expect(dimensions).not.toContain("listening");
    expect(rules(scoreReply("你好，迷你仓在地下一层。"))).not.toContain("informal-you");
    expect(rules(scoreReply("你找楼上吧。"))).toContain("informal-you");
  });

  it("takes 喂 as a rude hello only as a word of its own (Intl.Segmenter), not inside 喂养", () => {
    expect(rules(scoreReply("喂，找谁？"))).toContain("impatient-rude");
    expect(rules(scoreReply("小区里请不要随意喂养流浪猫。"))).not.toContain("impatient-rude");
  });

  it("flags minimising, arguing and lecturing", () => {
    expect(rules(scoreReply("这点小事您就别生气了。"))).toContain("minimise");
    expect(rules(scoreReply("不可能，师傅昨天刚修过。"))).toContain("argue");
    expect(rules(scoreReply("你应该早点报修的。"))).toContain("lecture");
  });

  it("suggests empathy in the owner's own situation, never another call's example", () => {
    const owner = "我对门，6栋703的王大爷，一个人住，八十二了。我两天没见着他了，报纸牛奶都没人拿，敲门也没人应！";
    const canned = scoreReply("阿姨，我理解您着急，我们马上处理。", { owner, facts: [["703"], ["两天"]], emotion: 80 }).findings.find(
      (f) => f.rule === "empathy.canned",
    );
    expect(canned?.suggestion).toBe("您两天没见着他了，这确实让人着急。");
    // Only who or where (他儿子叫建军，在苏州) makes no sentence: the generic wording stands in.
    const whoWhere = scoreReply("理解您的心情，我们会处理的。", { owner: "他儿子叫建军，在苏州，我见过好几回。", facts: [["建军"], ["苏州"]], emotion: 80 });
    expect(whoWhere.findings.find((f) => f.rule === "empathy.canned")?.suggestion).toBe("您说的这些我都听到了，这确实让人着急。");
    // Nor what there is on the bill (还有一笔十五块多的滞纳金).
    const what = scoreReply("账单上写得很清楚，滞纳金是因为你晚交了。", {
      owner: "多出来一个什么公摊能耗，还有一笔十五块多的滞纳金。",
      facts: [["滞纳金"]],
      emotion: 80,
    });
    expect(what.findings.find((f) => f.rule === "empathy.upset-no-feeling")?.suggestion).toBe("理解您的心情，这事换谁都着急。");
  });

  it("takes a feeling named in the owner's own words as no script, and directing a colleague as the action", () => {
    const owner = "好啊，你们物业就是向着他说话是吧？";
    const earlier = ["他上周还跑上来砸我们家门，把我家老人吓得半天缓不过来。"];
    const own = scoreReply("您先别走。您家老人被砸门吓着的事，我们刚才也记下了。", { owner, earlier, facts: [["向着"]], emotion: 80 });
    expect(rules(own)).not.toContain("empathy.canned");
    // The words may start at the name before them.
    const named = scoreReply("林女士，您家老人被砸门吓着的事，我们刚才也记下了。", { owner, earlier, facts: [["向着"]], emotion: 80 });
    expect(rules(named)).not.toContain("empathy.canned");
    const stock = scoreReply("林女士，我理解您的心情。", { owner, earlier, facts: [["向着"]], emotion: 80 });
    expect(rules(stock)).toContain("empathy.canned");
    const radio = { owner: "客服，派出所的两个民警到了，车主十分钟就回来挪车。", colleague: true };
    expect(rules(scoreReply("好的周师傅，辛苦了。那您在现场配合一下民警，车挪走了跟我说一声。", radio))).not.toContain("nothing-done");
    expect(rules(scoreReply("好的周师傅，辛苦了。", radio))).toContain("nothing-done");
    // The direction is the action, and earns what one earns; put off, or left to him, it earns nothing.
    expect(scoreReply("好的，收到。你配合一下民警，车开走了跟我说一声。", radio).acts).toContain("action-now");
    expect(scoreReply("你先盯着吧，过会儿再打几次电话，实在不行明天早上再说。", radio).acts).not.toContain("action-now");
    expect(scoreReply("你先盯着吧，过会儿再打几次电话，实在不行明天早上再说。", radio).acts).toContain("brush-off");
    expect(scoreReply("这个你自己看着办吧，你问问你们队长。", radio).acts).not.toContain("action-now");
  });

  it("suggests a restatement without the owner's linking word or 确实, and hears 拍照留证 as asking for photos", () => {
    const missing = scoreReply("师傅马上过去。", { owner: "关上了，不喷了。可是客厅地上全是水，插线板就泡在水里。", facts: [["客厅"]] }).findings.find(
      (f) => f.rule === "listening.fact-missing",
    );
    expect(missing?.suggestion).toBe("您是说客厅地上全是水，对吗？");
    expect(rules(scoreReply("橱柜和地板先拍照留证，损失等查清原因再谈。", { ask: ["照片"] }))).toContain("listening.asked");
  });

  it("asks an upset owner's feeling to be acknowledged", () => {
    const result = scoreReply("我们会安排师傅检查。", { emotion: 85 });
    expect(rules(result)).toContain("empathy.upset-no-feeling");
    expect(rules(scoreReply("我们会安排师傅检查。", { emotion: 20 }))).not.toContain("empathy.upset-no-feeling");
    // The guard on the radio is not the upset owner: he needs orders, not 理解您的心情.
    expect(rules(scoreReply("小王，你客客气气请工人先停下，拍照登记，业主我来联系。", { emotion: 95, colleague: true }))).not.toContain(
      "empathy.upset-no-feeling",
    );
  });
});

describe("scoreReply: a reply that does nothing", () => {
  it("is shown what this step calls for by the missing move, not a generic example from another kind of call", () => {
    const reply = "您别激动，花盆的事我们会处理的。";
    const atStep = scoreReply(reply, { requiredMoves: ["call-110"] });
    const idle = atStep.findings.filter((f) => f.rule === "nothing-done");
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.every((f) => f.suggestion === undefined)).toBe(true);
    expect(atStep.findings.find((f) => f.rule === "move.missing.call-110")?.suggestion).toContain("110");
    // Without a step (the free scorer), the act's own wording stands: one a trainee could say in any call.
    expect(scoreReply(reply).findings.find((f) => f.rule === "nothing-done")?.suggestion).toContain("半小时内");
  });
});

describe("scoreReply: substance (clauses that say something of their own)", () => {
  const substance = (reply: string) => scoreReply(reply, leakTurn).findings.filter((f) => f.rule === "substance");

  it("is one finding per dimension whose points grow with the clauses of content, resting on them", () => {
    const short = "3栋1202漏水，我马上派师傅过去。";
    const full = "3栋1202卫生间漏水，我记下了。我现在就派师傅过去，30分钟内到。楼上1302我们也去敲门看看。师傅看完我给您回电话。";
    const [few] = substance(short);
    const many = substance(full);
    expect(many.map((f) => f.dimension).sort()).toEqual(["empathy", "listening", "wording"]);
    const wording = many.find((f) => f.dimension === "wording")!;
    expect(wording.delta).toBeGreaterThan(substance(short).find((f) => f.dimension === "wording")!.delta);
    expect(few.message.zh).toMatch(/有2处说到了实处/);
    expect(full.slice(wording.start, wording.end)).toMatch(/^3栋1202卫生间漏水.*给您回电话$/);
  });

  it("does not count courtesy formulas, a clause said twice, or a clause that is a fault", () => {
    const once = substance("我马上派师傅过去。")[0];
    const padded = substance("好的好的。您好。不好意思。我马上派师傅过去。我马上就派师傅过去。")[0];
    expect(padded.delta).toBe(once.delta);
    const withFault = substance("我马上派师傅过去，这点小事您就别生气了。")[0];
    expect(withFault.delta).toBe(once.delta);
  });

  it("counts at most its maxCount clauses", () => {
    const clauses = Array.from({ length: 12 }, (_, i) => `第${i + 1}件事我们今天办好`).join("，");
    const capped = substance(clauses).find((f) => f.dimension === "wording")!;
    const eight = substance(Array.from({ length: 8 }, (_, i) => `第${i + 1}件事我们今天办好`).join("，")).find((f) => f.dimension === "wording")!;
    expect(capped.delta).toBe(eight.delta);
  });
});

describe("scoreReply: wording", () => {
  it("flags service taboo phrases, each with the standard rewrite", () => {
    const reply = "这不是我们的责任，你自己去找楼上吧。";
    const result = scoreReply(reply);
    const taboo = result.findings.find((f) => f.rule === "brush-off")!;
    expect(reply.slice(taboo.start, taboo.end)).toBe("这不是我们的责任");
    expect(taboo.suggestion).toBe("这件事我来帮您联系相关部门处理，有结果我第一时间告诉您。");
    expect(rules(result)).toContain("informal-you");
    expect(result.wording).toBeLessThan(45);
  });

  it("does not take 我不知道您等了这么久 for a refusal, nor 不好意思 for negative phrasing", () => {
    const result = scoreReply("不好意思，我不知道您等了这么久，我马上帮您催。");
    expect(rules(result)).not.toContain("brush-off");
    expect(rules(result)).not.toContain("negative-refusal");
    expect(rules(result)).toContain("apology");
  });

  it("flags unexplained jargon with the plain word, and credits an explained term", () => {
    const bare = scoreReply("是低压断路器脱扣了。");
    const finding = bare.findings.find((f) => f.rule === "jargon.unexplained")!;
    expect(finding.suggestion).toBe("配电箱跳闸");
    expect(bare.findings.filter((f) => f.rule.startsWith("jargon"))).toHaveLength(1);
    // An explained term is recognised even where the fitted points make it worth nothing.
    expect(rules(scoreEverything("低压断路器脱扣，也就是配电箱跳闸了。"))).toContain("jargon.explained");
  });

  it("reads a time however it is said: 半小时内 = 半个小时内 = 三十分钟内, 七点四十之前, 周三下午", () => {
    for (const reply of ["师傅半小时内到。", "师傅半个小时内到。", "师傅三十分钟内到。", "七点四十之前师傅到您家。", "周三下午我们上门。"])
      expect(scoreReply(reply).acts, reply).toContain("concrete-time");
  });

  it("takes 打电话 and 回电话 alike for telling the owner how they will hear back", () => {
    expect(scoreReply("修好了我给您打电话。").acts).toContain("follow-up");
    expect(scoreReply("修好了我给您回电话。").acts).toContain("follow-up");
    expect(scoreReply("有问题您再打电话过来。").acts).not.toContain("follow-up");
  });

  it("flags a vague commitment only when no concrete time is given", () => {
    expect(rules(scoreReply("我们会尽快处理。"))).toContain("vague-promise");
    expect(rules(scoreReply("我们会尽快处理，30分钟内师傅上门。"))).not.toContain("vague-promise");
    expect(rules(scoreReply("今天下午5点前给您回复。"))).toContain("concrete-time");
    expect(rules(scoreReply("三十分钟内到。"))).toContain("concrete-time");
  });

  it("flags promises staff cannot keep", () => {
    expect(rules(scoreReply("我保证明天修好，肯定没问题。"))).toContain("over-promise");
    expect(rules(scoreReply("您的损失我们全额赔偿。"))).toContain("over-promise");
  });

  it("credits problem – cause – measure, and flags a cause with no measure", () => {
    expect(rules(scoreReply("电梯停运是因为零件老化，维保单位正在更换，预计两小时内恢复。"))).toContain("cause-explained");
    expect(rules(scoreEverything("停水是因为管道老化。"))).toContain("structure.cause-without-measure");
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

describe("scoreReply: listening measures understanding, safety is its own judgement", () => {
  it("suggests a restatement built from the owner's own clauses, never 确认一下：闷，对吗", () => {
    const owner = "喂？5栋2号梯卡在14楼和15楼中间了！里面就我跟我妈两个人！好闷啊！";
    const result = scoreReply("您别着急，我马上联系。", { owner, facts: [["5栋"], ["14楼"], ["两个人"]] });
    const missing = result.findings.find((f) => f.rule === "listening.fact-missing")!;
    expect(missing.suggestion).toBe("您是说5栋2号梯卡在14楼和15楼中间了，里面就您跟您母亲两个人，对吗？");
  });

  it("demands a fact only once the owner has said it", () => {
    const result = scoreReply("请问是几栋几号梯？", { owner: "电梯卡住了！里面好闷！", facts: [["5栋"]] });
    expect(rules(result)).not.toContain("listening.fact-missing");
    const said = scoreReply("请问是几栋几号梯？", { owner: "电梯卡住了！里面好闷！", earlier: ["我在5栋。"], facts: [["5栋"]] });
    expect(rules(said)).toContain("listening.fact-missing");
  });

  it("takes a warning not to force the doors in any phrasing, and never for telling them to", () => {
    const turn = { requiredMoves: ["tell-not-force-doors"], forbiddenMoves: ["tell-force-doors"] };
    for (const reply of ["千万别扒！外面可能是空的井道。", "停！马上松手，别再拉门了。", "门千万不要动，等师傅来开。"]) {
      const result = scoreReply(reply, turn);
      expect(result.moves, reply).toContain("tell-not-force-doors");
      expect(result.moves, reply).not.toContain("tell-force-doors");
    }
    expect(scoreReply("您试试自己把门扒开。", turn).moves).toContain("tell-force-doors");
  });

  it("takes touching a plug while standing in water for unsafe advice", () => {
    const result = scoreReply("您先把热水器插头拔了，再去关总阀。", { owner: "水已经漫到脚脖子了，我现在站在水里！" });
    expect(result.acts).toContain("unsafe-advice");
    expect(scoreReply("插头千万别碰，先到干的地方站着。").acts).not.toContain("unsafe-advice");
  });

  it("does not take reporting to the police when the owner cannot be reached for a threat", () => {
    expect(scoreReply("要是还是联系不上车主，我们就报警。").acts).not.toContain("threat");
    expect(scoreReply("您要是再闹，我们就报警了。").acts).toContain("threat");
  });
});

describe("scoreReply: text handling", () => {
  it("scores a reply in Traditional characters the same as in Simplified", () => {
    const simplified = scoreReply("您好，真是抱歉，给您添麻烦了，我跟您确认一下是3栋1202漏水，对吗？请放心，我会跟进到底。", leakTurn);
    const traditional = scoreReply("您好，真是抱歉，給您添麻煩了，我跟您確認一下是3棟1202漏水，對嗎？請放心，我會跟進到底。", leakTurn);
    const strip = (r: ReplyScore) => ({ ...r, findings: r.findings.map(({ start: _start, end: _end, ...rest }) => rest) });
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
    expect(rules(result)).not.toContain("brush-off");
    expect(result.findings.every((f) => f.end <= 2000)).toBe(true);
  });

  it("copes with mixed English", () => {
    const result = scoreReply("Sorry 您好，OK 我马上 check 一下，30分钟内 call 您。");
    expect(rules(result)).toContain("concrete-time");
  });
});

describe("scoreReply: the owner's own question", () => {
  it("counts a plain 不会 as answering 'will you cut my water?', and says so", () => {
    const owner = "那我要是就不交呢？你们是不是要停我家水电？还是把我名字挂到业主群里？";
    const reply = "不会的，刘先生。我们不会停您家的水电气，也不会把您的名字挂到群里，这些本来就是不允许的。";
    const result = scoreReply(reply, { owner });
    expect(rules(result)).toContain("listening.question-answered");
    expect(rules(result)).not.toContain("listening.question-unanswered");
    expect(words(reply, result, "listening.question-answered")).toEqual(["不会的"]);
  });

  it("counts a yes-or-no question answered in its own words (会不会掉下去？ 不会掉下去的), and nothing that only shares the modal", () => {
    const owner = "怎么还没人来？你还在吗？这电梯会不会突然掉下去啊？";
    const reply = "我在的陈先生，请您放心，电梯有安全装置，不会掉下去的。";
    const result = scoreReply(reply, { owner });
    expect(rules(result)).not.toContain("listening.question-unanswered");
    expect(words(reply, result, "listening.question-answered")).toEqual(["不会掉下去的"]);
    expect(rules(scoreReply("我在的，请您放心，我会一直陪着您。", { owner }))).toContain("listening.question-unanswered");
  });

  it("counts 'has anyone come?' answered with where help is now (到了，维保师傅正在进5栋), and not a bare 再催催", () => {
    const owner = "都快半个钟头了！人到底到了没有？我妈脸都白了！";
    const reply = "到了，保安已经守在14楼和15楼，维保师傅正在进5栋。";
    expect(rules(scoreReply(reply, { owner }))).not.toContain("listening.question-unanswered");
    expect(rules(scoreReply("您别急，我再催催。", { owner }))).toContain("listening.question-unanswered");
  });

  it("counts an honest 'I cannot give you a date, here is what happens' as answering 'when?'", () => {
    const owner = "电梯到底什么时候修好？五天了，为什么连个通知都没有？";
    const reply = "厂家在调配件，具体哪天到我现在不能随口给您一个日子；下午五点前项目经理带着厂家的书面回复来跟您说。";
    expect(rules(scoreReply(reply, { owner }))).not.toContain("listening.question-unanswered");
  });

  it("counts doing what the step requires as answering 'is it…?': a refusal with its reason is an answer", () => {
    const owner = "别的小区周末都能干，就你们事多！是不是楼下1102又去投诉了？你把她电话给我，我自己跟她说。";
    const reply = "钱先生，是谁反映的、住户的电话，我们都不能透露，换了是您家的信息，我们也一样保护。";
    const atStep = scoreReply(reply, { owner, requiredMoves: ["keep-neighbour-private"] });
    expect(rules(atStep)).toContain("move.made.keep-neighbour-private");
    expect(rules(atStep)).toContain("listening.question-answered");
    expect(rules(atStep)).not.toContain("listening.question-unanswered");
  });

  it("suggests an answer that fits what was asked about: a repair's date, a reply, someone coming", () => {
    const suggested = (owner: string) =>
      scoreReply("好的，我知道了，您别急。", { owner }).findings.find((f) => f.rule === "listening.question-unanswered")?.suggestion;
    expect(suggested("电梯到底哪天能修好？")).toMatch(/不随口说个日子/);
    expect(suggested("那你什么时候给我答复？")).toMatch(/给您准话/);
    expect(suggested("上个礼拜六我打过一次电话，你们说去说说，结果下午照样钻。这回你们的人到底什么时候上去？")).toMatch(/我们的人/);
    expect(suggested("你们什么时候能到？")).toMatch(/师傅30分钟内到/);
  });
});

describe("scoreReply: the owner's words", () => {
  it("does not count the speaker's own name as a word of theirs taken up", () => {
    const owner = "前台前台，我是小王。我到1202了，里面三个工人在用电锤打卫生间的墙。";
    const taken = scoreReply("小王，收到。你让工人先把电锤停下。", { owner }).findings.filter((f) => f.rule === "listening.owner-words");
    expect(taken.map((f) => f.message.zh).join("")).not.toMatch(/「小王」/);
    expect(taken.map((f) => f.message.zh).join("")).toMatch(/「电锤」|「工人」/);
  });

  it("takes a word of function characters alone (就不) for no word of the owner's", () => {
    const owner = "行，这个先不说。那我要是就不交呢？你们是不是要停我家水电？";
    const taken = scoreReply("不会的。这些做法本来就不允许，水电我们不会停。", { owner }).findings.filter((f) => f.rule === "listening.owner-words");
    expect(taken.map((f) => f.message.zh).join("")).not.toMatch(/「就不」/);
    expect(taken.map((f) => f.message.zh).join("")).toMatch(/「水电」/);
  });

  it("earns nothing for the owner's words taken up only to send him into danger", () => {
    const owner = "楼道灯也不亮，我正拿手机照着呢。要不我先跺一脚，把声控灯弄亮了再说？";
    const echoed = (text: string) =>
      scoreReply(text, { owner })
        .findings.filter((f) => ["listening.owner-words", "listening.restated"].includes(f.rule))
        .map((f) => f.message.zh)
        .join("");
    expect(echoed("灯不亮你跺一下脚就亮了。")).toBe("");
    expect(echoed("灯不亮也别去弄亮它，手机也先别照，马上下楼。")).toMatch(/「不亮」|「手机」|「亮了」|「照着」/);
  });
});

describe("scoreReply: a restatement a trainer would say", () => {
  it("never offers 确认一下：<a word>，对吗: the owner's clause, or no wording at all", () => {
    const owner = "……行吧，今天让他们刷刷墙、清清垃圾。那打墙最早什么时候能干？卫生间的墙总得打完吧。";
    const missing = scoreReply("明天早上八点以后就能干。", { owner, facts: [["打墙"]] }).findings.find((f) => f.rule === "listening.fact-missing");
    expect(missing).toBeDefined();
    expect(missing!.suggestion ?? "").not.toMatch(/确认一下：打墙/);
  });

  it("reads a colleague's radio report back in a colleague's words, not as a question to an owner", () => {
    const owner = "客服，现场我看了：一辆黑色轿车，前挡风玻璃砸裂了。楼下围了七八个人，我先把人劝开？";
    const missing = (colleague: boolean) =>
      scoreReply("好的，辛苦了。", { owner, facts: [["七八个人"]], colleague }).findings.find((f) => f.rule === "listening.fact-missing")?.suggestion;
    expect(missing(true)).toBe("收到，楼下围了七八个人。");
    expect(missing(false)).toBe("您是说楼下围了七八个人，对吗？");
  });
});

describe("scoreReply: hollow strengths", () => {
  it("gives no credit for 您放心 before a guarantee the desk cannot give; the fault's finding says why", () => {
    const reply = "您放心，以后这部电梯保证不会再出问题了。";
    const result = scoreReply(reply, {});
    expect(rules(result)).toContain("over-promise");
    expect(rules(result)).not.toContain("reassurance");
    expect(rules(scoreReply("您放心，维保师傅十分钟内到。", {}))).toContain("reassurance");
  });
});

describe("scoreReply: jargon", () => {
  it("does not call the owner's own word jargon (the bill's line item they asked about)", () => {
    const owner = "那这个“公摊能耗”又是什么东西？以前从来没收过！";
    const reply = "公摊能耗是今年新加的一项：电梯、楼道灯这些公共用电，按每户面积分摊。";
    expect(rules(scoreReply(reply, { owner }))).not.toContain("jargon.unexplained");
  });
});

describe("scoreReply: one finding per fault", () => {
  it("says a forbidden move made in the words of a fault once: the step's rule and message on the fault's dimensions, the same score", () => {
    const lexicon = readLexicon();
    const move = lexicon.moves.find((m) => m.id === "gas-unsafe-advice")!;
    const act = lexicon.acts.find((a) => a.id === "unsafe-advice")!;
    const reply = "您在楼下按一下三楼几家的门铃，把人叫起来。";
    const atStep = scoreReply(reply, { moves: ["gas-unsafe-advice"], forbiddenMoves: ["gas-unsafe-advice"] });
    expect(atStep.moves).toContain("gas-unsafe-advice");
    expect(rules(atStep)).not.toContain("unsafe-advice");
    const fault = atStep.findings.filter((f) => f.rule === "move.forbidden.gas-unsafe-advice");
    expect(fault.map((f) => f.dimension).sort()).toEqual([...act.dimensions].sort());
    expect(new Set(fault.map((f) => `${f.start}-${f.end} ${f.message.zh}`)).size).toBe(1);
    expect(fault[0].message.zh).toBe(move.forbidden!.message.zh);
    const onMoveDimension = fault.find((f) => f.dimension === move.dimension)!;
    expect(onMoveDimension.delta).toBe(act.points[move.dimension]! + move.forbidden!.points);
    // A verdict on the whole reply (nothing done) is another fault and keeps its own finding.
    const careless = scoreReply("您先跺一下脚把灯弄亮，看看是哪家的味儿，挨家按门铃问问。", {
      moves: ["gas-unsafe-advice"],
      forbiddenMoves: ["gas-unsafe-advice"],
    });
    expect(rules(careless)).not.toContain("unsafe-advice");
    expect(
      careless.findings
        .filter((f) => f.rule === "move.forbidden.gas-unsafe-advice")
        .map((f) => f.dimension)
        .sort(),
    ).toEqual([...act.dimensions].sort());
    // The score is what the two findings gave: the fault's points and the move's.
    const elsewhere = scoreReply(reply, { moves: ["gas-unsafe-advice"] });
    expect(atStep[move.dimension]).toBe(Math.max(0, elsewhere[move.dimension] + move.forbidden!.points));
  });
});

describe("round k31's tuned calls, in their words", () => {
  const acts = (text: string, owner?: string, earlier: string[] = []) => scoreReply(text, { owner, earlier }).acts;

  it("a time the owners gave, told back, is listening, not a time committed to; the same time with our deed at it is", () => {
    const owner = "我的也给我记上！我礼拜四上午要去医院复查，11楼啊，我这腿怎么下去？";
    expect(acts("好的大爷，我给您记上了，礼拜四上午去医院复查。", owner)).not.toContain("concrete-time");
    expect(acts("好的大爷，礼拜四上午我们派两位师傅上门扶您下楼。", owner)).toContain("concrete-time");
    // Told back at a later turn, read back from the record, it is still the owner's time.
    expect(acts("第三，王大爷礼拜四上午要去医院，需要帮忙下楼。", "行，那你把记的念一遍。", [owner])).not.toContain("concrete-time");
    expect(acts("今天下班之前一定给大家一个答复。")).toContain("concrete-time");
  });

  it("a screenshot argued against by what it would cause is no posting; 不是不管 with a colon and what is done is no retort", () => {
    expect(acts("录像截图发到群里，万一认错了人，反倒给对方留了话柄。")).not.toContain("privacy-leak");
    expect(acts("我把录像截图发到业主群里，大家一起认。")).toContain("privacy-leak");
    expect(acts("我只想让您看到我们不是不管：警报了，现场围着，录像保着，经理在路上。")).not.toContain("argue");
    expect(acts("我们不是不管，是您自己没说清楚。")).toContain("argue");
  });
});

describe("round k33's tuned calls, in their words", () => {
  it("a work-order number written down for the owner is no one's private number", () => {
    expect(scoreReply("这件事我建了工单，号码写给您，由我跟到底。").acts).not.toContain("privacy-leak");
    expect(scoreReply("他家电话号码写给您，您自己打。").acts).toContain("privacy-leak");
  });
});
describe("round k34's tuned calls, in their words", () => {
  it("a pledge that nobody will leave it again is no brush-off", () => {
    expect(scoreReply("这件事我现在就给您登记成投诉，报到项目经理那里，不会再没人管。").acts).not.toContain("brush-off");
    expect(scoreReply("这事没人管，您找别人吧。").acts).toContain("brush-off");
  });
});
describe("a group-complaint call played to its report after round k49", () => {
  const owner = "配件没到、日子还没定，这个我听明白了；几点给答复你也说了。可你一个前台做不了主，到时候项目经理要是还说不出哪天修好，我们怎么办？我可录着呢。";
  const reply =
    "赵先生，您问得在理。到时候项目经理要是还给不出日子，也会当面说清卡在哪儿、下一次几点更新，绝不会拿一句等通知打发大家。这个案子我负责跟到底，每次答复我都会打电话告诉三位。";

  it("asks nothing by noting what was answered: the question is what is left, and a follow-up answers it", () => {
    const result = scoreReply(reply, { owner });
    expect(rules(result)).not.toContain("listening.question-unanswered");
    expect(rules(scoreReply("赵先生，您放心，您说的我都明白。", { owner }))).toContain("listening.question-unanswered");
    // Asked in the same sentence as a time was mentioned, it is still asked.
    expect(rules(scoreReply("您放心。", { owner: "你刚才说了半小时，现在都一个小时了，人什么时候到？" }))).toContain("listening.question-unanswered");
  });

  it("pins each point on its own words: the brush-off named to refuse it is none, 您问得在理 is no step taken", () => {
    const result = scoreReply(reply, { owner });
    expect(result.acts).not.toContain("vague-promise");
    const followUp = result.findings.find((f) => f.rule === "follow-up")!;
    expect(reply.slice(followUp.start, followUp.end)).toContain("打电话告诉");
    expect(result.findings.filter((f) => f.rule === "action-now").map((f) => reply.slice(f.start, f.end))).not.toContain("您问得在理");
    expect(scoreReply("有消息我们再等通知吧。").acts).toContain("vague-promise");
  });
});
