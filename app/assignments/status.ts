import { FINAL_EXAM } from "~/quiz/ids";
import { CHINA_UTC_OFFSET } from "~/utils/dates";

/**
 * Assignment status, pure, one rule for every kind of work: a task is done once the trainee has done that work,
 * whenever it was: a module read to the end, the quiz (or the final exam, which covers every module quiz) passed, an
 * assessment call of the scenario passed, a practice call of it finished. Work done before the task was set counts
 * too: a trainer assigning what a trainee has already achieved sees it done, not asked for again. A task not done is
 * overdue once its due date has passed, and due until then. The pages say this rule in one line (`assign.doneRule`).
 */

export type AssignmentState = "done" | "overdue" | "due";

/** What a trainee has achieved, each with when: what the rule reads. */
export interface WorkDone {
  /** Module slug → when it was completed. */
  modulesCompleted: Readonly<Record<string, string>>;
  quizPasses: ReadonlyArray<{ quiz: string; at: string }>;
  /** Finished role-play calls, `passed` as every page shows it (after a trainer's adjustment). */
  calls: ReadonlyArray<{ scenarioId: string; mode: "practice" | "assessment"; passed: boolean; at: string }>;
}

/** The work an assignment asks for. */
export interface AssignedWork {
  kind: "module" | "quiz" | "scenario";
  target: string;
  mode: "practice" | "assessment" | null;
}

/** When the trainee first did the assigned work, or null if they have not. */
export function completionOf(work: AssignedWork, done: WorkDone): string | null {
  const earliest = (list: string[]) => [...list].sort()[0] ?? null;
  switch (work.kind) {
    case "module":
      return done.modulesCompleted[work.target] ?? null;
    case "quiz":
      return earliest(done.quizPasses.filter((q) => q.quiz === work.target || q.quiz === FINAL_EXAM).map((q) => q.at));
    case "scenario":
      return earliest(
        done.calls.filter((c) => c.scenarioId === work.target && (!work.mode || c.mode === work.mode) && (c.mode === "practice" || c.passed)).map((c) => c.at),
      );
  }
}

export function assignmentState(dueAt: string, completedAt: string | null, now: Date): AssignmentState {
  if (completedAt) return "done";
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
