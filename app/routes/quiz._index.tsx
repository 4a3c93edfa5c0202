import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getCourseware } from "~/courseware/courseware.server";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { FINAL_EXAM, listQuizzesFor, quizRules } from "~/models/quizzes.server";
import { MODULE_SLUGS } from "~/courseware/modules";
import { now } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["quiz.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "take:quizzes");
  const titles = new Map(getCourseware(requestLang(request)).map((mod) => [mod.slug, mod.title]));
  const quizzes = await listQuizzesFor(user.id, now());
  const finalPassed = quizzes.some((q) => q.quiz === FINAL_EXAM && q.passedEver);
  const final = quizRules(FINAL_EXAM);
  return {
    passMark: Math.round(final.passMark * 100),
    finalSize: final.questions,
    moduleSize: quizRules(MODULE_SLUGS[0]).questions,
    quizzes: quizzes.map((q) => ({
      quiz: q.quiz,
      title: q.quiz === FINAL_EXAM ? null : (titles.get(q.quiz) ?? q.quiz),
      size: quizRules(q.quiz).questions,
      passed: q.passedEver,
      // The final exam counts for every module quiz (the certification rule says so too).
      coveredByFinal: q.quiz !== FINAL_EXAM && !q.passedEver && finalPassed,
      active: Boolean(q.active),
      last: q.lastSubmitted ? { id: q.lastSubmitted.id, percent: q.lastSubmitted.result!.percent, passed: q.lastSubmitted.result!.passed } : null,
    })),
  };
}

export default function QuizIndex() {
  const { quizzes, passMark, moduleSize, finalSize } = useLoaderData<typeof loader>();
  const m = useMessages();
  return (
    <>
      <h1>{m["quiz.title"]}</h1>
      <p className="lead">{m["quiz.intro"](moduleSize, finalSize, passMark)}</p>
      <ul className="scenario-list">
        {quizzes.map((q) => (
          <li key={q.quiz} className="card" data-quiz={q.quiz}>
            <div className="module-card__head">
              <h2>{q.title ? m["quiz.moduleQuiz"](q.title) : m["quiz.final"]}</h2>
              <span className={`badge ${q.passed || q.coveredByFinal ? "badge--completed" : q.active ? "badge--in-progress" : ""}`}>
                {q.passed
                  ? m["quiz.passed"]
                  : q.coveredByFinal
                    ? m["quiz.coveredByFinal"]
                    : q.active
                      ? m["quiz.inProgress"]
                      : q.last
                        ? m["quiz.notYet"]
                        : m["quiz.notTaken"]}
              </span>
            </div>
            <p className="muted">
              {m["quiz.questions"](q.size)} · {m["quiz.passMark"](passMark)}
              {q.last ? (
                <>
                  {" "}
                  ·{" "}
                  <Link to={`/quiz/${q.quiz}/result/${q.last.id}`}>
                    {m["quiz.lastResult"]}
                    {m.colon}
                    {q.last.percent}%
                  </Link>
                </>
              ) : null}
            </p>
            <p>
              <Link className="button" to={`/quiz/${q.quiz}`}>
                {q.active ? m["quiz.continue"] : q.last ? m["quiz.retake"] : m["quiz.start"]}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
