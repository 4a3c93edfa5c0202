import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getModule, getCourseware } from "~/courseware/courseware.server";
import { moduleStatus } from "~/courseware/progress";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { completeModule, getProgress, markSectionRead } from "~/models/progress.server";
import { getQuizState, quizRules } from "~/models/quizzes.server";
import { FormAlert } from "~/components/form";
import { formValues, readForm } from "~/utils/forms.server";
import { formatDate } from "~/utils/dates";
import { pageTitle } from "~/utils/meta";
import { now } from "~/utils/clock.server";
import { learnActionSchema } from "~/utils/form-schemas.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, (m) => args.data?.module.title ?? m["learn.title"])];

function findModule(slug: string | undefined, request: Request) {
  const module = slug ? getModule(slug, requestLang(request)) : null;
  if (!module) throw new Response("Not Found", { status: 404 });
  return module;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "learn:courseware");
  const module = findModule(params.slug, request);
  const progress = (await getProgress(user.id))[module.slug];
  const modules = getCourseware(requestLang(request));
  const next = modules.find((m) => m.order === module.order + 1);
  const rules = quizRules(module.slug);
  const [moduleQuiz, finalExam] = await Promise.all([getQuizState(user.id, module.slug, now()), getQuizState(user.id, "final", now())]);
  return {
    module: {
      slug: module.slug,
      title: module.title,
      summary: module.summary,
      minutes: module.minutes,
      objectives: module.objectives,
      introHtml: module.introHtml,
      sections: module.sections,
    },
    // About a minute a question, stated apart from the reading. The final exam counts for every module quiz.
    quiz: {
      questions: rules.questions,
      minutes: rules.questions,
      passPercent: Math.round(rules.passMark * 100),
      passed: moduleQuiz.passedEver || finalExam.passedEver,
    },
    sectionsRead: progress?.sectionsRead ?? [],
    status: moduleStatus(module, progress),
    next: next ? { slug: next.slug, title: next.title } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "learn:courseware");
    const module = findModule(params.slug, request);
    const m = requestMessages(request);
    const parsed = learnActionSchema.safeParse(formValues(await readForm(request, m)));
    if (!parsed.success) return data({ formError: m["form.invalidRequest"] }, { status: 400 });
    const input = parsed.data;
    if (input.intent === "read") {
      const index = module.sections.findIndex((s) => s.id === input.sectionId);
      if (index < 0) return data({ formError: m["learn.error.unknownSection"] }, { status: 400 });
      await markSectionRead(user.id, module.slug, module.sections[index].id, now());
      const next = module.sections[index + 1];
      // Read on: the next section (or the finish box) is where the page lands, with or without JavaScript.
      return redirectWithinPage(`/learn/${module.slug}#${next ? next.id : "finish"}`);
    }
    const result = await completeModule(user.id, module.slug, module.sections, now());
    if (!result.ok) {
      const titles = module.sections
        .filter((s) => result.unread.includes(s.id))
        .map((s) => s.title)
        .join("、");
      return data({ formError: m["learn.error.unread"](titles) }, { status: 400 });
    }
    return redirectWithinPage(`/learn/${module.slug}#finish`);
  });
}

/**
 * A redirect to another section of this page: the client router takes a change of hash alone for scrolling and
 * runs no loader unless told the data changed (Remix's X-Remix-Revalidate), so without it the count of sections
 * read stayed stale whenever a navigation ended while a fetcher's action was under way (foundation.spec.ts, once).
 */
function redirectWithinPage(url: string) {
  return redirect(url, { headers: { "X-Remix-Revalidate": "yes" } });
}

export default function LearnModule() {
  const { module, quiz, sectionsRead, status, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const lang = useLang();
  const read = new Set(sectionsRead);
  return (
    <div className="module-layout">
      <aside className="module-toc card" aria-labelledby="toc-title">
        <h2 id="toc-title">{m["learn.contents"]}</h2>
        <ol>
          {module.sections.map((s) => (
            <li key={s.id} data-read={read.has(s.id) ? "true" : "false"}>
              <a href={`#${s.id}`}>{s.title}</a>
              {read.has(s.id) ? (
                <span className="check" aria-label={m["learn.sectionRead"]}>
                  {" "}
                  ✓
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        <p className="muted sections-read">{m["learn.sectionsRead"](status.read, status.total)}</p>
        <p>
          <Link to="/learn">{m["learn.backToList"]}</Link>
        </p>
      </aside>
      <article className="module-body">
        <h1>{module.title}</h1>
        <p className="lead">{module.summary}</p>
        <p className="muted">
          {m["learn.minutes"](module.minutes)} · {m["learn.quizTime"](quiz.questions, quiz.minutes)}
        </p>
        <section className="card objectives" aria-labelledby="objectives-title">
          <h2 id="objectives-title">{m["learn.objectives"]}</h2>
          <ul>
            {module.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
        {module.introHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: module.introHtml }} /> : null}
        {module.sections.map((s) => (
          <section key={s.id} className="module-section" aria-label={s.title}>
            <div className="prose" dangerouslySetInnerHTML={{ __html: s.html }} />
            <MarkReadButton sectionId={s.id} isRead={read.has(s.id)} />
          </section>
        ))}
        <section id="finish" className="card module-finish">
          <FormAlert message={actionData?.formError} />
          {status.state === "completed" && status.completedAt ? (
            <>
              <p className="alert alert--success" role="status">
                {m["learn.completed"](formatDate(status.completedAt, lang))}
              </p>
              <p>
                {quiz.passed ? (
                  <Link to={`/quiz/${module.slug}`}>{m["learn.quizPassed"]}</Link>
                ) : (
                  <Link className="button primary" to={`/quiz/${module.slug}`}>
                    {m["learn.quizNext"](quiz.questions, quiz.passPercent)}
                  </Link>
                )}
              </p>
            </>
          ) : (
            <Form method="post" replace>
              <input type="hidden" name="intent" value="complete" />
              <p className="muted">{m["learn.completeHint"]}</p>
              <button type="submit" className="button primary">
                {m["learn.complete"]}
              </button>
            </Form>
          )}
          {next ? (
            <p>
              <Link to={`/learn/${next.slug}`}>{m["learn.next"](next.title)}</Link>
            </p>
          ) : null}
        </section>
      </article>
    </div>
  );
}

/** Marks one section read, then the page moves on to the next section. */
function MarkReadButton({ sectionId, isRead }: { sectionId: string; isRead: boolean }) {
  const fetcher = useFetcher();
  const m = useMessages();
  const pending = fetcher.state !== "idle";
  if (isRead) {
    return <p className="section-read">✓ {m["learn.sectionRead"]}</p>;
  }
  return (
    <fetcher.Form method="post" className="mark-read">
      <input type="hidden" name="intent" value="read" />
      <input type="hidden" name="sectionId" value={sectionId} />
      <button type="submit" className="button" disabled={pending}>
        {m["learn.markRead"]}
      </button>
    </fetcher.Form>
  );
}
