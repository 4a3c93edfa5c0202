import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { renderMarkdown } from "~/courseware/markdown.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { copyBuiltInQuestion, editableContent, listOrgQuestions } from "~/models/quiz-authoring.server";
import { getBanks } from "~/quiz/banks.server";
import { latestVersion, questionStatus } from "~/quiz/authoring";
import { getCourseware } from "~/courseware/courseware.server";
import { statusText } from "~/components/question-form";
import { FormAlert } from "~/components/form";
import { now } from "~/utils/clock.server";
import { formValues, readForm } from "~/utils/forms.server";
import { copyQuestionSchema } from "~/utils/form-schemas.server";
import { pageTitle } from "~/utils/meta";
import { moduleParam, notFound } from "~/utils/params.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => m["quizAuthor.moduleTitle"](args.data?.title ?? ""));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "author:quizzes");
  const module = moduleParam(params.module);
  const lang = requestLang(request);
  const org = await listOrgQuestions(module);
  return {
    module,
    title: getCourseware(lang).find((mod) => mod.slug === module)!.title,
    org: org.map((q) => ({
      id: q.id,
      type: editableContent(q)!.type,
      stemHtml: renderMarkdown(editableContent(q)!.zh.stem),
      copiedFrom: q.copiedFrom,
      status: questionStatus(q),
      version: latestVersion(q)?.version ?? null,
    })),
    // Read-only, keys shown: this is the trainer's view of the bank, not a quiz.
    builtIn: getBanks(lang)[module].questions.map((q) => ({
      id: q.id,
      type: q.type,
      stemHtml: renderMarkdown(q.stem),
      options: q.options.map((o) => ({ id: o.id, text: o.text, keyed: q.type !== "order" && q.correct.includes(o.id) })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "author:quizzes");
    const module = moduleParam(params.module);
    const m = requestMessages(request);
    const parsed = copyQuestionSchema.safeParse(formValues(await readForm(request, m)));
    if (!parsed.success) return data({ error: m["form.invalidRequest"] }, { status: 400 });
    const copy = await copyBuiltInQuestion(module, parsed.data.builtInId, user, now());
    if (!copy) notFound();
    return redirect(`/trainer/quizzes/${module}/${copy.id}?copied=${parsed.data.builtInId}`);
  });
}

export default function ModuleQuestions() {
  const { module, title, org, builtIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  return (
    <>
      <p>
        <Link to="/trainer/quizzes">← {m["quizAuthor.back"]}</Link>
      </p>
      <h1>{m["quizAuthor.moduleTitle"](title)}</h1>
      <FormAlert message={actionData?.error} />
      <section className="card" aria-labelledby="org-title">
        <div className="module-card__head">
          <h2 id="org-title">{m["quizAuthor.org"]}</h2>
          <Link className="button primary" to={`/trainer/quizzes/${module}/new`}>
            {m["quizAuthor.new"]}
          </Link>
        </div>
        {org.length ? (
          <ul className="plain-list question-list">
            {org.map((q) => (
              <li key={q.id}>
                <p>
                  <Link to={`/trainer/quizzes/${module}/${q.id}`}>{q.id}</Link> · {m[`quizAuthor.typeName.${q.type}`]} ·{" "}
                  <span data-testid="question-status">{statusText(q.status, q.version, m)}</span>
                  {q.copiedFrom ? <span className="muted"> · {m["quizAuthor.copiedFrom"](q.copiedFrom)}</span> : null}
                </p>
                <div className="prose" dangerouslySetInnerHTML={{ __html: q.stemHtml }} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{m["quizAuthor.orgEmpty"]}</p>
        )}
      </section>
      <section className="card" aria-labelledby="builtin-title">
        <h2 id="builtin-title">{m["quizAuthor.builtIn"]}</h2>
        <p className="muted">{m["quizAuthor.builtInHint"]}</p>
        <ul className="plain-list question-list">
          {builtIn.map((q) => (
            <li key={q.id}>
              <div className="module-card__head">
                <p>
                  <strong>{q.id}</strong> · {m[`quizAuthor.typeName.${q.type}`]}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="copy" />
                  <input type="hidden" name="builtInId" value={q.id} />
                  <button type="submit" className="button" aria-label={m["quizAuthor.copyOf"](q.id)}>
                    {m["quizAuthor.copy"]}
                  </button>
                </Form>
              </div>
              <div className="prose" dangerouslySetInnerHTML={{ __html: q.stemHtml }} />
              <ol className="question-list__options">
                {q.options.map((o) => (
                  <li key={o.id}>
                    {o.text}
                    {o.keyed ? <strong>{m["quizAuthor.keyedMark"]}</strong> : null}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
