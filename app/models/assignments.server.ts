import { randomBytes } from "node:crypto";
import { assignmentState, completionOf, type AssignmentState, type WorkDone } from "~/assignments/status";
import { standingOf } from "~/roleplay/adjusted";
import { assignmentsFile, quizAttemptsFile, userRecordsFile } from "~/store/db.server";
import type { AssignmentRow } from "~/store/schema";
import { listUsers, type User } from "./users.server";
import { allAttempts } from "./roleplay.server";

export type Assignment = AssignmentRow;

export interface NewAssignment {
  kind: AssignmentRow["kind"];
  target: string;
  mode: AssignmentRow["mode"];
  audience: AssignmentRow["audience"];
  dueAt: string;
  note: string;
}

export async function createAssignment(input: NewAssignment, by: User, now: Date): Promise<Assignment> {
  const file = await assignmentsFile();
  const row: AssignmentRow = {
    ...input,
    id: randomBytes(9).toString("base64url"),
    createdById: by.id,
    createdByName: by.displayName,
    createdAt: now.toISOString(),
    cancelledAt: null,
    remindedAt: [],
  };
  return file.update((data) => {
    data.assignments.push(row);
    return structuredClone(row);
  });
}

export async function getAssignment(id: string): Promise<Assignment | null> {
  const file = await assignmentsFile();
  const row = file.data.assignments.find((a) => a.id === id);
  return row ? structuredClone(row) : null;
}

export async function cancelAssignment(id: string, now: Date): Promise<boolean> {
  const file = await assignmentsFile();
  return file.update((data) => {
    const row = data.assignments.find((a) => a.id === id && !a.cancelledAt);
    if (!row) return false;
    row.cancelledAt = now.toISOString();
    return true;
  });
}

/** Records a reminder; trainees see "reminded" with the date on their home page. */
export async function remindAssignment(id: string, now: Date): Promise<boolean> {
  const file = await assignmentsFile();
  return file.update((data) => {
    const row = data.assignments.find((a) => a.id === id && !a.cancelledAt);
    if (!row) return false;
    row.remindedAt.push(now.toISOString());
    return true;
  });
}

/** What a trainee has achieved, from their own files: what the assignment rule (assignments/status.ts) reads. */
export async function workDoneBy(userId: string): Promise<WorkDone> {
  const [records, quizzes, attempts] = await Promise.all([userRecordsFile(userId), quizAttemptsFile(userId), allAttempts(userId)]);
  return {
    modulesCompleted: Object.fromEntries(
      Object.entries(records.data.progress).flatMap(([slug, p]) => (p.completedAt ? [[slug, p.completedAt] as [string, string]] : [])),
    ),
    quizPasses: quizzes.data.quizAttempts.filter((q) => q.result?.passed && q.submittedAt).map((q) => ({ quiz: q.quiz, at: q.submittedAt! })),
    calls: attempts
      .filter((a) => a.status === "finished" && a.result && a.finishedAt)
      .map((a) => ({ scenarioId: a.scenarioId, mode: a.mode, passed: standingOf(a.result!, a.adjustments).passed, at: a.finishedAt! })),
  };
}

/** The trainees an assignment is for (a team's active trainees now, or the one trainee). */
export function audienceOf(assignment: Assignment, users: readonly User[]): User[] {
  const { audience } = assignment;
  return users.filter((u) => u.active && u.role === "trainee" && (audience.type === "trainee" ? u.id === audience.userId : u.teamId === audience.teamId));
}

export interface AssignmentProgress {
  assignment: Assignment;
  trainees: Array<{ userId: string; displayName: string; state: AssignmentState; completedAt: string | null }>;
}

/** Open (not cancelled) assignments for the given teams, each with every trainee's state. */
export async function listAssignmentProgress(teamIds: readonly string[], now: Date): Promise<AssignmentProgress[]> {
  const [file, users] = await Promise.all([assignmentsFile(), listUsers()]);
  const teamOf = new Map(users.map((u) => [u.id, u.teamId]));
  const relevant = file.data.assignments.filter(
    (a) => !a.cancelledAt && (a.audience.type === "team" ? teamIds.includes(a.audience.teamId) : teamIds.includes(teamOf.get(a.audience.userId) ?? "")),
  );
  const doneBy = new Map<string, WorkDone>();
  const out: AssignmentProgress[] = [];
  for (const assignment of relevant) {
    const trainees = [];
    for (const u of audienceOf(assignment, users)) {
      if (!doneBy.has(u.id)) doneBy.set(u.id, await workDoneBy(u.id));
      const completedAt = completionOf(assignment, doneBy.get(u.id)!);
      trainees.push({ userId: u.id, displayName: u.displayName, completedAt, state: assignmentState(assignment.dueAt, completedAt, now) });
    }
    out.push({ assignment: structuredClone(assignment), trainees });
  }
  return out.sort((a, b) => a.assignment.dueAt.localeCompare(b.assignment.dueAt));
}

/** A trainee's own assignments with their state, soonest due first. */
export async function assignmentsForTrainee(user: User, now: Date) {
  const file = await assignmentsFile();
  const mine = file.data.assignments.filter(
    (a) => !a.cancelledAt && (a.audience.type === "team" ? a.audience.teamId === user.teamId : a.audience.userId === user.id),
  );
  const done = await workDoneBy(user.id);
  const out = [];
  for (const a of mine) {
    const completedAt = completionOf(a, done);
    out.push({ assignment: structuredClone(a), completedAt, state: assignmentState(a.dueAt, completedAt, now) });
  }
  return out.sort((x, y) => x.assignment.dueAt.localeCompare(y.assignment.dueAt));
}
