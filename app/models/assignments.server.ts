import { randomBytes } from "node:crypto";
import { assignmentState, completionOf, type AssignmentState, type WorkDone } from "~/assignments/status";
import { standingOf } from "~/roleplay/adjusted";
import { quizAttemptsStore } from "./quiz-attempts-store.server";
import type { AssignmentRow } from "~/store/schema";
import { listUsers, type User } from "./users.server";
import { allAttempts } from "./roleplay.server";
import { assignmentsStore, recordsStore } from "./records-store.server";
import { modulesCompletedIn } from "./certificates.server";
import type { CallFacts, TraineeAchievements } from "./store-backends";
import { byTrainee, nothingAchieved, teamViewsStore } from "./team-views-store.server";
import { listTeams, type Team } from "./teams.server";
import { workTitle } from "./work-catalog.server";
import { workLabel } from "~/assignments/label";
import type { Lang } from "~/i18n/lang";
import { messagesFor } from "~/i18n/messages";
import { formatDate } from "~/utils/dates";

export type Assignment = AssignmentRow;

export interface NewAssignment {
  kind: AssignmentRow["kind"];
  target: string;
  mode: AssignmentRow["mode"];
  audience: AssignmentRow["audience"];
  dueAt: string;
  note: string;
}

export type CreateAssignmentResult = { ok: true; assignment: Assignment } | { ok: false; error: "duplicate"; existing: Assignment };

/** Assigns work, unless the same work is already open for the same trainee or team with the same due date. */
export async function createAssignment(input: NewAssignment, by: User, now: Date): Promise<CreateAssignmentResult> {
  const row: AssignmentRow = {
    ...input,
    id: randomBytes(9).toString("base64url"),
    createdById: by.id,
    createdByName: by.displayName,
    createdAt: now.toISOString(),
    cancelledAt: null,
    remindedAt: [],
  };
  // Checked by the store in the same step as the adding, so two submissions at once (to any servers) cannot both pass.
  const existing = await assignmentsStore().insertUnlessOpen(row);
  return existing ? { ok: false, error: "duplicate", existing } : { ok: true, assignment: structuredClone(row) };
}

export async function getAssignment(id: string): Promise<Assignment | null> {
  return assignmentsStore().get(id);
}

export async function cancelAssignment(id: string, now: Date): Promise<boolean> {
  return assignmentsStore().cancel(id, now.toISOString());
}

export type RestoreAssignmentResult = { ok: true } | { ok: false; error: "not-cancelled" } | { ok: false; error: "duplicate"; existing: Assignment };

/** Undoes a cancellation: the assignment is open again with its due date, unless the same work has been assigned since. */
export async function restoreAssignment(id: string): Promise<RestoreAssignmentResult> {
  return assignmentsStore().restore(id);
}

/** Records a reminder; trainees see "reminded" with the date on their home page. */
export async function remindAssignment(id: string, now: Date): Promise<boolean> {
  return assignmentsStore().remind(id, now.toISOString());
}

/** Whom an assignment is for, by name: the team, or the trainee. */
export function audienceName(audience: AssignmentRow["audience"], teams: readonly Team[], users: readonly User[]): string {
  return audience.type === "team"
    ? (teams.find((t) => t.id === audience.teamId)?.name ?? "")
    : (users.find((u) => u.id === audience.userId)?.displayName ?? "");
}

/** An assignment as a trainer's messages name it: what, for whom, due when. */
export async function describeAssignment(assignment: Assignment, lang: Lang): Promise<{ what: string; who: string; due: string }> {
  const [teams, users] = await Promise.all([listTeams(), listUsers()]);
  const { kind, target, mode } = assignment;
  return {
    what: workLabel(messagesFor(lang), kind, workTitle(kind, target, mode, lang), mode),
    who: audienceName(assignment.audience, teams, users),
    due: formatDate(assignment.dueAt, lang),
  };
}

/** What a trainee has achieved, from their modules and quizzes and their calls (no draft tries): what the assignment rule (assignments/status.ts) reads. */
export function workDoneFrom(achieved: Pick<TraineeAchievements, "modulesCompleted" | "quizPasses">, calls: ReadonlyArray<CallFacts>): WorkDone {
  return {
    modulesCompleted: achieved.modulesCompleted,
    quizPasses: achieved.quizPasses,
    calls: calls
      .filter((a) => a.status === "finished" && a.result && a.finishedAt)
      .map((a) => ({ scenarioId: a.scenarioId, mode: a.mode, passed: standingOf(a.result!, a.adjustments).passed, at: a.finishedAt! })),
  };
}

/** What a trainee has achieved, from their own files: what the assignment rule (assignments/status.ts) reads. */
export async function workDoneBy(userId: string): Promise<WorkDone> {
  const [progress, quizPasses, attempts] = await Promise.all([recordsStore().progress(userId), quizAttemptsStore().passes(userId), allAttempts(userId)]);
  return workDoneFrom({ modulesCompleted: modulesCompletedIn(progress), quizPasses }, attempts);
}

/** The trainees an assignment is for (a team's active trainees now, or the one trainee). */
export function audienceOf<U extends Pick<User, "id" | "teamId" | "active" | "role">>(assignment: Assignment, users: readonly U[]): U[] {
  const { audience } = assignment;
  return users.filter((u) => u.active && u.role === "trainee" && (audience.type === "trainee" ? u.id === audience.userId : u.teamId === audience.teamId));
}

/**
 * `audienceOf` for many assignments over the same users: each assignment's audience is looked for among the users
 * it can be (its team's, or the one trainee), not among all of them.
 */
export function audienceFinder<U extends Pick<User, "id" | "teamId" | "active" | "role">>(users: readonly U[]): (assignment: Assignment) => U[] {
  const byTeam = new Map<string, U[]>();
  const byId = new Map<string, U>();
  for (const u of users) {
    const team = byTeam.get(u.teamId);
    if (team) team.push(u);
    else byTeam.set(u.teamId, [u]);
    byId.set(u.id, u);
  }
  return (assignment) => {
    const { audience } = assignment;
    const candidates = audience.type === "team" ? (byTeam.get(audience.teamId) ?? []) : [byId.get(audience.userId)].filter((u): u is U => u !== undefined);
    return audienceOf(assignment, candidates);
  };
}

export interface AssignmentProgress {
  assignment: Assignment;
  trainees: Array<{ userId: string; displayName: string; state: AssignmentState; completedAt: string | null }>;
}

/** The assignments for the given teams (to the team, or to one of its trainees). */
async function assignmentsOfTeams(teamIds: readonly string[], users: readonly User[]): Promise<AssignmentRow[]> {
  const members = users.filter((u) => teamIds.includes(u.teamId)).map((u) => u.id);
  return assignmentsStore().forAudiences(teamIds, members);
}

/** Cancelled assignments for the given teams, the latest cancelled first: what a trainer can restore. */
export async function listCancelledAssignments(teamIds: readonly string[]): Promise<Assignment[]> {
  const cancelled = (await assignmentsOfTeams(teamIds, await listUsers())).filter((a) => a.cancelledAt);
  return cancelled.sort((a, b) => b.cancelledAt!.localeCompare(a.cancelledAt!));
}

/** Open (not cancelled) assignments for the given teams, each with every trainee's state. */
export async function listAssignmentProgress(teamIds: readonly string[], now: Date): Promise<AssignmentProgress[]> {
  const users = await listUsers();
  const relevant = (await assignmentsOfTeams(teamIds, users)).filter((a) => !a.cancelledAt);
  if (!relevant.length) return [];
  // What every active trainee of the teams has done, read for all of them at once (the trainees assignments are for).
  const scope = { teamIds, activeOnly: true };
  const [achievements, calls] = await Promise.all([teamViewsStore().achievements(scope), teamViewsStore().endedCalls(scope)]);
  const callsBy = byTrainee(calls);
  const doneBy = new Map<string, WorkDone>();
  const workDoneOf = (userId: string) => {
    let done = doneBy.get(userId);
    if (!done) doneBy.set(userId, (done = workDoneFrom(achievements.get(userId) ?? nothingAchieved(), callsBy.get(userId) ?? [])));
    return done;
  };
  const audience = audienceFinder(users);
  const out: AssignmentProgress[] = [];
  for (const assignment of relevant) {
    const trainees = [];
    for (const u of audience(assignment)) {
      const completedAt = completionOf(assignment, workDoneOf(u.id));
      trainees.push({ userId: u.id, displayName: u.displayName, completedAt, state: assignmentState(assignment.dueAt, completedAt, now) });
    }
    out.push({ assignment, trainees });
  }
  return out.sort((a, b) => a.assignment.dueAt.localeCompare(b.assignment.dueAt));
}

/** A trainee's own assignments with their state, soonest due first. */
export async function assignmentsForTrainee(user: User, now: Date) {
  const mine = await assignmentsStore().openFor(user.id, user.teamId);
  const done = await workDoneBy(user.id);
  const out = [];
  for (const a of mine) {
    const completedAt = completionOf(a, done);
    out.push({ assignment: a, completedAt, state: assignmentState(a.dueAt, completedAt, now) });
  }
  return out.sort((x, y) => x.assignment.dueAt.localeCompare(y.assignment.dueAt));
}
