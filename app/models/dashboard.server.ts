import { compareNames } from "~/utils/collate";
import { certificationStatus, REQUIRED_SCENARIOS, type CertificationState } from "~/certification/rules";
import { inLang, type Lang } from "~/i18n/lang";
import type { Dimension } from "~/scoring/types";
import type { IssueFound } from "~/store/attempt-overview";
import { standingOf } from "~/roleplay/adjusted";
import { scenarioTitle } from "~/roleplay/scenario-files.server";
import { assignmentState, completionOf } from "~/assignments/status";
import type { Mode } from "./roleplay.server";
import { DISPLAY_TIME_ZONE } from "~/utils/dates";
import { audienceFinder, workDoneFrom, type Assignment } from "./assignments.server";
import { evidenceFrom } from "./certificates.server";
import { byTrainee, nothingAchieved, teamViewsStore } from "./team-views-store.server";
import { listTeams } from "./teams.server";

export interface TraineeRow {
  userId: string;
  name: string;
  username: string;
  teamId: string;
  team: string;
  state: CertificationState;
  /** When the latest certificate runs out (or ran out, once expired). */
  expiresAt: string | null;
  certificateId: string | null;
  done: number;
  total: number;
  overdue: number;
  /** The latest assessment per required scenario, with its scores and verdict as every page shows them (after a trainer's changes). */
  assessments: Record<string, { listening: number; empathy: number; wording: number; passed: boolean } | null>;
}

const MONTH = new Intl.DateTimeFormat("en-CA", { timeZone: DISPLAY_TIME_ZONE, year: "numeric", month: "2-digit" });
const monthOf = (iso: string) => MONTH.format(new Date(iso));

/**
 * Everything the supervisor dashboard and its export show, for the given teams: certification per trainee,
 * team averages by month, and the issues the scorer finds most often. What the rules read of every active trainee
 * of the teams is read for all of them at once (a few statements on PostgreSQL, however many trainees), then each
 * trainee's is judged here.
 */
export async function dashboard(teamIds: readonly string[], now: Date, lang: Lang) {
  const scope = { teamIds, activeOnly: true };
  const views = teamViewsStore();
  const [teams, trainees, achievements, calls, issuesFound, assignments] = await Promise.all([
    listTeams(),
    views.trainees(scope),
    views.achievements(scope),
    views.endedCalls(scope),
    views.issuesFound(scope),
    views.openAssignments(scope),
  ]);
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const callsBy = byTrainee(calls);
  const audience = audienceFinder(trainees);
  // The open assignments each trainee has (to their team, or to them).
  const assignedTo = new Map<string, Assignment[]>();
  for (const a of assignments) {
    for (const t of audience(a)) {
      const theirs = assignedTo.get(t.id);
      if (theirs) theirs.push(a);
      else assignedTo.set(t.id, [a]);
    }
  }
  const rows: TraineeRow[] = [];
  const monthly = new Map<string, { listening: number; empathy: number; wording: number; n: number }>();
  for (const t of trainees) {
    const achieved = achievements.get(t.id) ?? nothingAchieved();
    const mine = callsBy.get(t.id) ?? [];
    const status = certificationStatus(evidenceFrom(achieved, mine), now);
    const done = workDoneFrom(achieved, mine);
    const overdue = (assignedTo.get(t.id) ?? []).filter((a) => assignmentState(a.dueAt, completionOf(a, done), now) === "overdue").length;
    const finished = mine.filter((a) => a.status === "finished" && a.result);
    const latest: TraineeRow["assessments"] = {};
    for (const s of REQUIRED_SCENARIOS) {
      const a = finished.filter((x) => x.scenarioId === s && x.mode === "assessment").sort((x, y) => y.finishedAt!.localeCompare(x.finishedAt!))[0];
      const standing = a ? standingOf(a.result!, a.adjustments) : null;
      latest[s] = standing ? { ...standing.scores, passed: standing.passed } : null;
    }
    for (const a of finished) {
      // Practice and assessment apart: a practice call is where mistakes are meant to be made.
      const key = `${t.teamId}|${a.mode}|${monthOf(a.finishedAt!)}`;
      const s = standingOf(a.result!, a.adjustments).scores;
      const acc = monthly.get(key) ?? { listening: 0, empathy: 0, wording: 0, n: 0 };
      acc.listening += s.listening;
      acc.empathy += s.empathy;
      acc.wording += s.wording;
      acc.n += 1;
      monthly.set(key, acc);
    }
    rows.push({
      userId: t.id,
      name: t.displayName,
      username: t.username,
      teamId: t.teamId,
      team: teamNames.get(t.teamId) ?? "",
      state: status.state,
      expiresAt: status.latest?.expiresAt ?? null,
      certificateId: status.current?.id ?? null,
      done: status.done,
      total: status.total,
      overdue,
      assessments: latest,
    });
  }
  const monthsOf = (teamId: string, mode: Mode) =>
    [...monthly.entries()]
      .filter(([k]) => k.startsWith(`${teamId}|${mode}|`))
      .map(([k, v]) => ({
        month: k.split("|")[2],
        listening: Math.round(v.listening / v.n),
        empathy: Math.round(v.empathy / v.n),
        wording: Math.round(v.wording / v.n),
        attempts: v.n,
      }))
      .sort((a, b) => a.month.localeCompare(b.month));
  const averages = teams
    .filter((t) => teamIds.includes(t.id))
    .map((team) => ({ teamId: team.id, team: team.name, assessment: monthsOf(team.id, "assessment"), practice: monthsOf(team.id, "practice") }));
  return {
    /** The assessments certification requires, in order, with their titles: the columns of the table and CSV. */
    requiredScenarios: REQUIRED_SCENARIOS.map((id) => ({ id, title: scenarioTitle(id, lang) })),
    rows: rows.sort((a, b) => compareNames(a.team, b.team) || compareNames(a.name, b.name)),
    averages,
    topIssues: mostFrequentIssues(issuesFound, lang),
  };
}

/**
 * The issues found most often, each a rule with what it said: a fact not confirmed is one issue per fact (「5栋」 is
 * not 「2号梯」). A rule that costs two dimensions (a lexicon entry's `also`) is found once per dimension; it is one
 * issue, listed with both and counted once per time it was found. `found` in the order found; an issue with a
 * `count` stands for that many times found.
 */
export function mostFrequentIssues(found: ReadonlyArray<IssueFound & { count?: number }>, lang: Lang, limit = 10) {
  const issues = new Map<string, { rule: string; message: string; byDimension: Map<Dimension, number> }>();
  for (const f of found) {
    const key = `${f.rule}\u0000${f.message.zh}`;
    const entry = issues.get(key) ?? { rule: f.rule, message: inLang(f.message, lang), byDimension: new Map<Dimension, number>() };
    entry.byDimension.set(f.dimension, (entry.byDimension.get(f.dimension) ?? 0) + (f.count ?? 1));
    issues.set(key, entry);
  }
  return [...issues.values()]
    .map(({ rule, message, byDimension }) => ({ rule, message, dimensions: [...byDimension.keys()], count: Math.max(...byDimension.values()) }))
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}

/**
 * One CSV cell: quoted, and neutralised if a spreadsheet would read it as a formula: = + - @, tab, CR, and their
 * full-width forms ＝＋－＠, which Excel and WPS read as formula starts too (a Chinese keyboard types them).
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** UTF-8 with a byte-order mark and CRLF line ends, so Excel opens the Chinese text intact. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
