import { describe, expect, it } from "vitest";
import type { ScoreReply } from "~/scoring/score-reply";
import { createRoleplayMachine } from "./machine";
import { answerTurn, sayingAtSnapshot, startRoleplay, turnExpectation } from "./runner";
import { readAllScenarios } from "./scenario-files.server";
import type { ScenarioScript } from "./script";
import { play } from "../../tests/support/roleplay";
import { scoreReply } from "../../tests/support/scorer";

const scenarios = readAllScenarios();
const gasSmell = scenarios.find((s) => s.id === "gas-smell")!;
const thrownObject = scenarios.find((s) => s.id === "thrown-object")!;
const renovationNoise = scenarios.find((s) => s.id === "renovation-noise")!;
const noiseDispute = scenarios.find((s) => s.id === "noise-dispute")!;
const elderlyAlone = scenarios.find((s) => s.id === "elderly-alone")!;

describe("what the scorer is told at a turn", () => {
  it("does not demand again a move made at an earlier turn, unless this step's branches decide on it now", () => {
    const call = { earlier: [], emotion: 10, madeBefore: ["gas-leave-area", "gas-no-sparks"] };
    // goes-back-in branches to the failure when nobody stops him now: leaving the area is demanded again here.
    expect(turnExpectation(gasSmell, "goes-back-in", call).madeBefore).toEqual(["gas-no-sparks"]);
    const reply = scoreReply("好的，我这边马上安排，有进展第一时间告诉您。", turnExpectation(gasSmell, "goes-back-in", call));
    expect(reply.findings.map((f) => f.rule)).toContain("move.missing.gas-leave-area");
    // A step that does not branch on it keeps what was done before.
    const outside = gasSmell.turns.outside.next.flatMap((b) => b.if?.movesMissing ?? []);
    expect(outside).not.toContain("gas-no-sparks");
    expect(turnExpectation(gasSmell, "outside", call).madeBefore).toContain("gas-no-sparks");
  });

  it("names a move that fails the attempt where it is made, at any step its persona answers, not only where a step forbids it", () => {
    const call = { earlier: [], emotion: 40, madeBefore: [] };
    const guard = turnExpectation(thrownObject, "guard-on-scene", call);
    expect(thrownObject.turns["guard-on-scene"].expect.forbiddenMoves).not.toContain("disturb-scene");
    expect(guard.forbiddenMoves).toContain("disturb-scene");
    const reply = scoreReply("行，你扫了吧，花盆拿回值班室放着。", guard);
    expect(reply.findings.map((f) => f.rule)).toContain("move.forbidden.disturb-scene");
    // One finding for the fault: keeping the scene, which it undoes, is not demanded as well.
    expect(reply.findings.map((f) => f.rule)).not.toContain("move.missing.protect-scene");
    expect(scoreReply("小刘，先把围观的人请开。", guard).findings.map((f) => f.rule)).toContain("move.missing.protect-scene");
    // Scoped to its personas: the neighbour herself may hear about her own family.
    const neighbourTurn = Object.keys(renovationNoise.turns).find((t) => renovationNoise.turns[t].speaker === "neighbour")!;
    expect(turnExpectation(renovationNoise, neighbourTurn, call).forbiddenMoves).not.toContain("disclose-neighbour");
  });
  it("asks when the old man was last seen in words that fit a missing neighbour, not when 'this' started", () => {
    const counter = turnExpectation(elderlyAlone, "counter", { earlier: [], emotion: 65, madeBefore: [] });
    const notAsked = scoreReply("刘阿姨，两天没见人您肯定着急，我马上让保安小孙上去敲门。", counter).findings.find((f) => f.rule === "listening.not-asked");
    expect(notAsked?.message.zh).toBe("还缺少最后见到的时间，没有询问。");
    expect(notAsked?.message.en).toContain("when he was last seen");
    expect(notAsked?.suggestion).toBe("您最后一次见到老人家是哪天、大概几点？");
    const asked = scoreReply("刘阿姨，您最后一次见到王大爷是哪天？我马上让保安小孙上去敲门。", counter).findings.map((f) => f.rule);
    expect(asked).toContain("listening.asked");
  });

  it("hears his 要是两个礼拜以后还是这样呢？ answered by the next step, not a reply that does nothing (round k54's tuned decent call)", () => {
    const call = { earlier: [], emotion: 40, madeBefore: ["follow-up"] };
    const wrapUp = turnExpectation(noiseDispute, "wrap-up", call);
    const rules = (text: string) => scoreReply(text, wrapUp).findings.map((f) => f.rule);
    const plan = "如果还是这样的话，我们会再协调，必要的话可以请社区调解委员会来帮忙调解。请您放心，我们会一直跟进的。";
    expect(rules(plan)).toContain("move.made.plan-if-it-fails");
    expect(rules(plan)).not.toContain("nothing-done");
    // Reassurance with no next step is still nothing done.
    expect(rules("请您放心，我们会一直跟进的，不会不管的。")).toContain("nothing-done");
  });
});

describe("one point of feedback for one fault", () => {
  const fireLane = scenarios.find((s) => s.id === "fire-lane")!;
  const call = { earlier: [], emotion: 70, madeBefore: [] };

  it("tells a trainee who lets the guard clamp the car that she did and did nothing needed besides, not that she refused nothing, did nothing or said something of substance", () => {
    const guard = turnExpectation(fireLane, "guard-wants-lock", call);
    const rules = scoreReply("行，锁上吧，让他长长记性，锁了他自己就来找我们了。", guard).findings.map((f) => f.rule);
    expect(rules).toContain("move.forbidden.order-lock-or-tow");
    expect(rules).not.toContain("move.missing.refuse-lock-tow");
    expect(rules).not.toContain("nothing-done");
    expect(rules).toContain("nothing-right-done");
    expect(rules).not.toContain("substance");
    // Without the go-ahead, the same silence about the clamp is still a missing refusal.
    expect(scoreReply("照片拍了就好，你先回岗亭吧。", guard).findings.map((f) => f.rule)).toContain("move.missing.refuse-lock-tow");
  });

  it("offers the read-back once when a reply jumps to a solution and misses the facts both", () => {
    const knocked = turnExpectation(fireLane, "nobody-home", call);
    const findings = scoreReply("那我这就报警，让派出所来处理。", knocked).findings;
    const missing = findings.find((f) => f.rule === "listening.fact-missing");
    const jump = findings.find((f) => f.rule === "listening.solution-jump");
    expect(missing?.suggestion).toBe("收到，你上15楼敲了1502的门，屋里没人应。");
    expect(jump?.delta).toBeLessThan(0);
    expect(jump?.suggestion).toBeUndefined();
  });
});

describe("round k58's tuned calls", () => {
  it("hears the owner told she may report it too, after the desk's own report, as no brush-off", () => {
    const fireLane = scenarios.find((s) => s.id === "fire-lane")!;
    const demands = turnExpectation(fireLane, "owner-demands-report", { earlier: [], emotion: 60, madeBefore: [] });
    const rules = (text: string) => scoreReply(text, demands).findings.map((f) => f.rule);
    expect(rules("孙女士，不好意思让您久等了。我现在马上跟值班主管汇报，按规定报警处理。您自己报警也是可以的。")).not.toContain("brush-off");
    expect(rules("孙女士，您着急的话可以自己先报个警。")).toContain("brush-off");
  });

  it("hears the three months he chose said back when he asks for it all again", () => {
    const feeCollection = scenarios.find((s) => s.id === "fee-collection")!;
    const call = { earlier: ["一下子拿一千三百多，能不能分几个月交？"], emotion: 20, madeBefore: ["ask-instalment-plan"] };
    const wrapUp = turnExpectation(feeCollection, "wrap-up", call);
    const said = "分三个月吧，一个月四百出头我还拿得出来。行，就这么着。你把刚才说的再给我捋一遍，我拿笔记一下。";
    const heard = scoreReply("好的孙先生。一是电梯的问题我登记了；二是1320元分三个月交，我帮您申请，明天下午5点前给您回电话。", { ...wrapUp, owner: said });
    expect(heard.findings.find((f) => f.rule === "listening.fact-missing")).toBeUndefined();
  });
});

describe("a line said in the wording the call chose", () => {
  const best = (script: ScenarioScript) => (turn: string) => {
    const s = script.turns[turn].suggestions;
    const total = (i: number) => s[i].scores.listening + s[i].scores.empathy + s[i].scores.wording;
    return { kind: "choose" as const, index: s.reduce((b, _x, i) => (total(i) > total(b) ? i : b), 0) };
  };

  it("keeps in the transcript, shows on the page and scores against the wording said, not the turn's first line", () => {
    const fee = scenarios.find((s) => s.id === "fee-collection")!;
    const call = play("fee-collection", best(fee));
    const instalments = call.turns.find((t) => t.turn === "instalments")!;
    // The best reply to the facts shows how 1,320 is worked out: he says so instead of asking.
    expect(call.visited).not.toContain("bill-breakdown");
    expect(instalments.line.zh).toContain("账你刚才也给我算过了");
    expect(instalments.line).not.toEqual(fee.turns.instalments.line);

    const machine = createRoleplayMachine(fee);
    let step = startRoleplay(machine);
    const earlier: string[] = [];
    while (step.state !== "instalments") {
      const { step: next, record } = answerTurn(fee, machine, step.snapshot, best(fee)(step.state), scoreReply, earlier.length + 1, new Date(), earlier);
      earlier.push(record.line.zh);
      step = next;
    }
    expect(sayingAtSnapshot(fee.turns.instalments, step.snapshot).line).toEqual(instalments.line);
    const seen: string[] = [];
    const spy: ScoreReply = (text, expectation) => (seen.push(expectation?.owner ?? ""), scoreReply(text, expectation));
    answerTurn(fee, machine, step.snapshot, { kind: "reply", text: "分期要经理批，我明天下午五点前给您回电话。" }, spy, 9, new Date(), earlier);
    expect(seen).toEqual([instalments.line.zh]);
  });
});
