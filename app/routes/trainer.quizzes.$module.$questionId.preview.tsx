import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { getOrgQuestion, orgQuestionIn } from "~/models/quiz-authoring.server";
import { questionForTaking, questionGraded } from "~/models/quizzes.server";
import { latestVersion, versionOf } from "~/quiz/authoring";
import { shuffle } from "~/quiz/draw";
import { GradedQuizQuestion, QuizQuestionFields } from "~/components/quiz-question";
import { pageTitle } from "~/utils/meta";
import { previewVersionQuery } from "~/utils/form-schemas.server";
import { moduleParam, notFound } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => m["quizAuthor.previewTitle"](args.data?.id ?? ""));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "author:quizzes");
  const q = (await getOrgQuestion(moduleParam(params.module), params.questionId ?? "")) ?? notFound();
  const lang = requestLang(request);
  // ?version=n shows a published version; without it, the draft (else the latest version).
  const asked = new URL(request.url).searchParams.get("version");
  const version = asked === null ? (q.draft ? null : latestVersion(q)) : versionOf(q, previewVersionQuery.parse(asked));
  if (asked !== null && !version) notFound();
  const content = version?.content ?? q.draft!;
  const question = orgQuestionIn(q, content, lang);
  const ids = question.options.map((o) => o.id);
  // Shuffled as a quiz shuffles; never in the written order, which for an order question is the answer.
  let shown = shuffle(ids, Math.random);
  if (shown.join() === ids.join()) shown = [...ids.slice(1), ids[0]];
  const drawn = { module: q.module, id: q.id, optionOrder: shown };
  const rightAnswer = question.type === "single" || question.type === "truefalse" || question.type === "best-reply" ? question.correct[0] : question.correct;
  return {
    id: q.id,
    module: q.module,
    version: version?.version ?? null,
    // The part the trainee sees before grading carries no key, as on the quiz page.
    taking: questionForTaking(drawn, question),
    graded: questionGraded({ ...drawn, optionOrder: ids }, question, rightAnswer, true, lang),
  };
}

export default function PreviewQuestion() {
  const { id, module, version, taking, graded } = useLoaderData<typeof loader>();
  const m = useMessages();
  const none = () => false;
  const unplaced = () => "";
  return (
    <div className="quiz narrow">
      <p>
        <Link to={`/trainer/quizzes/${module}/${id}`}>← {m["quizAuthor.backToEdit"]}</Link>
      </p>
      <h1>{m["quizAuthor.previewTitle"](id)}</h1>
      <p className="lead">{version ? m["quizAuthor.previewOf.version"](version) : m["quizAuthor.previewOf.draft"]}</p>
      <section aria-labelledby="taking-title">
        <h2 id="taking-title">{m["quizAuthor.previewTaking"]}</h2>
        <p className="muted">{m["quizAuthor.previewTakingHint"]}</p>
        <ol className="quiz-questions">
          <li className="card quiz-question" data-type={taking.type}>
            <QuizQuestionFields question={taking} number={1} total={1} chosen={none} position={unplaced} />
          </li>
        </ol>
      </section>
      <section aria-labelledby="graded-title">
        <h2 id="graded-title">{m["quizAuthor.previewGraded"]}</h2>
        <p className="muted">{m["quizAuthor.previewGradedHint"]}</p>
        <ol className="quiz-questions">
          <li className="card quiz-question quiz-question--right">
            <GradedQuizQuestion question={graded} />
          </li>
        </ol>
      </section>
    </div>
  );
}
