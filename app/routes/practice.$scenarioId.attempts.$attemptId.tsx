import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { findAttemptOwner, getAttempt } from "~/models/roleplay.server";
import { reportView } from "~/models/report.server";
import { AttemptReport } from "~/components/roleplay/attempt-report";
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
  if (attempt.status !== "finished" || !attempt.result) throw redirect(`/practice/${attempt.scenarioId}?mode=${attempt.mode}`);
  const report = reportView(attempt, requestLang(request));
  return { title: report.title, report: pack(report) };
}

export default function Report() {
  const r = usePacked(useLoaderData<typeof loader>().report);
  const m = useMessages();
  return (
    <div className="report">
      <p>
        <Link to="/practice">← {m["report.back"]}</Link>
      </p>
      <h1>{m["report.title"](r.title)}</h1>
      <AttemptReport r={r} />
      <p>
        <Link className="button primary" to={`/practice/${r.scenarioId}?mode=${r.mode}`}>
          {m["report.again"]}
        </Link>
      </p>
    </div>
  );
}
