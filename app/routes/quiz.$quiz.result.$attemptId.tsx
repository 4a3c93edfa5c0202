import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getCourseware } from "~/courseware/courseware.server";
import { requestLang } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { FINAL_EXAM, findQuizAttemptOwner, getQuizAttempt, getQuizState, gradedQuestions, type QuizId } from "~/models/quizzes.server";
import { Countdown } from "~/components/countdown";
import { GradedQuizQuestion } from "~/components/quiz-question";
import { now } from "~/utils/clock.server";
import { formatDateTime } from "~/utils/dates";
import { pageTitle } from "~/utils/meta";
import { forbidden, notFound } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => m["quiz.result.title"](args.data?.title ?? ""));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "take:quizzes");
  const owner = params.attemptId ? await findQuizAttemptOwner(params.attemptId) : null;
  if (!owner || owner.quiz !== params.quiz) notFound();
  if (owner.userId !== user.id) forbidden();
  const attempt = (await getQuizAttempt(owner.userId, params.attemptId!)) ?? notFound();
  if (!attempt.submittedAt || !attempt.result) throw redirect(`/quiz/${attempt.quiz}`);
  const lang = requestLang(request);
  const at = now();
  // What the trainee may do next is what the server would allow now: go on with an open attempt, wait, or retake.
  const state = await getQuizState(owner.userId, attempt.quiz as QuizId, at);
  return {
    quiz: attempt.quiz,
    serverNow: at.toISOString(),
    next: state.active ? ("continue" as const) : state.cooldownUntil ? ("wait" as const) : ("retake" as const),
    cooldownUntil: state.cooldownUntil,
    title: attempt.quiz === FINAL_EXAM ? null : (getCourseware(lang).find((mod) => mod.slug === attempt.quiz)?.title ?? attempt.quiz),
    result: attempt.result,
    questions: await gradedQuestions(attempt, lang),
  };
}

export default function QuizResult() {
  const { quiz, title, result, questions, next, cooldownUntil, serverNow } = useLoaderData<typeof loader>();
  const m = useMessages();
  const lang = useLang();
  const name = title ? m["quiz.moduleQuiz"](title) : m["quiz.final"];
  return (
    <div className="quiz-result">
      <p>
        <Link to="/quiz">← {m["quiz.back"]}</Link>
      </p>
      <h1>{m["quiz.result.title"](name)}</h1>
      <section className={`card verdict verdict--${result.passed ? "pass" : "fail"}`}>
        <h2 data-testid="quiz-verdict">{result.passed ? m["report.passed"] : m["report.notPassed"]}</h2>
        <p data-testid="quiz-score">{m["quiz.result.score"](result.correct, result.total, result.percent)}</p>
        <p className="muted">{m["quiz.passMark"](Math.round(result.passMark * 100))}</p>
        {next === "wait" && cooldownUntil ? (
          <>
            <p>
              <time dateTime={cooldownUntil} data-testid="quiz-next-try">
                {m["quiz.nextTry"](formatDateTime(cooldownUntil, lang))}
              </time>
            </p>
            <Countdown until={cooldownUntil} serverNow={serverNow} />
          </>
        ) : (
          <p>
            <Link className="button" to={`/quiz/${quiz}`}>
              {next === "continue" ? m["quiz.continue"] : m["quiz.retake"]}
            </Link>
          </p>
        )}
      </section>
      <ol className="quiz-questions">
        {questions.map((q) => (
          <li key={q.key} className={`card quiz-question quiz-question--${q.correct ? "right" : "wrong"}`}>
            <GradedQuizQuestion question={q} />
          </li>
        ))}
      </ol>
    </div>
  );
}
