import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useLang, useMessages } from "~/i18n/use-messages";
import type { TraineeRecord } from "~/models/trainee-record.server";
import { formatDate } from "~/utils/dates";
import { AssignmentLabel } from "./assignment-label";
import { AttemptsTable } from "./attempts-table";
import { certificationStateText, certificationStateTone } from "./certification-state";
import { CoachingNoteText } from "./coaching-notes";
import { Table } from "./table";

/** A card of the record: its heading, and its content or 暂无 when there is nothing yet. */
function RecordCard({ id, title, empty, children, intro }: { id: string; title: string; empty: boolean; children: ReactNode; intro?: string }) {
  const m = useMessages();
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={`record-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {empty ? (
        <p className="muted">{m["record.none"]}</p>
      ) : (
        <>
          {intro ? <p className="muted">{intro}</p> : null}
          {children}
        </>
      )}
    </section>
  );
}

/**
 * One trainee's record, the same for a supervisor (from the dashboard) and a trainer (from their team table):
 * certification, reading per module, quizzes, calls, tasks and coaching. Calls and coaching open in the trainer's
 * review of the call, which both may read.
 */
export function TraineeRecordView({ record: t, back }: { record: TraineeRecord; back: { href: string; label: string } }) {
  const m = useMessages();
  const lang = useLang();
  const review = (attemptId: string) => `/trainer/attempts/${attemptId}`;
  return (
    <>
      <p>
        <Link to={back.href}>← {back.label}</Link>
      </p>
      <h1>{m["dash.traineeTitle"](t.name)}</h1>
      <p className="lead">
        {t.team} · <span className={certificationStateTone(t.certification.state)}>{certificationStateText(m, lang, t.certification)}</span>
      </p>
      {t.active ? null : <p className="alert alert--error">{m["record.deactivated"]}</p>}

      <RecordCard id="certificates" title={m["dash.certificates"]} empty={t.certificates.length === 0}>
        <ul>
          {t.certificates.map((c) => (
            <li key={c.id}>
              <Link to={`/certificates/${c.id}`}>
                {formatDate(c.issuedAt, lang)} → {formatDate(c.expiresAt, lang)}
              </Link>
            </li>
          ))}
        </ul>
      </RecordCard>

      <RecordCard id="reading" title={m["record.reading"]} empty={t.reading.length === 0}>
        <Table label={m["record.reading"]} headers={[m["record.module"], m["record.state"], m["record.sections"]]}>
          {t.reading.map((r) => (
            <tr key={r.slug} data-module={r.slug}>
              <th scope="row">{r.title}</th>
              <td>
                {r.state === "completed"
                  ? m["learn.status.completed"]
                  : r.state === "in-progress"
                    ? m["learn.status.inProgress"]
                    : m["learn.status.notStarted"]}
                {r.completedAt ? <span className="muted"> · {formatDate(r.completedAt, lang)}</span> : null}
              </td>
              <td>
                <progress max={r.total} value={r.read} aria-label={`${r.title}: ${m["learn.sectionsRead"](r.read, r.total)}`} /> {r.read}/{r.total}
              </td>
            </tr>
          ))}
        </Table>
      </RecordCard>

      <RecordCard id="quizzes" title={m["dash.quizzes"]} empty={t.quizzes.length === 0}>
        <Table label={m["dash.quizzes"]} headers={[m["record.quiz"], m["record.passed"], m["record.lastScore"]]}>
          {t.quizzes.map((q) => (
            <tr key={q.quiz}>
              <th scope="row">{q.title}</th>
              <td className={q.passed ? "right" : "wrong"}>{q.passed ? m["quiz.passed"] : m["quiz.notYet"]}</td>
              <td>
                {q.lastPercent}% <span className="muted">· {formatDate(q.lastAt, lang)}</span>
              </td>
            </tr>
          ))}
        </Table>
      </RecordCard>

      <RecordCard id="attempts" title={m["dash.attempts"]} empty={t.attempts.length === 0}>
        <AttemptsTable attempts={t.attempts} rowHeader="scenario" label={m["dash.attempts"]} link={{ href: review, label: m["trainer.open"] }} />
      </RecordCard>

      <RecordCard id="tasks" title={m["record.tasks"]} empty={t.assignments.length === 0} intro={m["assign.doneRule"]}>
        <Table label={m["record.tasks"]} headers={[m["assign.what"], m["assign.due"], m["record.state"]]}>
          {t.assignments.map((a) => (
            <tr key={a.id} data-assignment={a.id} data-state={a.state}>
              <th scope="row">
                <AssignmentLabel kind={a.kind} title={a.title} mode={a.mode} />
                <div className="muted">{m["assign.from"](a.by)}</div>
              </th>
              <td>{formatDate(a.dueAt, lang)}</td>
              <td className={a.state === "done" ? "right" : a.state === "overdue" ? "wrong" : undefined}>
                {m[`assign.state.${a.state}`]}
                {a.completedAt ? <span className="muted"> · {formatDate(a.completedAt, lang)}</span> : null}
              </td>
            </tr>
          ))}
        </Table>
      </RecordCard>

      <RecordCard id="coaching" title={m["record.coaching"]} empty={t.coaching.length === 0} intro={m["record.coachingIntro"]}>
        <ul className="checklist coaching">
          {t.coaching.map((note, i) => (
            <li key={i}>
              <CoachingNoteText note={note} report={review(note.attemptId)} />
            </li>
          ))}
        </ul>
      </RecordCard>
    </>
  );
}
