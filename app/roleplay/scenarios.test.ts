import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { createActor } from "xstate";
import { beforeAll, describe, expect, it } from "vitest";
import { getCourseware } from "~/courseware/courseware.server";
import type { CheckReport } from "./check";
import { initialContext, lineOf, sayingOf } from "./dynamics";
import { createRoleplayMachine, scriptStateOf, type RoleplayEvent } from "./machine";
import { readAllScenarios } from "./scenario-files.server";
import { bothConditions, problemText, scenarioProblems, type ScenarioScript } from "./script";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { parseYaml } from "~/utils/yaml";
import { readFileSync } from "node:fs";
import { bundleProgram } from "../../tests/support/bundle";
import { play } from "../../tests/support/roleplay";
import { scoreReply } from "../../tests/support/scorer";
import { turnExpectation } from "./runner";

const scenarios = readAllScenarios();

/**
 * The path check runs in a thread of its own: it is seconds of synchronous work (minutes on a busy machine), and
 * vitest's worker must stay free to answer its runner, which gives up on it after 60 s.
 */
let checker = "";
beforeAll(async () => {
  const program = `
import { parentPort, workerData } from "node:worker_threads";
import { checkScenario } from "./app/roleplay/check.ts";
parentPort.postMessage(checkScenario(workerData));
`;
  checker = await bundleProgram(program, path.join(await mkdtemp(path.join(os.tmpdir(), "wuye-check-")), "check.mjs"));
});

function checkInThread(script: ScenarioScript): Promise<CheckReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(checker, { workerData: script });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the path check of ${script.id} exited (${code}) without a report`)));
  });
}

/** Drives a scenario's machine with createActor, answering every turn with `answer`, until an ending. */
function drive(script: ScenarioScript, answer: (turn: string) => RoleplayEvent) {
  const actor = createActor(createRoleplayMachine(script)).start();
  const visited = [scriptStateOf(actor.getSnapshot().value)];
  // What each turn's speaker said, in the wording the call chose, and the narration shown with it.
  const sayings = [sayingOf(script.turns[visited[0]], actor.getSnapshot().context)];
  for (let i = 0; i < 40 && actor.getSnapshot().status !== "done"; i++) {
    const turn = scriptStateOf(actor.getSnapshot().value);
    actor.send(answer(turn));
    actor.send({ type: "clock.advance", minutes: script.turns[turn].minutes });
    const now = actor.getSnapshot();
    visited.push(scriptStateOf(now.value));
    if (script.turns[visited.at(-1)!]) sayings.push(sayingOf(script.turns[visited.at(-1)!], now.context));
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  const ending = scriptStateOf(snapshot.value);
  return {
    visited,
    said: sayings.map((x) => x.line.zh),
    narrations: sayings.map((x) => x.narration?.zh ?? ""),
    endingLine: script.endings[ending] ? lineOf(script.endings[ending], snapshot.context).zh : "",
    ending,
    context: snapshot.context,
    done: snapshot.status === "done",
  };
}

function strong(script: ScenarioScript, turn: string): RoleplayEvent {
  const t = script.turns[turn];
  const never = new Set(script.critical.never.map((c) => c.move));
  const moves = new Set([...t.expect.requiredMoves, ...script.critical.always.map((c) => c.move)]);
  for (const b of t.next) for (const m of b.if?.movesMissing ?? []) moves.add(m);
  return {
    type: "trainee.reply",
    scores: { listening: 88, empathy: 88, wording: 88 },
    moves: [...moves].filter((m) => !never.has(m) && !t.expect.forbiddenMoves.includes(m)),
    seriousFaults: 0,
  };
}

const POOR: RoleplayEvent = { type: "trainee.reply", scores: { listening: 25, empathy: 15, wording: 20 }, moves: [], seriousFaults: 3 };

describe.each(scenarios.map((s) => [s.id, s] as const))("scenario %s", (_id, script) => {
  it("passes the path check: every state reachable, every path ends within the turn limit", async () => {
    const report = await checkInThread(script);
    expect(report.problems).toEqual([]);
    expect(report.mainLine.length).toBeGreaterThanOrEqual(5);
    expect(report.mainLine.length).toBeLessThanOrEqual(12);
    // Exploring every state takes seconds on a quiet machine and minutes on a busy one: only a hang should fail.
  }, 600_000);

  it("resolves along the main line when every answer is strong", () => {
    const run = drive(script, (turn) => strong(script, turn));
    expect(run.done).toBe(true);
    expect(script.endings[run.ending].outcome).toBe("resolved");
    expect(run.context.critical).toEqual([]);
  });

  it("escalates when every answer is poor", () => {
    const run = drive(script, () => POOR);
    expect(run.done).toBe(true);
    expect(script.endings[run.ending].outcome).not.toBe("resolved");
    expect(run.context.emotion).toBeGreaterThan(script.startEmotion - 1);
  });

  it("passes when the trainee uses the best suggested reply at each turn", () => {
    const best = (turn: string) => {
      const s = script.turns[turn].suggestions;
      const avg = (i: number) => s[i].scores.listening + s[i].scores.empathy + s[i].scores.wording;
      return s.reduce((b, _x, i) => (avg(i) > avg(b) ? i : b), 0);
    };
    const { result } = play(script.id, (turn) => ({ kind: "choose", index: best(turn) }));
    expect(result.outcome).toBe("resolved");
    expect(result.passed).toBe(true);
  });

  it("links only to courseware sections that exist", () => {
    const modules = getCourseware("zh-CN");
    for (const link of script.learnMore) {
      const module = modules.find((m) => m.slug === link.module);
      const anchors = module?.sections.flatMap((s) => [s.id, ...s.parts.map((p) => p.id)]);
      expect(anchors, `${link.module}#${link.section}`).toContain(link.section);
    }
  });
});

/** The strong reply at every turn, with these moves added at one turn (what the owner is told there). */
function strongWith(script: ScenarioScript, at: string, extra: readonly string[]) {
  return (turn: string): RoleplayEvent => {
    const answer = strong(script, turn);
    return turn === at && answer.type === "trainee.reply" ? { ...answer, moves: [...answer.moves, ...extra] } : answer;
  };
}

describe("owners who remember what they were told", () => {
  it("at a resolved close, an owner never given a time asks for one; given one, she says she will wait", () => {
    // (In group-complaint and lift-entrapment a call that never gives a time does not get this far.)
    for (const id of ["fee-collection", "fire-lane", "burst-pipe", "renovation-noise"]) {
      const script = scenarios.find((s) => s.id === id)!;
      const timed = drive(script, strongWith(script, script.start, ["give-time", "follow-up"]));
      expect(timed.ending, id).toBe("resolved");
      expect(timed.endingLine, id).toBe(script.endings.resolved.line.zh);
      const untimed = drive(script, strongNever(script, ["give-time"]));
      expect(untimed.ending, id).toBe("resolved");
      expect(untimed.endingLine, id).not.toBe(script.endings.resolved.line.zh);
      expect(untimed.endingLine, id).toMatch(/什么时候|几点|准信儿|准话|准时间/);
    }
  });

  it("fire-lane: given the car owner's flat earlier, she does not ask for it again; she goes up herself", () => {
    const fireLane = scenarios.find((s) => s.id === "fire-lane")!;
    const run = drive(fireLane, strongWith(fireLane, "owner-calls", ["disclose-car-owner", "act:privacy-leak"]));
    expect(run.visited).not.toContain("owner-wrap");
    expect(run.ending).toBe("neighbour-row");
    // One fault, one critical error: the scenario's own disclosure move, not the act it is made of as well.
    expect(run.context.critical.map((c) => c.move)).toEqual(["disclose-car-owner"]);
  });

  it("lift-entrapment: told who is coming and when before he asks, he does not ask again", () => {
    const lift = scenarios.find((s) => s.id === "lift-entrapment")!;
    const told = drive(lift, strongWith(lift, "location", ["give-time"]));
    expect(told.visited).not.toContain("who-is-coming");
    const notTold = drive(lift, (turn) => strong(lift, turn));
    expect(notTold.visited).toContain("who-is-coming");
    // Told the company was called, though not when it comes, he asks only when.
    const whenLine = (run: { said: string[] }) => run.said.find((line) => line.includes("什么时候能到？我妈")) ?? "";
    expect(whenLine(notTold)).toMatch(/^人是叫了/);
    const reached = { ...notTold.context, movesMade: { "notify-engineering": 0 } };
    expect(lineOf(lift.turns["who-is-coming"], reached).zh).toContain("到底叫人了没有");
  });

  it("fee-collection: shown how 1,320 is worked out, he does not ask how; he goes on to instalments and says so", () => {
    const fee = scenarios.find((s) => s.id === "fee-collection")!;
    const shown = drive(fee, strongWith(fee, "arrears-facts", ["bill-explained"]));
    expect(shown.visited).not.toContain("bill-breakdown");
    expect(shown.said.find((line) => line.includes("分几个月"))).toContain("账你刚才也给我算过了");
    expect(shown.ending).toBe("resolved");
    const shownWhenAsked = drive(fee, strongWith(fee, "bill-breakdown", ["bill-explained"]));
    expect(shownWhenAsked.visited).toContain("bill-breakdown");
    expect(shownWhenAsked.said.find((line) => line.includes("分几个月"))).toMatch(/^账是这么个账/);
    const neverShown = drive(fee, (turn) => strong(fee, turn));
    expect(neverShown.said.find((line) => line.includes("分几个月"))).toContain("回头自己再对一对");
  });

  it("angry-owner and fee-dispute: given a time for the answer, the owner holds the desk to it instead of demanding one", () => {
    const angry = scenarios.find((s) => s.id === "angry-owner")!;
    const lastLine = (run: { said: string[] }) => run.said.at(-1) ?? "";
    expect(lastLine(drive(angry, strongWith(angry, "fee-threat", ["give-time"])))).toContain("你刚才说的时间我可记下了");
    expect(lastLine(drive(angry, (turn) => strong(angry, turn)))).toContain("今天必须给我个说法");
    const dispute = scenarios.find((s) => s.id === "fee-dispute")!;
    expect(lastLine(drive(dispute, (turn) => strong(dispute, turn)))).toContain("你说的时间我可记下了");
    expect(lastLine(drive(dispute, strongWithout(dispute, "waive-ask", ["give-time"])))).toContain("最晚明天下午");
  });

  it("renovation-noise: told when the wall can be knocked through, he does not ask when", () => {
    const reno = scenarios.find((s) => s.id === "renovation-noise")!;
    const told = drive(reno, strongWith(reno, "renovator-pushback", ["tell-noisy-work-hours"]));
    expect(told.said.find((line) => line.includes("卫生间的墙总得打完"))).toContain("按你说的时间来");
    expect(told.said.find((line) => line.includes("卫生间的墙总得打完"))).toContain("工期你们到底帮不帮我排");
    // Offered help with the schedule in the same reply, he holds the desk to it instead of asking for it.
    const offered = drive(reno, strongWith(reno, "renovator-pushback", ["tell-noisy-work-hours", "follow-up"]));
    expect(offered.said.find((line) => line.includes("卫生间的墙总得打完"))).toContain("工期你说帮我排");
    const notTold = drive(reno, (turn) => strong(reno, turn));
    expect(notTold.said.find((line) => line.includes("卫生间的墙总得打完"))).toContain("打墙最早什么时候能干");
  });

  it("group-complaint and gas-smell: told when the answer comes, or offered shelter, the owner says so", () => {
    const group = scenarios.find((s) => s.id === "group-complaint")!;
    const dateLine = (run: { said: string[] }) => run.said.find((line) => line.includes("给句准话，我可录着呢")) ?? "";
    expect(dateLine(drive(group, strongWith(group, "read-back", ["give-time"])))).toMatch(/^几点给答复你是说了/);
    expect(dateLine(drive(group, (turn) => strong(group, turn)))).toMatch(/^你汇报，汇报完呢/);
    const gas = scenarios.find((s) => s.id === "gas-smell")!;
    const coldLine = (run: { said: string[] }) => run.said.find((line) => line.includes("拿件衣服")) ?? "";
    expect(coldLine(drive(gas, strongWith(gas, "guard-report", ["offer-shelter"])))).toContain("老人孩子先去你说的地方避风了");
    expect(coldLine(drive(gas, (turn) => strong(gas, turn)))).toContain("孩子冻得直哆嗦");
    const crewLine = (run: { said: string[] }) => run.said.find((line) => line.includes("燃气公司的人上去了")) ?? "";
    expect(crewLine(drive(gas, strongWith(gas, "cold-wait", ["offer-shelter"])))).toContain("在避风的地方也待不住了");
    expect(crewLine(drive(gas, (turn) => strong(gas, turn)))).toContain("孩子都冻哭了");
  });

  it("owners answer what they are asked: when the leak started, the proof of payment, how to spread the arrears", () => {
    const said = (id: string, at: string, move: string, includes: string) => {
      const script = scenarios.find((s) => s.id === id)!;
      const line = (run: { said: string[] }) => run.said.find((l) => l.includes(includes)) ?? "";
      return { asked: line(drive(script, strongWith(script, at, [move]))), notAsked: line(drive(script, (turn) => strong(script, turn))) };
    };
    const when = said("angry-owner", "water-now", "give-time", "上次报修等了两天");
    expect(when.asked).toMatch(/^你说的时间可别又是随口一说/);
    expect(when.notAsked).toMatch(/^那你们到底什么时候来人/);
    const leak = said("angry-owner", "opening", "ask-leak-start", "上个月修过一次");
    expect(leak.asked).toMatch(/^六点多下班回来就看见了/);
    expect(leak.notAsked).toMatch(/^上个月修过一次/);
    const proof = said("fee-dispute", "late-fee", "ask-transfer-proof", "谁同意的");
    expect(proof.asked).toContain("4月10号下午两点十几分");
    expect(proof.notAsked).toMatch(/^滞纳金你们去查/);
    const plan = said("fee-collection", "instalments", "ask-instalment-plan", "捋一遍");
    expect(plan.asked).toMatch(/^分三个月吧/);
    expect(plan.notAsked).toMatch(/^行吧，就这么着/);
    const checkBack = said("noise-dispute", "meeting-agreement", "give-time", "再信你们一回");
    expect(checkBack.asked).toContain("过些日子");
    expect(checkBack.notAsked).toContain("两个礼拜以后");
  });

  it("burst-pipe: she does what she was told about the wet plugs, and says so", () => {
    const burst = scenarios.find((s) => s.id === "burst-pipe")!;
    const waterLine = (run: { said: string[] }) => run.said.find((line) => line.includes("水都漫到门口")) ?? "";
    expect(waterLine(drive(burst, strongWith(burst, "electrics", ["agree-to-touch-wet-plug"])))).toContain("手一下子麻了一下");
    expect(waterLine(drive(burst, strongWithout(burst, "electrics", ["stop-loss"])))).toContain("插头我没敢碰");
    expect(waterLine(drive(burst, (turn) => strong(burst, turn)))).toContain("照你说的弄好了");
    expect(waterLine(drive(burst, strongWith(burst, "electrics", ["move-valuables"])))).toContain("东西都挪到沙发上了");
    // Asked who is at home, she answers before anything else.
    expect(waterLine(drive(burst, strongWith(burst, "electrics", ["ask-headcount"])))).toMatch(/^家里就我一个人/);
  });

  it("noise-dispute: asked until when the noise goes on, he says", () => {
    const noise = scenarios.find((s) => s.id === "noise-dispute")!;
    const wentUp = (run: ReturnType<typeof drive>) => run.said[run.visited.indexOf("went-up")];
    expect(wentUp(drive(noise, strongWith(noise, "opening", ["ask-noise-hours"])))).toMatch(/^一般要闹到十二点多才消停/);
    expect(wentUp(drive(noise, (turn) => strong(noise, turn)))).toMatch(/^我上去敲过一次门/);
  });

  it("asked for a number, the next owner to speak gives theirs; a colleague or an owner not asked does not", () => {
    const group = scenarios.find((s) => s.id === "group-complaint")!;
    const asked = drive(group, strongWith(group, "meeting-room", ["ask-contact-number"]));
    const next = asked.visited[asked.visited.indexOf("meeting-room") + 1];
    expect(group.turns[next].speaker).toBe("wang");
    expect(asked.said[asked.visited.indexOf("meeting-room") + 1]).toMatch(/^我6栋2单元1101，电话138 0571 4263，你记上。/);
    const notAsked = drive(group, (turn) => strong(group, turn));
    expect(notAsked.said.some((line) => line.includes("138 0571 4263"))).toBe(false);
    // Asked of 王大爷 at his hospital turn, with 赵先生 speaking next: 王大爷's number comes first (seen as narration,
    // group-complaint.test.ts), then 赵 gives his own, in his own words only.
    const atHospital = drive(group, strongWith(group, "hospital", ["ask-contact-number"]));
    const afterHospital = atHospital.visited.indexOf("hospital") + 1;
    expect(group.turns[atHospital.visited[afterHospital]].speaker).toBe("zhao");
    expect(atHospital.said[afterHospital]).toMatch(/^702，赵，电话139 0688 5124/);
    expect(atHospital.said[afterHospital]).not.toContain("王大爷");
    const fireLane = scenarios.find((s) => s.id === "fire-lane")!;
    const toGuard = drive(fireLane, strongWith(fireLane, fireLane.start, ["ask-contact-number"]));
    expect(fireLane.turns[toGuard.visited[1]].speaker).toBe("guard");
    expect(toGuard.said[1]).not.toContain("186 5709 2231");
  });

  it("gas-smell: asked whether anyone is still at home, he answers when it sinks in", () => {
    const gas = scenarios.find((s) => s.id === "gas-smell")!;
    const worried = (run: ReturnType<typeof drive>) => run.said[run.visited.indexOf("worried-owner")];
    expect(worried(drive(gas, strongWith(gas, "outside", ["ask-headcount"])))).toMatch(/^你刚才问我家里有没有人/);
    expect(worried(drive(gas, (turn) => strong(gas, turn)))).toMatch(/^坏了，我老婆孩子/);
  });

  it("renovation-noise: told already when someone will be there, she holds the desk to it instead of asking when (round k71's writer)", () => {
    const renovation = scenarios.find((s) => s.id === "renovation-noise")!;
    const told = { ...initialContext(renovation.startEmotion), visited: ["call"], movesMade: { "give-time": 1 } };
    expect(sayingOf(renovation.turns["still-drilling"], told).line.zh).toContain("你刚才说的我可记着");
    expect(sayingOf(renovation.turns["still-drilling"], { ...told, movesMade: {} }).line.zh).toContain("到底什么时候上去");
  });

  it("group-complaint: told the manager would hear of it, the desk learns at the meeting room where he is and when he answers (rounds k71 and k72)", () => {
    const group = scenarios.find((s) => s.id === "group-complaint")!;
    const reported = { ...initialContext(group.startEmotion), visited: ["opening", "lobby-crowd"], movesMade: { "report-up": 3 } };
    expect(sayingOf(group.turns["meeting-room"], reported).narration?.zh).toContain("上午下不来");
    expect(sayingOf(group.turns["meeting-room"], { ...reported, movesMade: {} }).narration?.zh).not.toContain("项目经理");
    expect(sayingOf(group.turns["meeting-room"], { ...reported, visited: [...reported.visited, "manager-coming"] }).narration?.zh).not.toContain("下不来");
  });

  it("lift-entrapment: the maintenance company called, it calls back with a time the desk can pass on (round k73's writer)", () => {
    const lift = scenarios.find((s) => s.id === "lift-entrapment")!;
    const called = { ...initialContext(lift.startEmotion), visited: ["alarm", "location", "doors"], movesMade: { "notify-maintenance-company": 1 } };
    expect(sayingOf(lift.turns["who-is-coming"], called).narration?.zh).toContain("30分钟内到");
    expect(sayingOf(lift.turns["who-is-coming"], { ...called, movesMade: {} }).narration).toBeNull();
  });
});

/** The strong reply at every turn, without these moves at one turn (what the owner is not told there). */
function strongWithout(script: ScenarioScript, at: string, removed: readonly string[]) {
  return (turn: string): RoleplayEvent => {
    const answer = strong(script, turn);
    return turn === at && answer.type === "trainee.reply" ? { ...answer, moves: answer.moves.filter((m) => !removed.includes(m)) } : answer;
  };
}

/** The lift's strong answer at its second turn, asking whether to call 120 instead of calling it. */
function offersAmbulanceAtLocation(lift: ScenarioScript) {
  return (turn: string): RoleplayEvent => {
    const answer = strongWithout(lift, "location", ["call-ambulance"])(turn);
    return answer.type === "trainee.reply" ? { ...answer, moves: [...answer.moves, "offer-ambulance"] } : answer;
  };
}

/** One way of answering at one turn and another at every other turn. */
function atOneTurn(at: string, there: (turn: string) => RoleplayEvent, elsewhere: (turn: string) => RoleplayEvent) {
  return (turn: string): RoleplayEvent => (turn === at ? there(turn) : elsewhere(turn));
}

/** Strong answers that never make these moves, at any turn. */
function strongNever(script: ScenarioScript, removed: readonly string[]) {
  return (turn: string): RoleplayEvent => {
    const answer = strong(script, turn);
    return answer.type === "trainee.reply" ? { ...answer, moves: answer.moves.filter((m) => !removed.includes(m)) } : answer;
  };
}

describe("what is seen and said follows what was done", () => {
  const byId = (id: string) => scenarios.find((s) => s.id === id)!;

  it("thrown-object: he thanks her for asking about the boy first only when her first reply did", () => {
    const thrown = byId("thrown-object");
    const askedFirst = drive(thrown, (turn) => strong(thrown, turn));
    expect(askedFirst.ending).toBe("resolved");
    expect(askedFirst.endingLine).toContain("谢谢你先问孩子有没有事");
    const askedWhenReproached = drive(thrown, strongWithout(thrown, "storms-in", ["ask-injured"]));
    expect(askedWhenReproached.visited).toContain("no-one-asked");
    expect(askedWhenReproached.ending).toBe("resolved");
    expect(askedWhenReproached.endingLine).not.toContain("谢谢你先问孩子");
  });

  it("gas-smell: he is glad she got him out at once only when her first reply did", () => {
    const gas = byId("gas-smell");
    expect(drive(gas, (turn) => strong(gas, turn)).endingLine).toContain("幸亏你一开始就把我叫下来了");
    const late = drive(gas, strongWithout(gas, gas.start, ["gas-leave-area"]));
    expect(late.ending).toBe("resolved");
    expect(late.endingLine).not.toContain("一开始");
  });

  it("fire-lane: the guard photographs the cleared lane only if he was asked to", () => {
    const fireLane = byId("fire-lane");
    const callback = (run: ReturnType<typeof drive>) => run.narrations[run.visited.indexOf("callback")];
    expect(callback(drive(fireLane, (turn) => strong(fireLane, turn)))).toContain("拍了通道畅通的照片");
    const noPhoto = drive(fireLane, strongNever(fireLane, ["record-evidence"]));
    expect(noPhoto.visited).toContain("callback");
    expect(callback(noPhoto)).not.toContain("照片");
  });

  it("round k31's writers: owners answer what they were told (angry-owner, fee-collection, noise-dispute)", () => {
    const angry = byId("angry-owner");
    const sentNoTime = drive(angry, strongWith(angry, "water-now", ["notify-engineering"]));
    expect(sentNoTime.said[sentNoTime.visited.indexOf("when-coming")]).toContain("这回到底几点能到");
    expect(sentNoTime.said[sentNoTime.visited.indexOf("fee-threat")]).toMatch(/^行，你说的这些我先记下了/);
    // Handled badly just before, she still shouts it.
    const shouted = drive(
      angry,
      atOneTurn(
        "upstairs",
        () => POOR,
        (turn) => strong(angry, turn),
      ),
    );
    expect(shouted.said[shouted.visited.indexOf("fee-threat")]).toMatch(/^我告诉你/);
    const fee = byId("fee-collection");
    expect(drive(fee, strongWith(fee, "opening", ["state-arrears"])).said[1]).toContain("物业费是吧？我知道欠着呢");
    expect(drive(fee, (turn) => strong(fee, turn)).said[1]).toContain("什么事，说吧");
    const noise = byId("noise-dispute");
    const investigation = (run: ReturnType<typeof drive>) => run.narrations[run.visited.indexOf("investigation")];
    expect(investigation(drive(noise, strongWith(noise, "went-up", ["give-time", "follow-up"])))).toContain("按说好的时间给何先生回了电话");
    expect(investigation(drive(noise, strongWithout(noise, "went-up", ["give-time"])))).toMatch(/^第二天下午，何先生又来到前台/);
  });

  it("thrown-object: told at once that 110 is being called, he does not demand the police at the next turn", () => {
    const thrown = byId("thrown-object");
    const toldFirst = strongWith(thrown, "storms-in", ["call-110"]);
    const quietAfter = strongWithout(thrown, "nobody-hurt", ["call-110"]);
    const run = drive(thrown, atOneTurn("storms-in", toldFirst, quietAfter));
    expect(run.visited).toContain("nobody-hurt");
    expect(run.visited).not.toContain("police-demand");
    const neverSaid = strongWithout(thrown, "storms-in", ["call-110"]);
    expect(drive(thrown, atOneTurn("storms-in", neverSaid, quietAfter)).visited).toContain("police-demand");
  });

  it("thrown-object: told at the turn before to leave what fell, the guard does not sweep it up when his question goes unanswered", () => {
    const thrown = byId("thrown-object");
    const toldFirst = strongWith(thrown, "nobody-hurt", ["protect-scene"]);
    const quietAfter = strongWithout(thrown, "guard-on-scene", ["protect-scene"]);
    const run = drive(thrown, atOneTurn("nobody-hurt", toldFirst, quietAfter));
    expect(run.visited).toContain("guard-on-scene");
    expect(run.visited).not.toContain("scene-moved");
    const neverSaid = strongWithout(thrown, "nobody-hurt", ["protect-scene"]);
    expect(drive(thrown, atOneTurn("nobody-hurt", neverSaid, quietAfter)).visited).toContain("scene-moved");
  });

  it("angry-owner and burst-pipe: given a time at the turn before, the owner does not demand one as if none was given", () => {
    for (const [id, given, asked, demand] of [
      ["angry-owner", "water-now", "when-coming", "firm-answer"],
      ["burst-pipe", "opening", "when-coming", "how-long"],
    ] as const) {
      const script = byId(id);
      const giveEarly = strongWith(script, given, ["give-time"]);
      const notAgain = strongWithout(script, asked, ["give-time"]);
      const told = drive(script, atOneTurn(given, giveEarly, notAgain));
      expect(told.visited, id).toContain(asked);
      expect(told.visited, id).not.toContain(demand);
      const withhold = strongWithout(script, given, ["give-time"]);
      const never = drive(script, atOneTurn(given, withhold, notAgain));
      expect(never.visited, id).toContain(demand);
    }
  });

  it("thrown-object: asked when it fell, he says when", () => {
    const thrown = byId("thrown-object");
    const asked = drive(thrown, strongWith(thrown, "storms-in", ["ask-fall-time"]));
    expect(asked.said[asked.visited.indexOf("nobody-hurt")]).toContain("四点零几分");
    const notAsked = drive(thrown, (turn) => strong(thrown, turn));
    expect(notAsked.said[notAsked.visited.indexOf("nobody-hurt")]).not.toContain("四点");
  });

  it("round k34: the guard after a second fall, the flat below, the night patrol and an apology already made", () => {
    const thrown = byId("thrown-object");
    const guardAfter = (run: ReturnType<typeof drive>) => run.said[run.visited.indexOf("guard-on-scene")];
    // Nobody sent to clear the area: a second thing falls, and the guard's report answers what he was asked then.
    const secondFall = (answer: (turn: string) => RoleplayEvent) => atOneTurn("second-fall", answer, strongNever(thrown, ["secure-area"]));
    const asked = drive(
      thrown,
      secondFall((turn) => strong(thrown, turn)),
    );
    expect(asked.visited).toContain("second-fall");
    expect(guardAfter(asked)).toContain("外卖小哥没伤着");
    expect(guardAfter(drive(thrown, secondFall(strongWithout(thrown, "second-fall", ["ask-injured"]))))).toContain("我也没顾上问");
    expect(guardAfter(drive(thrown, (turn) => strong(thrown, turn)))).toMatch(/^客服，现场我看了/);

    const pipe = byId("burst-pipe");
    const below = (run: ReturnType<typeof drive>) => run.narrations[run.visited.indexOf("downstairs-damp")];
    expect(below(drive(pipe, strongWith(pipe, "when-coming", ["warn-flat-below"])))).toMatch(/^你打电话通知了502/);
    expect(below(drive(pipe, (turn) => strong(pipe, turn)))).toContain("她自己蹚着水下楼敲了502的门");

    const noise = byId("noise-dispute");
    const investigation = (run: ReturnType<typeof drive>) => run.narrations[run.visited.indexOf("investigation")];
    expect(investigation(drive(noise, strongWith(noise, "went-up", ["notify-security"])))).toContain("秩序维护员夜里11点半");
    expect(investigation(drive(noise, strongNever(noise, ["notify-security"])))).not.toContain("秩序维护员");

    const fee = byId("fee-collection");
    const grievance = (run: ReturnType<typeof drive>) => run.said[run.visited.indexOf("lift-grievance")];
    expect(grievance(drive(fee, strongWith(fee, "arrears-facts", ["apologise"])))).toMatch(/^对不起我听见了/);
    expect(grievance(drive(fee, strongNever(fee, ["apologise"])))).toMatch(/^物业费是吧/);
  });

  it("group-complaint: told already that no repair date is fixed, Zhao asks what happens if there is still none", () => {
    const group = byId("group-complaint");
    const pressed = (run: ReturnType<typeof drive>) => run.said[run.visited.indexOf("when-answer")];
    const told = drive(group, strongWith(group, "filming", ["no-date-yet"]));
    expect(told.visited).toContain("when-answer");
    expect(pressed(told)).toMatch(/^配件没到、日子还没定，这个我听明白了/);
    expect(pressed(drive(group, (turn) => strong(group, turn)))).not.toContain("日子还没定");
  });

  it("lift-entrapment: told at the start that his mother's heart is racing, a desk that has not called 120 by minute 5 fails: she faints", () => {
    const lift = byId("lift-entrapment");
    const never = drive(lift, strongNever(lift, ["call-ambulance"]));
    expect(never.ending).toBe("fainted");
    expect(never.endingLine).toContain("我妈晕过去了");
    expect(lift.endings.fainted.outcome).toBe("failed");
    // Called at the second reply, as the strong answer does: the call goes on to the rescue.
    expect(drive(lift, (turn) => strong(lift, turn)).ending).toBe("resolved");
    // Offered, then called when the son shouts for it (at minute 5): in time.
    const offeredThenCalled = atOneTurn("location", offersAmbulanceAtLocation(lift), (turn) =>
      turn === "doors" ? strongWith(lift, "doors", ["call-ambulance"])(turn) : strongNever(lift, ["call-ambulance"])(turn),
    );
    expect(drive(lift, offeredThenCalled).ending).not.toBe("fainted");
  });

  it("lift-entrapment: asked whether to call 120 instead of told it is called, the son says to call it", () => {
    const lift = byId("lift-entrapment");
    const doors = (run: ReturnType<typeof drive>) => run.said[run.visited.indexOf("doors")];
    const asked = offersAmbulanceAtLocation(lift);
    expect(doors(drive(lift, atOneTurn("location", asked, strongNever(lift, ["call-ambulance"]))))).toMatch(/^叫啊！/);
    // Asked, and called it in the same breath: nothing to answer.
    expect(doors(drive(lift, strongWith(lift, "location", ["offer-ambulance", "call-ambulance"])))).not.toMatch(/^叫啊/);
  });

  it("elderly-alone: the 120 doctor is with him only if 120 was called in time", () => {
    const elderly = byId("elderly-alone");
    const found = (run: ReturnType<typeof drive>) => run.said[run.visited.indexOf("found")];
    expect(found(drive(elderly, strongWith(elderly, "guard-at-door", ["call-ambulance"])))).toContain("120的医生正在给他检查");
    const late = atOneTurn("police-arrive", strongWith(elderly, "police-arrive", ["call-ambulance"]), strongNever(elderly, ["call-ambulance"]));
    expect(found(drive(elderly, late))).toContain("120的车刚到楼下");
    const never = drive(elderly, strongNever(elderly, ["call-ambulance"]));
    expect(found(never)).toContain("咱们这边没叫120");
  });

  it("lift-entrapment: the 120 crew waits at the lift only if someone called 120", () => {
    const lift = byId("lift-entrapment");
    const rescued = (run: ReturnType<typeof drive>) => run.narrations[run.visited.indexOf("rescued")];
    expect(rescued(drive(lift, (turn) => strong(lift, turn)))).toContain("120的急救人员");
    // Never called, the call does not reach the rescue: she faints at minute 5 (the test above).
    expect(drive(lift, strongNever(lift, ["call-ambulance"])).visited).not.toContain("rescued");
  });

  it("lift-entrapment: a desk that calls 119 has the fire brigade open the doors 15 minutes later, and the rescue comes once", () => {
    const lift = byId("lift-entrapment");
    const strongRun = drive(lift, (turn) => strong(lift, turn));
    const with119 = drive(lift, strongWith(lift, "mother-dizzy", ["call-fire-service"]));
    const rescuedAt = (run: ReturnType<typeof drive>) => run.visited.indexOf("rescued");
    expect(rescuedAt(with119)).toBeGreaterThan(0);
    expect(rescuedAt(with119)).toBeLessThan(rescuedAt(strongRun));
    expect(with119.narrations[rescuedAt(with119)]).toContain("消防救援人员赶到");
    expect(strongRun.narrations[rescuedAt(strongRun)]).toContain("维保师傅");
    // The maintenance company arriving later does not open the doors a second time.
    expect(with119.visited.filter((t) => t === "rescued")).toHaveLength(1);
    expect(with119.ending).toBe("resolved");
  });
});

describe("a call's critical errors", () => {
  it("fire-lane: a clamp ordered at minute 5 is the critical error; the report it left no time for is not another", () => {
    const careless = ["知道了，你再打打看，打通了让他赶紧挪。", "行，锁上吧，让他长长记性。"];
    const clamped = play("fire-lane", (_turn, n) => ({ kind: "reply", text: careless[n - 1] ?? "好的。" }));
    expect(clamped.result.outcome).toBe("failed");
    expect(clamped.result.critical.map((c) => c.move)).toEqual(["order-lock-or-tow"]);
    // A call that runs its course and never reports it still fails for that.
    const fireLane = scenarios.find((s) => s.id === "fire-lane")!;
    const neverReported = drive(fireLane, strongNever(fireLane, ["report-to-authorities"]));
    expect(neverReported.context.critical.map((c) => c.move)).toContain("report-to-authorities");
  });
});

describe("answers come from the one asked", () => {
  it("fire-lane: a number asked in a reply to the guard is not given by the owner on her next line; asked of her, it is (round k61's writer)", () => {
    const fireLane = scenarios.find((s) => s.id === "fire-lane")!;
    const callback = Object.keys(fireLane.turns).find((t) => fireLane.turns[t].speaker === "owner")!;
    const asked = (answering: string) => ({
      ...initialContext(fireLane.startEmotion),
      last: { moves: ["ask-contact-number"], firstMoves: ["ask-contact-number"], answering, scores: { listening: 80, empathy: 80, wording: 80 } },
    });
    expect(sayingOf(fireLane.turns[callback], asked("guard")).line.zh).not.toContain("186 5709 2231");
    expect(sayingOf(fireLane.turns[callback], asked("owner")).line.zh).toMatch(/^我电话186 5709 2231。/);
  });

  const askedAt = (script: ScenarioScript, moves: string[], answering: string, visited: string[]) => ({
    ...initialContext(script.startEmotion),
    visited,
    movesMade: Object.fromEntries(moves.map((m) => [m, 1])),
    last: { moves, firstMoves: moves, answering, scores: { listening: 80, empathy: 80, wording: 80 } },
  });

  it("lift-entrapment: asked about his mother's health, the son says it on his next line and does not tell it again as news (round k71's writers)", () => {
    const lift = scenarios.find((s) => s.id === "lift-entrapment")!;
    const reply = play("lift-entrapment", (_turn, n) => ({
      kind: "reply",
      text: n === 1 ? "陈先生，我听到了。您在5栋几号梯，停在几楼？阿姨平时有没有高血压、心脏病？" : "好的。",
    }));
    expect(reply.turns[0].moves).toContain("ask-medical-history");
    expect(reply.turns[1].line.zh).toMatch(/^我妈有高血压，降压药没带在身上。/);
    const dizzy = lift.turns["mother-dizzy"];
    const later = { ...askedAt(lift, ["ask-medical-history"], "owner", ["alarm", "location", "doors", "who-is-coming"]), last: null };
    expect(sayingOf(dizzy, later).line.zh).not.toContain("高血压");
    // Never asked, he tells it himself when she turns dizzy; asked only now, he says it once, then the dizziness.
    expect(sayingOf(dizzy, { ...later, movesMade: {} }).line.zh).toContain("她有高血压");
    expect(sayingOf(dizzy, askedAt(lift, ["ask-medical-history"], "owner", ["alarm", "location", "who-is-coming"])).line.zh).toBe(
      "我妈有高血压，降压药没带在身上。我妈说头有点晕，心口发慌……这要不要紧啊？",
    );
  });

  it("elderly-alone: asked when she last saw him, Mrs Liu answers in the narration before the guard's report, never in his mouth", () => {
    const elderly = scenarios.find((s) => s.id === "elderly-alone")!;
    const atDoor = elderly.turns["guard-at-door"];
    const asked = sayingOf(atDoor, askedAt(elderly, ["ask-last-seen"], "neighbour", ["counter"]));
    expect(asked.narration?.zh).toMatch(/^刘阿姨想了想：“周六下午四点多/);
    expect(asked.narration?.zh).toContain("前台的对讲机响了");
    expect(asked.line.zh).toBe(atDoor.line.zh);
    // Asked about his health as well, she says both; asked of the guard, nobody answers for her.
    expect(sayingOf(atDoor, askedAt(elderly, ["ask-last-seen", "ask-health-history"], "neighbour", ["counter"])).narration?.zh).toContain("他心脏不好");
    expect(sayingOf(atDoor, askedAt(elderly, ["ask-last-seen"], "guard", ["counter"])).narration?.zh).not.toContain("刘阿姨");
  });

  it("burst-pipe: asked when the flat was handed over, she gives the year before going on (round k71's writer)", () => {
    const burstPipe = scenarios.find((s) => s.id === "burst-pipe")!;
    const reply = "泡了的橱柜地板您先拍照，我登记下来。谁来承担要看坏的那段管子和保修期，您家是哪年收的房？";
    expect(scoreReply(reply, turnExpectation(burstPipe, "repair-plan", { earlier: [], emotion: 40, madeBefore: [] })).moves).toContain("ask-handover-year");
    expect(sayingOf(burstPipe.turns["wrap-up"], askedAt(burstPipe, ["ask-handover-year"], "owner", ["opening", "repair-plan"])).line.zh).toMatch(
      /^房子是2019年交的。行吧/,
    );
  });

  it("noise-dispute: asked for his number as he leaves the counter, Mr He leaves it then, not a day late in his own words (round k71's writer)", () => {
    const noise = scenarios.find((s) => s.id === "noise-dispute")!;
    const nextDay = sayingOf(noise.turns.investigation, askedAt(noise, ["ask-contact-number"], "owner", ["opening", "went-up"]));
    expect(nextDay.narration?.zh).toMatch(/^何先生留下电话：137 7315 0426/);
    expect(nextDay.line.zh).not.toContain("137");
    // Asked at the first turn, he says it on his next line.
    expect(sayingOf(noise.turns["went-up"], askedAt(noise, ["ask-contact-number"], "owner", ["opening"])).line.zh).toMatch(/^我电话137 7315 0426/);
  });

  it("group-complaint: asked his appointment and his number in one reply, Mr Wang answers both before Mr Zhao's line (round k72's writer)", () => {
    const group = scenarios.find((s) => s.id === "group-complaint")!;
    const both = askedAt(group, ["ask-contact-number", "ask-appointment"], "wang", ["opening", "hospital"]);
    const zhaoNext = Object.values(group.turns).find((t) => t.speaker === "zhao")!;
    const said = sayingOf(zhaoNext, both);
    expect(said.narration?.zh).toContain("王大爷先报了：6栋2单元1101");
    expect(said.narration?.zh).toContain("王大爷说：“市一院，礼拜四上午");
    expect(said.line.zh).toMatch(/^702，赵，电话139 0688 5124/);
    // Only one asked, only that one is answered.
    expect(sayingOf(zhaoNext, askedAt(group, ["ask-appointment"], "wang", ["opening", "hospital"])).narration?.zh).not.toContain("1101");
  });

  it("thrown-object and renovation-noise: asked when it fell, or how her husband is, the owner says so (round k72's writer)", () => {
    const thrown = scenarios.find((s) => s.id === "thrown-object")!;
    const guardNext = Object.values(thrown.turns).find((t) => t.speaker === "guard")!;
    expect(sayingOf(guardNext, askedAt(thrown, ["ask-fall-time"], "owner", ["storms-in", "nobody-hurt"])).narration?.zh).toMatch(/^王先生说：“就十来分钟前/);
    const renovation = scenarios.find((s) => s.id === "renovation-noise")!;
    expect(sayingOf(renovation.turns["still-drilling"], askedAt(renovation, ["ask-how-unwell-now"], "neighbour", ["call"])).line.zh).toMatch(
      /^胸口倒没说闷，就是累，刚想睡会儿。你听听，又开始了！/,
    );
  });
});

describe("answers in the script", () => {
  it("reports an answer whose condition cannot hold together with a wording it would open", () => {
    const raw = parseYaml(readFileSync("scenarios/lift-entrapment.yaml", "utf8")) as { answers?: unknown[]; turns: Record<string, { lines?: unknown[] }> };
    raw.turns.doors.lines = [{ if: { visited: "location" }, zh: "门还是打不开。", en: "The door still won't open." }];
    raw.answers = [{ move: "ask-medical-history", speakers: ["owner"], if: { visited: "alarm" }, zh: "她有高血压。", en: "She has high blood pressure." }];
    const checked = scenarioProblems(raw, new Set(getLexicon().moves.map((m) => m.id)), new Set(getLexicon().acts.map((a) => a.id)));
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.problems.map(problemText)).toEqual(["answers[0].if: cannot hold together with the condition of turns.doors.lines[0] (both set visited)"]);
    // Its own kind, so the editor says what is wrong rather than "refers to something that is not there".
    if (!checked.ok) expect(checked.problems[0]).toMatchObject({ reason: "answer-condition-conflict", value: "visited" });
  });

  it("joins conditions that must both hold, narrowing who was answered and tightening thresholds", () => {
    expect(
      bothConditions(
        { movesMade: ["a"], answeringOneOf: ["x", "y"], emotionAtLeast: 40 },
        { movesMade: ["b"], answeringOneOf: ["y", "z"], emotionAtLeast: 60 },
      ),
    ).toEqual({
      condition: { movesMade: ["a", "b"], answeringOneOf: ["y"], emotionAtLeast: 60 },
    });
    expect(bothConditions({ answeringOneOf: ["x"] }, { answeringOneOf: ["y"] })).toEqual({ conflict: "answeringOneOf" });
    expect(bothConditions({ movesMissing: ["a"] }, { movesMissing: ["b"] })).toEqual({ conflict: "movesMissing" });
    expect(bothConditions({ visited: "t1" }, { visited: "t1", notVisited: "t2" })).toEqual({ condition: { visited: "t1", notVisited: "t2" } });
  });
});
