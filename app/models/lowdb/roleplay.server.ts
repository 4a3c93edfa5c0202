import { attemptOwner, createAttemptLog, overviewsOf, readAttempt, withAttemptLog } from "~/store/attempt-logs.server";
import type { AttemptsBackend } from "../store-backends";
import { lowdbUsers } from "./users.server";

/**
 * Role-play attempts in lowdb: a log of events per attempt (store/attempt-logs.server.ts, written through the
 * writer thread and its journal), each trainee's overviews kept in memory. A change of an attempt runs alone on it
 * (the log's queue in this process): a turn is checked, played on the engine and appended in one go.
 */
export const lowdbAttempts: AttemptsBackend = {
  async overviews(userId) {
    return [...(await overviewsOf(userId)).values()];
  },
  async overview(attemptId) {
    const userId = attemptOwner(attemptId);
    return userId ? ((await overviewsOf(userId)).get(attemptId) ?? null) : null;
  },
  async placeOf(attemptId) {
    const userId = attemptOwner(attemptId);
    if (!userId || !(await lowdbUsers.exists(userId))) return null;
    const attempt = (await overviewsOf(userId)).get(attemptId);
    return attempt ? { userId, scenarioId: attempt.scenarioId, mode: attempt.mode } : null;
  },
  get: (attemptId) => readAttempt(attemptId),
  async active(userId, scenarioId, mode) {
    const active = [...(await overviewsOf(userId)).values()].find((a) => a.scenarioId === scenarioId && a.mode === mode && a.status === "active");
    return active ? readAttempt(active.id) : null;
  },
  async start(_userId, attempt) {
    // The model starts a trainee's attempts one at a time in this process, after looking for one in progress.
    await createAttemptLog(attempt);
    return (await readAttempt(attempt.id))!;
  },
  async playTurn(attemptId, play) {
    return withAttemptLog(attemptId, async (attempt, append) => {
      const decided = await play(attempt);
      if ("refused" in decided) return decided.refused;
      return decided.outcome(await append(...decided.events));
    });
  },
  async abandon(attemptId, at) {
    const done = await withAttemptLog(attemptId, async (attempt, append) => {
      if (attempt.status !== "active") return false;
      await append({ t: "end", at, status: "abandoned", result: null });
      return true;
    });
    return done?.result ?? false;
  },
  async changeEnded(attemptId, decide) {
    const done = await withAttemptLog(attemptId, async (attempt, append) => {
      if (attempt.status === "active") return null;
      const { result, event } = decide(attempt);
      if (event) await append(event);
      return { result };
    });
    return done?.result ?? null;
  },
};
