import { Link } from "@remix-run/react";
import { useMessages } from "~/i18n/use-messages";
import type { QuestionType } from "~/quiz/question-types";

/**
 * A quiz question as the trainee sees it, before and after grading: the quiz page, the result page and a
 * trainer's preview of a question show the same thing. Stems and explanations come rendered (and escaped) from
 * the server; option texts are shown as text.
 */

interface TakingQuestion {
  key: string;
  type: QuestionType;
  stemHtml: string;
  options: Array<{ id: string; text: string }>;
}

/** The question's fields: radio buttons, check boxes, or a position for each step of an order question. */
export function QuizQuestionFields({
  question: q,
  number,
  total,
  chosen,
  position,
}: {
  question: TakingQuestion;
  number: number;
  total: number;
  /** Whether an option was chosen in what the trainee sent last. */
  chosen: (key: string, id: string) => boolean;
  /** The position a step was given in what the trainee sent last, or "". */
  position: (key: string, id: string, steps: number) => string;
}) {
  const m = useMessages();
  return (
    <fieldset>
      <legend>
        <span className="muted">
          {m["quiz.questionN"](number, total)} · {m[`quiz.type.${q.type}`]}
        </span>
      </legend>
      <div className="prose" dangerouslySetInnerHTML={{ __html: q.stemHtml }} />
      {q.type === "order" ? (
        <ul className="plain-list">
          {q.options.map((o) => (
            <li key={o.id}>
              <label className="order-step">
                <select name={`o.${q.key}.${o.id}`} defaultValue={position(q.key, o.id, q.options.length)} aria-label={m["quiz.position"](o.text)} required>
                  <option value="" disabled>
                    {m["quiz.choosePosition"]}
                  </option>
                  {q.options.map((_, p) => (
                    <option key={p} value={p + 1}>
                      {p + 1}
                    </option>
                  ))}
                </select>{" "}
                {o.text}
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="plain-list options">
          {q.options.map((o) => (
            <li key={o.id}>
              <label className="check-row">
                <input type={q.type === "multiple" ? "checkbox" : "radio"} name={`a.${q.key}`} value={o.id} defaultChecked={chosen(q.key, o.id)} />
                <span>{o.text}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

interface GradedQuestion {
  type: QuestionType;
  stemHtml: string;
  yourAnswer: string[];
  correctAnswer: string[];
  correct: boolean;
  explanationHtml: string;
  sectionLink: { href: string; title: string } | null;
}

/** A graded question: right or wrong, the answer given, the right answer and the explanation. */
export function GradedQuizQuestion({ question: q }: { question: GradedQuestion }) {
  const m = useMessages();
  const join = (answers: string[]) => answers.join(q.type === "order" ? " → " : m.listSeparator);
  return (
    <>
      <p className={q.correct ? "right" : "wrong"}>{q.correct ? m["quiz.result.right"] : m["quiz.result.wrong"]}</p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: q.stemHtml }} />
      <dl className="facts">
        <dt>{m["quiz.result.yourAnswer"]}</dt>
        <dd>{join(q.yourAnswer) || "—"}</dd>
        <dt>{m["quiz.result.correctAnswer"]}</dt>
        <dd>{join(q.correctAnswer)}</dd>
      </dl>
      <div className="explanation">
        <strong>{m["quiz.result.explanation"]}</strong>
        <div className="prose" dangerouslySetInnerHTML={{ __html: q.explanationHtml }} />
        {q.sectionLink ? (
          <p>
            {m["quiz.result.readMore"]}
            <Link to={q.sectionLink.href}>{q.sectionLink.title}</Link>
          </p>
        ) : null}
      </div>
    </>
  );
}
