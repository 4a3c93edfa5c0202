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
