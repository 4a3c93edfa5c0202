import type { Messages } from "~/i18n/messages";

/** "Module: …", "Quiz: …" or "Scenario (assessment): …": an assignment's work as a trainer and a trainee read it. */
export function workLabel(m: Messages, kind: string, title: string, mode: string | null): string {
  if (kind === "module") return m["assign.kind.module"](title);
  if (kind === "quiz") return m["assign.kind.quiz"](title);
  return m["assign.kind.scenario"](title, mode === "assessment" ? m["practice.mode.assessment"] : m["practice.mode.practice"]);
}
