import { CHINA_UTC_OFFSET } from "~/utils/dates";

/**
 * Assignment status, pure: an assignment is done when the work was completed after it was assigned, overdue when
 * its due date has passed without that, and due otherwise.
 */

export type AssignmentState = "done" | "overdue" | "due";

export function assignmentState(assignedAt: string, dueAt: string, completedAt: string | null, now: Date): AssignmentState {
  if (completedAt && completedAt >= assignedAt) return "done";
  return now.toISOString() > dueAt ? "overdue" : "due";
}

/** The end of a due date (23:59:59.999 China Standard Time), as an ISO instant. */
export function endOfDueDate(date: string): string {
  return new Date(`${date}T23:59:59.999${CHINA_UTC_OFFSET}`).toISOString();
}

/** Whether a due date (yyyy-mm-dd) is today or later in China Standard Time. */
export function isDueDateAcceptable(date: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(new Date(`${date}T00:00:00${CHINA_UTC_OFFSET}`).getTime())) return false;
  return endOfDueDate(date) >= now.toISOString();
}
