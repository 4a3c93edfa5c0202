import { workLabel } from "~/assignments/label";
import { useMessages } from "~/i18n/use-messages";

/** "Module: …", "Quiz: …" or "Scenario (assessment): …". */
export function AssignmentLabel({ kind, title, mode }: { kind: string; title: string; mode: string | null }) {
  return <>{workLabel(useMessages(), kind, title, mode)}</>;
}

export function assignmentHref(kind: string, target: string, mode: string | null): string {
  if (kind === "module") return `/learn/${target}`;
  if (kind === "quiz") return `/quiz/${target}`;
  return `/practice/${target}?mode=${mode ?? "practice"}`;
}
