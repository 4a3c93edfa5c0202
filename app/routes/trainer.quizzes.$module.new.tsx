import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getCourseware } from "~/courseware/courseware.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { createOrgQuestion, moduleSections } from "~/models/quiz-authoring.server";
import { contentFromForm, emptyContent } from "~/quiz/authoring";
import { QuestionForm, QuestionTypeChooser } from "~/components/question-form";
import { now } from "~/utils/clock.server";
import { readForm } from "~/utils/forms.server";
import { questionTypeField } from "~/utils/form-schemas.server";
import { pageTitle } from "~/utils/meta";
import { moduleParam } from "~/utils/params.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => m["quizAuthor.newTitle"](args.data?.title ?? ""));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "author:quizzes");
  const module = moduleParam(params.module);
  const lang = requestLang(request);
  // A type that is none of the five is no choice: the form starts as single choice.
  const type = questionTypeField.catch("single").parse(new URL(request.url).searchParams.get("type") ?? "single");
  return {
    module,
    title: getCourseware(lang).find((mod) => mod.slug === module)!.title,
    sections: moduleSections(module, lang),
    content: emptyContent(type),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "author:quizzes");
    const module = moduleParam(params.module);
    const m = requestMessages(request);
    const form = await readForm(request, m);
    const type = questionTypeField.safeParse(form.get("type"));
    if (!type.success) return data({ error: m["form.invalidRequest"], problems: [], content: null }, { status: 400 });
    const content = contentFromForm(type.data, (name) => String(form.get(name) ?? ""), form.getAll("correct").map(String));
    const created = await createOrgQuestion(module, content, user, now());
    if (!created.ok) return data({ error: null, problems: "problems" in created ? created.problems : [], content }, { status: 400 });
    return redirect(`/trainer/quizzes/${module}/${created.question.id}?created=1`);
  });
}

export default function NewQuestion() {
  const { module, title, sections, content: empty } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const content = actionData?.content ?? empty;
  return (
    <div className="narrow">
      <p>
        <Link to={`/trainer/quizzes/${module}`}>← {m["quizAuthor.backToModule"](title)}</Link>
      </p>
      <h1>{m["quizAuthor.newTitle"](title)}</h1>
      <QuestionTypeChooser type={content.type} />
      <QuestionForm
        key={JSON.stringify(content)}
        content={content}
        sections={sections}
        problems={actionData?.problems ?? []}
        formError={actionData?.error}
        submitLabel={m["quizAuthor.save"]}
      />
    </div>
  );
}
