import { Link } from "@remix-run/react";
import { useLang, useMessages } from "~/i18n/use-messages";
import { formatDateTime } from "~/utils/dates";
import { ScoresInline } from "./roleplay/score-bars";

export interface AttemptRowView {
  attemptId: string;
  traineeName: string;
  title: string;
  mode: "practice" | "assessment";
  passed: boolean;
  scores: { listening: number; empathy: number; wording: number };
  finishedAt: string;
  comments: number;
}

/** Finished role-plays with a link to the trainer's review page. */
export function AttemptsTable({ attempts, showTrainee }: { attempts: AttemptRowView[]; showTrainee: boolean }) {
  const m = useMessages();
  const lang = useLang();
  return (
    <div className="table-scroll">
      <table>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.attemptId}>
              <th scope="row">{showTrainee ? a.traineeName : a.title}</th>
              {showTrainee ? <td>{a.title}</td> : null}
              <td>{a.mode === "assessment" ? m["practice.mode.assessment"] : m["practice.mode.practice"]}</td>
              <td className={a.passed ? "right" : "wrong"}>{a.passed ? m["report.passed"] : m["report.notPassed"]}</td>
              <td>
                <ScoresInline scores={a.scores} />
              </td>
              <td>{formatDateTime(a.finishedAt, lang)}</td>
              <td>
                <Link to={`/trainer/attempts/${a.attemptId}`}>{m["trainer.open"]}</Link>
                {a.comments ? <span className="muted"> · {m["trainer.comments"](a.comments)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
