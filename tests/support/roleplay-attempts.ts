import { beforeEach } from "vitest";
import type { ScenarioScript } from "~/roleplay/script";
import type { User } from "~/models/users.server";
import { playTurn, startAttempt } from "~/models/roleplay.server";
import type { StoreKind } from "~/store/config.server";
import { query } from "~/store/postgres/pool.server";
import { withTempDataDir } from "./data-dir";
import { useStore } from "./stores";

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

/** The teams the role-play model tests name (team000001 …), and the one the people below belong to. */
const TEST_TEAMS = ["team000001", "team000002", "team000003", "team000004", "team000005", "team000009"];

/**
 * For the role-play model tests, on both stores: an empty store for each test (tests/support/stores.ts). On
 * PostgreSQL, where every attempt belongs to a stored trainee and every comment to a stored trainer (foreign
 * keys; lowdb never checked), the test teams and the people with the fixed ids the tests use are stored first
 * (trainees on team000009, so no team's list meets them); and a DATA_DIR of its own holds what the models of
 * other groups still keep in lowdb on this branch (certificates, a trainee's records).
 */
export function useAttemptStore(store: StoreKind, people: { trainees?: string[]; trainers?: string[] } = {}): void {
  useStore(store);
  if (store !== "postgres") return;
  withTempDataDir();
  beforeEach(async () => {
    const at = "2026-11-01T00:00:00Z";
    for (const id of TEST_TEAMS) await query("INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)", [id, `测试项目${id.slice(-1)}`, at]);
    const rows = [
      ...(people.trainees ?? []).map((id) => [id, "trainee", "team000009"]),
      ...[testTrainer.id, ...(people.trainers ?? [])].map((id) => [id, "trainer", testTrainer.teamId]),
    ];
    for (const [id, role, teamId] of rows)
      await query(
        `INSERT INTO users (id, username, display_name, role, team_id, password_hash, active, created_at, updated_at)
         VALUES ($1, $1, $1, $2, $3, 'not-a-password-hash', true, $4, $4)`,
        [id, role, teamId, at],
      );
  });
}
