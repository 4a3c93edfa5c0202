import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { findAttemptOwner, getAttempt, isOnRecord } from "~/models/roleplay.server";
import { abandonedView, reportView } from "~/models/report.server";
import { AbandonedReport, AttemptReport } from "~/components/roleplay/attempt-report";
import { inLang } from "~/i18n/lang";
import { pageTitle } from "~/utils/meta";
import { pack, usePacked } from "~/utils/packed-data";
import { forbidden, notFound } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => (args.data ? m["report.title"](args.data.title) : m["practice.title"]));

/** A trainee's own report; trainers read their teams' reports at /trainer/attempts/<id>. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:scenarios");
  const owner = params.attemptId ? await findAttemptOwner(params.attemptId) : null;
  if (!owner || owner.scenarioId !== params.scenarioId) notFound();
  if (owner.userId !== user.id) forbidden();
  const attempt = (await getAttempt(owner.userId, params.attemptId!)) ?? notFound();
  if (!isOnRecord(attempt)) throw redirect(`/practice/${attempt.scenarioId}?mode=${attempt.mode}`);
  const lang = requestLang(request);
  // An assessment given up: its transcript and any coaching, without the scoring.
  const report = attempt.result ? reportView(attempt, lang) : null;
  return {
    title: inLang(attempt.scenarioTitle, lang),
    again: `/practice/${attempt.scenarioId}?mode=${attempt.mode}`,
    report: report ? pack(report) : null,
    abandoned: report ? null : abandonedView(attempt, lang, false),
  };
}

export default function Report() {
  const { title, again, report, abandoned } = useLoaderData<typeof loader>();
  const m = useMessages();
  const r = usePacked(report);
  return (
    <div className="report">
      <p>
        <Link to="/practice">← {m["report.back"]}</Link>
      </p>
      <h1>{m["report.title"](title)}</h1>
      {r ? <AttemptReport r={r} /> : null}
      {abandoned ? <AbandonedReport r={abandoned} /> : null}
      <p>
        <Link className="button primary" to={again}>
          {m["report.again"]}
        </Link>
      </p>
    </div>
  );
}
