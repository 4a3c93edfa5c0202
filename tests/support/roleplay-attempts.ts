import type { ScenarioScript } from "~/roleplay/script";
import type { User } from "~/models/users.server";
import { playTurn, startAttempt } from "~/models/roleplay.server";

/** For tests: starts a call and answers rudely until it ends; returns the attempt's id. */
export async function finishRudely(userId: string, script: ScenarioScript, mode: "practice" | "assessment", at: Date): Promise<string> {
  const attempt = await startAttempt(userId, script, mode, at);
  for (let n = 1, status = "active"; status === "active" && n < 20; n++) {
    const outcome = await playTurn(userId, attempt.id, n, { kind: "reply", text: "喂，急什么，这不是我们的责任。" }, script, at);
    if (!outcome.ok) throw new Error(outcome.error);
    status = outcome.attempt.status;
  }
  return attempt.id;
}

/** For tests: starts a call and types the best authored reply to every line until it ends; returns the attempt's id. */
export async function finishWell(userId: string, script: ScenarioScript, mode: "practice" | "assessment", at: Date): Promise<string> {
  const attempt = await startAttempt(userId, script, mode, at);
  let state = attempt.state;
  for (let n = 1, status = "active"; status === "active" && n < 20; n++) {
    const best = [...script.turns[state].suggestions].sort((x, y) => total(y) - total(x))[0];
    const outcome = await playTurn(userId, attempt.id, n, { kind: "reply", text: best.text }, script, at);
    if (!outcome.ok) throw new Error(outcome.error);
    status = outcome.attempt.status;
    state = outcome.attempt.state;
  }
  return attempt.id;
}

const total = (s: { scores: { listening: number; empathy: number; wording: number } }) => s.scores.listening + s.scores.empathy + s.scores.wording;

/** The trainer who reviews and coaches calls in the model tests. */
export const testTrainer: User = {
  id: "trainer001",
  username: "trainer",
  displayName: "王建国",
  role: "trainer",
  teamId: "team000001",
  active: true,
  usesDemoPassword: false,
  mustChangePassword: false,
  createdAt: "2026-11-01T00:00:00Z",
};
