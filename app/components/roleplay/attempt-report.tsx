import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useLang, useMessages } from "~/i18n/use-messages";
import type { AbandonedView, ReportView } from "~/models/report.server";
import { formatDateTime } from "~/utils/dates";
import { ReplyWithFindings, type FindingItem } from "./reply-with-findings";
import { OwnerBubble } from "./owner-bubble";
import { ScoreBars, ScoresInline } from "./score-bars";

type ReportComment = ReportView["turns"][number]["comments"][number];

/** Who reads the report, and what the trainer's page adds to it (a reader who is the trainee passes nothing). */
interface ReportExtras {
  traineeName?: string;
  turnExtra?: (n: number) => ReactNode;
  commentExtra?: (comment: ReportComment) => ReactNode;
  findingExtra?: (n: number, finding: FindingItem) => ReactNode;
}

/**
 * The report of a finished attempt. The trainee reads their own lines as "you"; someone else reading it (the
 * trainer's review) passes `traineeName`. `turnExtra` lets the trainer's page add a comment form under each turn,
 * `commentExtra` what a trainer may do with a comment, and `findingExtra` what a trainer may do with a finding.
 */
export function AttemptReport({ r, traineeName, turnExtra, commentExtra, findingExtra }: ReportExtras & { r: ReportView }) {
  const m = useMessages();
  const lang = useLang();
  const verdictName = (passed: boolean) => (passed ? m["report.passed"] : m["report.notPassed"]);
  return (
    <>
      <p className="muted">
        {m["report.mode"](r.mode === "assessment" ? m["practice.mode.assessment"] : m["practice.mode.practice"])} ·{" "}
        {m["report.finishedAt"](formatDateTime(r.finishedAt, lang))}
      </p>
      <section className={`card verdict verdict--${r.passed ? "pass" : "fail"}`} aria-labelledby="verdict">
        <h2 id="verdict" data-testid="verdict">
          {r.passed ? m["report.passed"] : m["report.notPassed"]}
        </h2>
        <p>
          <strong>
            {m["report.ending"]}
            {m.colon}
          </strong>
          {m[`report.outcome.${r.outcome}`]}
          {m.fullStop}
          {r.endingSummary}
        </p>
        <blockquote>{r.endingLine}</blockquote>
        <h3>{m["report.why"]}</h3>
        <ul>
          {r.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="scores-title">
        <h2 id="scores-title">{m["report.scores"]}</h2>
        <ScoreBars scores={r.scores} pass={r.pass} />
        {r.adjustments.length ? (
          <>
            <h3>{m["review.audit"]}</h3>
            <ul className="audit" data-testid="audit">
              {r.adjustments.map((a, i) => (
                <li key={i}>
                  {m["review.auditLine"](m[`dimension.${a.dimension}`], a.from, a.to, a.byName, formatDateTime(a.at, lang), a.reason)}
                  {a.passedBefore !== undefined && a.passedAfter !== undefined
                    ? ` ${m["review.auditVerdict"](verdictName(a.passedBefore), verdictName(a.passedAfter))}`
                    : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {r.critical.length ? (
        <section className="card critical" aria-labelledby="critical-title">
          <h2 id="critical-title">{m["report.critical"]}</h2>
          <ul>
            {r.critical.map((c) => (
              <li key={c.move}>{c.reason}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {r.learnMore.length ? (
        <section className="card" aria-labelledby="learn-title">
          <h2 id="learn-title">{m["report.learnMore"]}</h2>
          <ul>
            {r.learnMore.map((l) => (
              <li key={l.href}>
                <Link to={l.href}>{l.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ReportTurns turns={r.turns} traineeName={traineeName} turnExtra={turnExtra} commentExtra={commentExtra} findingExtra={findingExtra} />
    </>
  );
}

/**
 * An assessment the trainee gave up: said plainly (it counts toward the attempt limit, with no verdict), then the
 * turns played, with the same comment forms as a finished call on the trainer's page.
 */
export function AbandonedReport({ r, traineeName, turnExtra, commentExtra, findingExtra }: ReportExtras & { r: AbandonedView }) {
  const m = useMessages();
  const lang = useLang();
  return (
    <>
      <p className="muted">
        {m["report.mode"](m["practice.mode.assessment"])} · {m["report.abandonedAt"](formatDateTime(r.abandonedAt, lang))}
      </p>
      <section className="card verdict verdict--abandoned" aria-labelledby="verdict">
        <h2 id="verdict" data-testid="verdict">
          {m["attempts.abandoned"]}
        </h2>
        <p>{m["report.abandonedNote"](r.turns.length)}</p>
      </section>
      <ReportTurns turns={r.turns} traineeName={traineeName} turnExtra={turnExtra} commentExtra={commentExtra} findingExtra={findingExtra} />
    </>
  );
}

type Turn = ReportView["turns"][number];

/** The transcript, turn by turn: the owner's line, the reply with its findings (where shown), and coaching comments. */
function ReportTurns({
  turns,
  traineeName,
  turnExtra,
  commentExtra,
  findingExtra,
}: {
  turns: Turn[];
  traineeName?: string;
  turnExtra?: (n: number) => ReactNode;
  commentExtra?: (comment: ReportComment) => ReactNode;
  findingExtra?: (n: number, finding: FindingItem) => ReactNode;
}) {
  const m = useMessages();
  const lang = useLang();
  if (!turns.length) return null;
  return (
    <section aria-labelledby="turns-title">
      <h2 id="turns-title">{m["report.transcript"]}</h2>
      <ol className="report-turns">
        {turns.map((t) => (
          <li key={t.n} id={`turn-${t.n}`} className="card report-turn" data-turn={t.n}>
            <p className="muted">
              {m["practice.turn"](t.n)} · {m["report.emotionChange"](t.emotionBefore, t.emotionAfter)}
              {t.scores ? (
                <>
                  {" · "}
                  <ScoresInline scores={t.scores} />
                </>
              ) : null}
            </p>
            <OwnerBubble speaker={t.speaker} line={t.line} />
            <div className="bubble bubble--trainee">
              <strong>
                {traineeName ?? m["practice.you"]}
                {t.kind === "choice" ? m["report.chosenSuggestion"] : ""}
                {m.colon}
              </strong>
              <ReplyWithFindings text={t.text} findings={t.findings} findingExtra={findingExtra && ((f) => findingExtra(t.n, f))} />
              {t.feedback ? <p>{t.feedback}</p> : null}
            </div>
            {t.comments.map((c) => (
              <div key={c.id} className="coach-comment" data-testid="coach-comment">
                <strong>{m["review.coach"](c.byName)}</strong> <span className="muted">{formatDateTime(c.at, lang)}</span>
                {c.editedAt ? <span className="muted"> · {m["review.editedAt"](formatDateTime(c.editedAt, lang))}</span> : null}
                <p>{c.text}</p>
                {commentExtra?.(c)}
              </div>
            ))}
            {turnExtra?.(t.n)}
          </li>
        ))}
      </ol>
    </section>
  );
}
