import type { Localised } from "~/roleplay/script";
import type { Dimension } from "~/scoring/types";
import type { AttemptRow } from "./schema";

/** An issue the scorer found in one of the attempt's replies (strengths and zero-point issues are left out). */
export interface IssueFound {
  dimension: Dimension;
  rule: string;
  message: Localised;
}

/**
 * What lists, dashboards and certification need of a role-play attempt: all of it but the machine snapshot and the
 * transcript, with the issues found in the transcript kept for the weak-skills table. A finished attempt's
 * transcript (most of its size) stays in its own file and is read only when someone opens that attempt, so the
 * server's memory does not grow with every call ever played.
 */
export interface AttemptOverview extends Omit<AttemptRow, "snapshot" | "turns"> {
  turnCount: number;
  issues: IssueFound[];
}

export function overviewOf(attempt: Readonly<AttemptRow>): AttemptOverview {
  const { snapshot: _snapshot, turns, ...rest } = attempt;
  return {
    ...structuredClone(rest),
    turnCount: turns.length,
    issues: turns.flatMap((turn) =>
      turn.findings.filter((f) => f.kind === "issue" && f.delta !== 0).map((f) => ({ dimension: f.dimension, rule: f.rule, message: { ...f.message } })),
    ),
  };
}
