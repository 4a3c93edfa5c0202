// One trainee's whole record, the one view a supervisor and the trainee's trainers open: certification, reading,
// quizzes, calls, tasks and coaching.
import type { Lang } from "~/i18n/lang";
import { scenarioTitle } from "~/roleplay/scenario-files.server";
import { assignmentsForTrainee } from "./assignments.server";
import { getCertificationStatus, listCertificates } from "./certificates.server";
import { listModulesWithStatus } from "./progress.server";
import { listQuizzesFor } from "./quizzes.server";
import { coachingNotes, listTeamAttempts } from "./review.server";
import { getTeam } from "./teams.server";
import type { User } from "./users.server";
import { workTitle } from "./work-catalog.server";

export async function traineeRecord(trainee: User, lang: Lang, now: Date) {
  const [status, certificates, modules, quizzes, attempts, assignments, coaching, team] = await Promise.all([
    getCertificationStatus(trainee.id, now),
    listCertificates(trainee.id),
    listModulesWithStatus(trainee.id, lang),
    listQuizzesFor(trainee.id, now),
    listTeamAttempts([trainee.teamId], { userId: trainee.id }),
    assignmentsForTrainee(trainee, now),
    coachingNotes(trainee.id),
    getTeam(trainee.teamId),
  ]);
  return {
    userId: trainee.id,
    name: trainee.displayName,
    username: trainee.username,
    active: trainee.active,
    team: team?.name ?? "",
    certification: { state: status.state, expiresAt: status.latest?.expiresAt ?? null, done: status.done, total: status.total },
    certificates: certificates.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).map((c) => ({ id: c.id, issuedAt: c.issuedAt, expiresAt: c.expiresAt })),
    reading: modules.map((mod) => ({
      slug: mod.slug,
      title: `${mod.order}. ${mod.title}`,
      state: mod.status.state,
      read: mod.status.read,
      total: mod.status.total,
      completedAt: mod.status.completedAt,
    })),
    // The quizzes taken, by title: the codes (service-overview, final) are for URLs only.
    quizzes: quizzes
      .filter((q) => q.lastSubmitted?.result)
      .map((q) => ({
        quiz: q.quiz,
        title: workTitle("quiz", q.quiz, null, lang),
        passed: q.passedEver,
        lastPercent: q.lastSubmitted!.result!.percent,
        lastAt: q.lastSubmitted!.submittedAt!,
      })),
    attempts: attempts.map((a) => ({ ...a, title: scenarioTitle(a.scenarioId, lang) })),
    assignments: assignments.map(({ assignment: a, state, completedAt }) => ({
      id: a.id,
      kind: a.kind,
      mode: a.mode,
      title: workTitle(a.kind, a.target, a.mode, lang),
      dueAt: a.dueAt,
      by: a.createdByName,
      state,
      completedAt,
    })),
    coaching: coaching.sort((x, y) => y.at.localeCompare(x.at)).map(({ isNew: _isNew, ...note }) => ({ ...note, title: scenarioTitle(note.scenarioId, lang) })),
  };
}

export type TraineeRecord = Awaited<ReturnType<typeof traineeRecord>>;
