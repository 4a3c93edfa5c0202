import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { createRoleplayMachine } from "~/roleplay/machine";
import { answerTurn, startRoleplay, type Answer, type TurnRecord } from "~/roleplay/runner";
import { judgeAttempt } from "~/roleplay/result";
import { scoreReply } from "./scorer";
import path from "node:path";

/** Plays a scenario with a strategy that picks each answer, as the server would, and judges the result. */
export function play(id: string, pick: (turn: string, n: number) => Answer) {
  const script = readScenarioFile(path.resolve("scenarios", `${id}.yaml`));
  const machine = createRoleplayMachine(script);
  let step = startRoleplay(machine);
  const visited = [step.state];
  const spoken = [...step.spoken];
  const turns: TurnRecord[] = [];
  while (!step.ended) {
    const { step: next, record } = answerTurn(
      script,
      machine,
      step.snapshot,
      pick(step.state, turns.length + 1),
      scoreReply,
      turns.length + 1,
      new Date(),
      turns.map((t) => t.line.zh),
    );
    turns.push(record);
    step = next;
    visited.push(step.state);
    spoken.push(...step.spoken);
    if (turns.length > 40) throw new Error("runaway scenario");
  }
  return { script, visited, spoken, turns, result: judgeAttempt(script, step.state, step.context, turns) };
}
