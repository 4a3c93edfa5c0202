import type { AssignmentRow } from "~/store/schema";

type Work = Pick<AssignmentRow, "kind" | "target" | "mode" | "audience" | "dueAt">;

/**
 * The same work for the same trainee or team, due the same day: giving it twice would only show it twice. (On
 * PostgreSQL the unique index assignments_open_work_key says the same of open assignments.)
 */
export function isSameWork(a: Work, b: Work): boolean {
  const audience = (x: AssignmentRow["audience"]) => (x.type === "team" ? `team:${x.teamId}` : `trainee:${x.userId}`);
  return a.kind === b.kind && a.target === b.target && a.mode === b.mode && audience(a.audience) === audience(b.audience) && a.dueAt === b.dueAt;
}

/** The open assignment that is the same work as `work` (another one than `work` itself), if there is one. */
export function openDuplicateOf(assignments: readonly AssignmentRow[], work: Work & { id?: string }): AssignmentRow | undefined {
  return assignments.find((a) => !a.cancelledAt && a.id !== work.id && isSameWork(a, work));
}
