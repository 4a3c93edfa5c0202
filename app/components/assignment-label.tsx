import { useMessages } from "~/i18n/use-messages";

/** "Module: …", "Quiz: …" or "Scenario (assessment): …". */
export function AssignmentLabel({ kind, title, mode }: { kind: string; title: string; mode: string | null }) {
  const m = useMessages();
  if (kind === "module") return <>{m["assign.kind.module"](title)}</>;
  if (kind === "quiz") return <>{m["assign.kind.quiz"](title)}</>;
  return <>{m["assign.kind.scenario"](title, mode === "assessment" ? m["practice.mode.assessment"] : m["practice.mode.practice"])}</>;
}

export function assignmentHref(kind: string, target: string, mode: string | null): string {
  if (kind === "module") return `/learn/${target}`;
  if (kind === "quiz") return `/quiz/${target}`;
  return `/practice/${target}?mode=${mode ?? "practice"}`;
}
