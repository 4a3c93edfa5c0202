import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { listScenariosFor } from "~/models/roleplay-views.server";
import { visibleAuthoredScenarios } from "~/models/scenario-authoring.server";
import { pageTitle } from "~/utils/meta";
import { ScoresInline } from "~/components/roleplay/score-bars";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["practice.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:scenarios");
  // The organisation's own scenarios published to this trainee's team (or everyone) come after the built-in ones.
  return { scenarios: await listScenariosFor(user.id, requestLang(request), await visibleAuthoredScenarios(user)) };
}

export default function PracticeIndex() {
  const { scenarios } = useLoaderData<typeof loader>();
  const m = useMessages();
  return (
    <>
      <h1>{m["practice.title"]}</h1>
      <p className="lead">{m["practice.intro"]}</p>
      <ul className="scenario-list">
        {scenarios.map((s) => (
          <li key={s.id} className="card scenario-card" data-scenario={s.id}>
            <div className="module-card__head">
              <h2>{s.title}</h2>
              {s.passedAssessment ? <span className="badge badge--completed">{m["practice.passedAssessment"]}</span> : null}
            </div>
            <p className="muted">
              {s.category} · {m[`practice.channel.${s.channel}`]}
            </p>
            <p>{s.summary}</p>
            <p className="best">
              {m["practice.best"]}
              {m.colon}
              {s.best ? (
                <Link to={`/practice/${s.id}/attempts/${s.best.attemptId}`}>
                  {s.best.passed ? m["report.passed"] : m["report.notPassed"]}
                  {m.paren(m[`practice.mode.${s.best.mode}`])} · <ScoresInline scores={s.best.scores} />
                </Link>
              ) : (
                m["practice.noAttempts"]
              )}
              {s.finishedCount ? (
                <>
                  {" · "}
                  <Link to={`/practice/${s.id}#history`}>{m["practice.attempts"](s.finishedCount)}</Link>
                </>
              ) : null}
            </p>
            <p className="actions">
              <Link className="button" to={`/practice/${s.id}?mode=practice`}>
                {s.active.some((a) => a.mode === "practice") ? `${m["practice.continue"]}${m.paren(m["practice.mode.practice"])}` : m["practice.startPractice"]}
              </Link>{" "}
              <Link className="button primary" to={`/practice/${s.id}?mode=assessment`}>
                {s.active.some((a) => a.mode === "assessment")
                  ? `${m["practice.continue"]}${m.paren(m["practice.mode.assessment"])}`
                  : m["practice.startAssessment"]}
              </Link>{" "}
              <Link to={`/practice/${s.id}/map`}>{m["practice.map"]}</Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
