import { Link } from "@remix-run/react";
import { useLang, useMessages } from "~/i18n/use-messages";
import { formatDateTime } from "~/utils/dates";
import { ScoresInline } from "./roleplay/score-bars";
import { Table } from "./table";

export interface AttemptRowView {
  attemptId: string;
  traineeName?: string;
  title?: string;
  mode: "practice" | "assessment";
  /** An assessment the trainee gave up: shown as such, with no verdict or scores. */
  abandoned: boolean;
  passed: boolean;
  /** A trainer changed a score: the result shown is the changed one. */
  adjusted: boolean;
  scores: { listening: number; empathy: number; wording: number } | null;
  /** When it finished, or was abandoned. */
  finishedAt: string;
  comments: number;
}

/**
 * Finished role-plays (and assessments given up), newest first, each with a link to its report. The first column names the row: the trainee
 * (a trainer's list of a team's calls), the scenario (one trainee's calls of every scenario), or the time (one
 * trainee's calls of one scenario).
 */
export function AttemptsTable({
  attempts,
  rowHeader,
  link,
  label,
}: {
  attempts: AttemptRowView[];
  rowHeader: "trainee" | "scenario" | "finishedAt";
  link: { href: (attemptId: string) => string; label: string };
  /** What the table is, for a screen reader's list of regions. */
  label: string;
}) {
  const m = useMessages();
  const lang = useLang();
  const when = (a: AttemptRowView) => formatDateTime(a.finishedAt, lang);
  const headers = [
    m[`attempts.col.${rowHeader}`],
    ...(rowHeader === "trainee" ? [m["attempts.col.scenario"]] : []),
    m["attempts.col.mode"],
    m["attempts.col.result"],
    m["attempts.col.scores"],
    ...(rowHeader === "finishedAt" ? [] : [m["attempts.col.finishedAt"]]),
    m["attempts.col.report"],
  ];
  return (
    <Table label={label} headers={headers} className="attempts-table">
      {attempts.map((a) => (
        <tr key={a.attemptId}>
          <th scope="row" className={rowHeader === "scenario" ? undefined : "short"}>
            {rowHeader === "trainee" ? a.traineeName : rowHeader === "scenario" ? a.title : when(a)}
          </th>
          {rowHeader === "trainee" ? <td>{a.title}</td> : null}
          <td className="short">{a.mode === "assessment" ? m["practice.mode.assessment"] : m["practice.mode.practice"]}</td>
          <td>
            {a.abandoned ? (
              <span className="short badge badge--abandoned">{m["attempts.abandoned"]}</span>
            ) : (
              <span className={`short ${a.passed ? "right" : "wrong"}`}>{a.passed ? m["report.passed"] : m["report.notPassed"]}</span>
            )}
            {a.adjusted ? (
              <div className="muted">
                <small>{m["attempts.adjusted"]}</small>
              </div>
            ) : null}
          </td>
          <td>{a.scores ? <ScoresInline scores={a.scores} /> : <span className="muted">{m["attempts.noScores"]}</span>}</td>
          {rowHeader === "finishedAt" ? null : <td className="short">{when(a)}</td>}
          <td className="short">
            <Link to={link.href(a.attemptId)}>{link.label}</Link>
            {a.comments ? <span className="muted"> · {m["trainer.comments"](a.comments)}</span> : null}
          </td>
        </tr>
      ))}
    </Table>
  );
}
