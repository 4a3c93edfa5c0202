import { Form, Link } from "@remix-run/react";
import { useLang, useMessages } from "~/i18n/use-messages";
import type { CoachingNote } from "~/models/review.server";
import { formatDateTime } from "~/utils/dates";

/**
 * What trainers said lately about a trainee's calls (their home page), each linked to the report and turn; what
 * came since the trainee last marked it read is marked new.
 */
export function CoachingNotes({ notes }: { notes: Array<CoachingNote & { title: string; isNew: boolean }> }) {
  const m = useMessages();
  const unread = notes.filter((note) => note.isNew).length;
  return (
    <section className="card" aria-labelledby="coaching-title">
      <div className="module-card__head">
        <h2 id="coaching-title">{m["coaching.title"]}</h2>
        {unread ? <span className="badge badge--in-progress">{m["coaching.unread"](unread)}</span> : null}
      </div>
      <p className="muted">{m["coaching.intro"]}</p>
      <ul className="checklist coaching">
        {notes.map((note, i) => (
          <li key={i} data-new={note.isNew}>
            {note.isNew ? <span className="badge badge--in-progress">{m["coaching.new"]}</span> : null}{" "}
            <CoachingNoteText note={note} report={`/practice/${note.scenarioId}/attempts/${note.attemptId}`} />
          </li>
        ))}
      </ul>
      {unread ? (
        <Form method="post">
          <input type="hidden" name="intent" value="coaching-read" />
          <button type="submit" className="button">
            {m["coaching.markRead"]}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** One trainer's note: a comment linked to its turn, or a score change, linked to the report at `report`. */
export function CoachingNoteText({ note, report }: { note: CoachingNote & { title: string }; report: string }) {
  const m = useMessages();
  const lang = useLang();
  return note.kind === "comment" ? (
    <>
      <Link to={`${report}#turn-${note.turn}`}>{m["coaching.onTurn"](note.title, note.turn)}</Link>{" "}
      <span className="muted">
        {m["coaching.by"](note.byName, formatDateTime(note.at, lang))}
        {note.editedAt ? ` · ${m["review.editedAt"](formatDateTime(note.editedAt, lang))}` : null}
      </span>
      <p>{note.text}</p>
    </>
  ) : (
    <>
      <Link to={report}>{note.title}</Link>
      <p>{m["review.auditLine"](m[`dimension.${note.dimension}`], note.from, note.to, note.byName, formatDateTime(note.at, lang), note.reason)}</p>
    </>
  );
}
