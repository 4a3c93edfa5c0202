import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getCourseware } from "~/courseware/courseware.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import {
  currentProblems,
  discardDraft,
  editableContent,
  getOrgQuestion,
  moduleSections,
  publishDraft,
  retireQuestion,
  rollBack,
  saveDraft,
  type PublishResult,
} from "~/models/quiz-authoring.server";
import { contentFromForm, latestVersion, questionStatus, retyped, type Problem, type QuestionContent } from "~/quiz/authoring";
import { ConfirmStep } from "~/components/confirm-step";
import { IntentButton } from "~/components/intent-button";
import { FormAlert } from "~/components/form";
import { problemMessage, QuestionForm, QuestionTypeChooser, statusText } from "~/components/question-form";
import { now } from "~/utils/clock.server";
import { formatDateTime } from "~/utils/dates";
import { readForm, formValues } from "~/utils/forms.server";
import { questionActionSchema, questionTypeField } from "~/utils/form-schemas.server";
import { pageTitle } from "~/utils/meta";
import { moduleParam, notFound } from "~/utils/params.server";
import { withStoreErrors } from "~/utils/store-errors.server";
import type { Messages } from "~/i18n/messages";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => m["quizAuthor.editTitle"](args.data?.id ?? ""));

/** The question the URL names, in the module it names, or a 404. */
async function questionOf(params: { module?: string; questionId?: string }) {
  return (await getOrgQuestion(moduleParam(params.module), params.questionId ?? "")) ?? notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "author:quizzes");
  const q = await questionOf(params);
  const lang = requestLang(request);
  const url = new URL(request.url);
  const type = questionTypeField.safeParse(url.searchParams.get("type"));
  const stored = editableContent(q)!;
  const content = type.success && !q.retiredAt ? retyped(stored, type.data) : stored;
  return {
    id: q.id,
    module: q.module,
    moduleTitle: getCourseware(lang).find((mod) => mod.slug === q.module)!.title,
    sections: moduleSections(q.module, lang),
    copiedFrom: q.copiedFrom,
    status: questionStatus(q),
    hasDraft: q.draft !== null,
    retiredAt: q.retiredAt,
    latest: latestVersion(q)?.version ?? null,
    content,
    // What stands in the way of publishing the saved draft now (a copy of a built-in question, for one).
    problems: q.draft && content === stored ? await currentProblems(q) : [],
    notice: url.searchParams.has("created") ? ("created" as const) : url.searchParams.has("copied") ? ("copied" as const) : null,
    versions: q.versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, byName: v.byName, rolledBackFrom: v.rolledBackFrom })).reverse(),
  };
}

type Outcome = { intent: string; message: string | null; error: string | null; problems: Problem[]; content: QuestionContent | null; confirmRetire: boolean };
const outcome = (intent: string, fields: Partial<Outcome>): Outcome => ({
  intent,
  message: null,
  error: null,
  problems: [],
  content: null,
  confirmRetire: false,
  ...fields,
});

function publishRefusal(intent: string, result: Exclude<PublishResult, { ok: true }>, m: Messages, type: QuestionContent["type"]) {
  if ("problems" in result) {
    // An earlier version's problems are not in the form: they are listed in the message.
    const error = intent === "rollback" ? result.problems.map((p) => problemMessage(p, type, m)).join(" ") : m["form.fixErrors"];
    return data(outcome(intent, { error, problems: intent === "rollback" ? [] : result.problems }), { status: 400 });
  }
  if (result.error === "not-found") notFound();
  const error = { retired: m["quizAuthor.error.retired"], "no-draft": m["quizAuthor.error.noDraft"], "no-version": m["quizAuthor.error.noVersion"] }[
    result.error
  ];
  return data(outcome(intent, { error }), { status: result.error === "no-version" ? 400 : 409 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "author:quizzes");
    const q = await questionOf(params);
    const m = requestMessages(request);
    const form = await readForm(request, m);
    const parsed = questionActionSchema.safeParse(formValues(form));
    if (!parsed.success) return data(outcome("", { error: m["form.invalidRequest"] }), { status: 400 });
    const at = now();
    const request_ = parsed.data;
    const type = editableContent(q)!.type;
    switch (request_.intent) {
      case "save": {
        const content = contentFromForm(request_.type, (name) => String(form.get(name) ?? ""), form.getAll("correct").map(String));
        const saved = await saveDraft(q.id, content, at);
        if (saved.ok) return outcome("save", { message: m["quizAuthor.saved"] });
        if ("problems" in saved) return data(outcome("save", { error: m["form.fixErrors"], problems: saved.problems, content }), { status: 400 });
        if (saved.error === "not-found") notFound();
        return data(outcome("save", { error: m["quizAuthor.error.retired"] }), { status: 409 });
      }
      case "publish": {
        const published = await publishDraft(q.id, user, at);
        return published.ok
          ? outcome("publish", { message: m["quizAuthor.published"](published.version.version) })
          : publishRefusal("publish", published, m, type);
      }
      case "rollback": {
        const published = await rollBack(q.id, request_.version, user, at);
        return published.ok
          ? outcome("rollback", { message: m["quizAuthor.rolledBack"](request_.version, published.version.version) })
          : publishRefusal("rollback", published, m, type);
      }
      case "discard":
        return (await discardDraft(q.id))
          ? outcome("discard", { message: m["quizAuthor.discarded"] })
          : data(outcome("discard", { error: m["quizAuthor.error.noDraft"] }), { status: 409 });
      case "retire":
        // Asked first: the confirmation says what retiring does and does not do.
        if (!request_.confirmed) return outcome("retire", { confirmRetire: true });
        return (await retireQuestion(q.id, at))
          ? outcome("retire", { message: m["quizAuthor.retiredNow"] })
          : data(outcome("retire", { error: m["quizAuthor.error.retired"] }), { status: 409 });
    }
  });
}

export default function EditQuestion() {
  const {
    id,
    module,
    moduleTitle,
    sections,
    copiedFrom,
    status,
    hasDraft,
    retiredAt,
    latest,
    content: loaded,
    problems,
    notice,
    versions,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const m = useMessages();
  const lang = useLang();
  const content = result?.content ?? loaded;
  const base = `/trainer/quizzes/${module}/${id}`;
  return (
    <div className="narrow">
      <p>
        <Link to={`/trainer/quizzes/${module}`}>← {m["quizAuthor.backToModule"](moduleTitle)}</Link>
      </p>
      <h1>{m["quizAuthor.editTitle"](id)}</h1>
      <p>
        {m[`quizAuthor.typeName.${loaded.type}`]} · <span data-testid="question-status">{statusText(status, latest, m)}</span>
        {copiedFrom ? <span className="muted"> · {m["quizAuthor.copiedFrom"](copiedFrom)}</span> : null}
      </p>
      {result?.message ? <FormAlert tone="success" message={result.message} /> : null}
      {result?.error && result.intent !== "save" && result.intent !== "publish" ? <FormAlert message={result.error} /> : null}
      {!result && notice ? (
        <FormAlert tone="success" message={notice === "created" ? m["quizAuthor.created"] : m["quizAuthor.copied"](copiedFrom ?? "")} />
      ) : null}
      {result?.confirmRetire ? (
        <ConfirmStep
          question={m["quizAuthor.retireQuestion"](id)}
          fields={{ intent: "retire" }}
          confirmLabel={m["quizAuthor.retireConfirm"]}
          keepLabel={m["quizAuthor.keep"]}
        >
          <p>{m["quizAuthor.retireDetail"]}</p>
        </ConfirmStep>
      ) : null}

      {retiredAt ? (
        <p className="card">{m["quizAuthor.retiredNote"](formatDateTime(retiredAt, lang))}</p>
      ) : (
        <>
          <QuestionTypeChooser type={content.type} />
          <QuestionForm
            key={JSON.stringify(content)}
            content={content}
            sections={sections}
            problems={result?.problems.length ? result.problems : result ? [] : problems}
            formError={result?.intent === "save" || result?.intent === "publish" ? result.error : null}
            submitLabel={m["quizAuthor.save"]}
          />
          <section className="card" aria-labelledby="publish-title">
            <h2 id="publish-title">{m["quizAuthor.publish"]}</h2>
            <p>{hasDraft ? (latest ? m["quizAuthor.draftPending"] : m["quizAuthor.neverPublished"]) : null}</p>
            <p className="muted">{m["quizAuthor.publishHint"]}</p>
            <div className="button-row">
              <Link className="button" to={`${base}/preview`}>
                {m["quizAuthor.preview"]}
              </Link>
              {hasDraft ? <IntentButton intent="publish" label={m["quizAuthor.publish"]} tone="primary" /> : null}
              {hasDraft && latest ? <IntentButton intent="discard" label={m["quizAuthor.discard"]} /> : null}
            </div>
          </section>
        </>
      )}

      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{m["quizAuthor.versions"]}</h2>
        {versions.length ? (
          <ul className="plain-list" data-testid="versions">
            {versions.map((v) => (
              <li key={v.version}>
                <p>
                  <strong>{m["quizAuthor.versionN"](v.version)}</strong>
                  {v.rolledBackFrom ? m["quizAuthor.rolledBackFrom"](v.rolledBackFrom) : null} ·{" "}
                  {m["quizAuthor.versionBy"](v.byName, formatDateTime(v.publishedAt, lang))}
                </p>
                <div className="button-row">
                  <Link to={`${base}/preview?version=${v.version}`} aria-label={`${m["quizAuthor.preview"]}: ${m["quizAuthor.versionN"](v.version)}`}>
                    {m["quizAuthor.preview"]}
                  </Link>
                  {v.version !== latest && !retiredAt ? (
                    <IntentButton intent="rollback" label={m["quizAuthor.rollBack"](v.version)} fields={{ version: String(v.version) }} />
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{m["quizAuthor.noVersions"]}</p>
        )}
      </section>

      {retiredAt ? null : (
        <div className="card">
          <IntentButton intent="retire" label={m["quizAuthor.retire"]} tone="danger" />
        </div>
      )}
    </div>
  );
}
