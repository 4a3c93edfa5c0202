import type { AttemptOverview, IssueFound } from "~/store/attempt-overview";
import { readAttempt } from "~/store/attempt-logs.server";
import type { UserRow } from "~/store/schema";
import type { EndedCall, TeamViewsBackend, TraineeAchievements, TraineeScope } from "../store-backends";
import { lowdbAssignments } from "./assignments.server";
import { lowdbCertificates } from "./certificates.server";
import { lowdbQuizAttempts } from "./quizzes.server";
import { lowdbRecords } from "./records.server";
import { lowdbAttempts } from "./roleplay.server";
import { lowdbUsers } from "./users.server";

/** The trainees in scope, from users.json in its order. */
async function traineesIn(scope: TraineeScope): Promise<UserRow[]> {
  return (await lowdbUsers.list()).filter(
    (u) => u.role === "trainee" && scope.teamIds.includes(u.teamId) && (!scope.userId || u.id === scope.userId) && (!scope.activeOnly || u.active),
  );
}

/** A trainee's calls that have ended, no draft tries, in the order they ended (as models/roleplay.server.ts allAttempts lists them). */
async function endedOf(userId: string): Promise<AttemptOverview[]> {
  const all = (await lowdbAttempts.overviews(userId)).filter((a) => !a.draft && a.status !== "active");
  return all.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
}

const toEndedCall = (userId: string, a: AttemptOverview): EndedCall => ({
  id: a.id,
  userId,
  scenarioId: a.scenarioId,
  mode: a.mode,
  status: a.status as EndedCall["status"],
  updatedAt: a.updatedAt,
  finishedAt: a.finishedAt,
  result: a.result,
  adjustments: a.adjustments,
  comments: a.comments.length,
  disputes: a.disputes?.length ?? 0,
  reviewMark: Boolean(a.reviewMark),
});

/**
 * The team views in lowdb: the trainees from users.json, then each trainee's own files one after the other (their
 * records, quiz attempts and attempt logs, whose overviews stay in memory), as the models read them before.
 */
export const lowdbTeamViews: TeamViewsBackend = {
  async trainees(scope) {
    return (await traineesIn(scope)).map((u) => ({ ...u }));
  },
  async achievements(scope) {
    const out = new Map<string, TraineeAchievements>();
    for (const t of await traineesIn(scope)) {
      const [progress, quizPasses, certificates] = await Promise.all([
        lowdbRecords.progress(t.id),
        lowdbQuizAttempts.passes(t.id),
        lowdbCertificates.ofUser(t.id),
      ]);
      out.set(t.id, {
        modulesCompleted: Object.fromEntries(
          Object.entries(progress).flatMap(([slug, p]) => (p.completedAt ? [[slug, p.completedAt] as [string, string]] : [])),
        ),
        quizPasses,
        certificates: certificates.map(({ id, issuedAt, expiresAt }) => ({ id, issuedAt, expiresAt })),
      });
    }
    return out;
  },
  async progress(scope) {
    const out = new Map<string, Awaited<ReturnType<typeof lowdbRecords.progress>>>();
    for (const t of await traineesIn(scope)) out.set(t.id, await lowdbRecords.progress(t.id));
    return out;
  },
  async endedCalls(scope, only = {}) {
    const out: EndedCall[] = [];
    for (const t of await traineesIn(scope)) {
      for (const a of await endedOf(t.id)) {
        if (only.scenarioId && a.scenarioId !== only.scenarioId) continue;
        if (only.mode && a.mode !== only.mode) continue;
        out.push(toEndedCall(t.id, a));
      }
    }
    return out;
  },
  async issuesFound(scope) {
    const counted = new Map<string, IssueFound & { count: number }>();
    for (const t of await traineesIn(scope)) {
      for (const a of await endedOf(t.id)) {
        if (a.status !== "finished" || !a.result) continue;
        for (const f of a.issues) {
          const key = `${f.rule}\u0000${f.message.zh}\u0000${f.dimension}`;
          const entry = counted.get(key);
          if (entry) entry.count += 1;
          else counted.set(key, { dimension: f.dimension, rule: f.rule, message: { ...f.message }, count: 1 });
        }
      }
    }
    return [...counted.values()];
  },
  async openAssignments(scope) {
    const trainees = new Set((await traineesIn(scope)).map((t) => t.id));
    return (await lowdbAssignments.open()).filter((a) =>
      a.audience.type === "team" ? scope.teamIds.includes(a.audience.teamId) : trainees.has(a.audience.userId),
    );
  },
  async correctedCalls(scope) {
    const out = [];
    for (const t of await traineesIn(scope)) {
      for (const overview of await endedOf(t.id)) {
        if (!overview.adjustments.length && !(overview.disputes ?? []).length) continue;
        const attempt = await readAttempt(overview.id);
        if (attempt) out.push(attempt);
      }
    }
    return out;
  },
};
