import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { dashboard } from "~/models/dashboard.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { TrendChart } from "~/components/trend-chart";
import { now } from "~/utils/clock.server";
import { certificationStateText, certificationStateTone } from "~/components/certification-state";
import { pageTitle } from "~/utils/meta";
import { Table } from "~/components/table";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["dash.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:dashboard");
  return dashboard(await teamIdsVisibleTo(user), now(), requestLang(request));
}

export default function Dashboard() {
  const { rows, averages, topIssues } = useLoaderData<typeof loader>();
  const m = useMessages();
  const lang = useLang();
  const teams = [...new Set(rows.map((r) => r.team))];
  return (
    <>
      <h1>{m["dash.title"]}</h1>
      <p className="lead">{m["dash.intro"]}</p>
      <p className="actions no-print">
        <a className="button" href="/supervisor/export.csv" download>
          {m["dash.export"]}
        </a>{" "}
        <Link className="button" to="/supervisor/print">
          {m["dash.print"]}
        </Link>{" "}
        <Link className="button" to="/trainer/disagreements">
          {m["disagree.nav"]}
        </Link>
      </p>
      {teams.map((team) => (
        <section key={team} className="card" aria-labelledby={`team-${team}`}>
          <h2 id={`team-${team}`}>{team}</h2>
          <Table label={team} headers={[m["progress.table.trainee"], m["dash.status"], m["dash.overdue"]]}>
            {rows
              .filter((r) => r.team === team)
              .map((r) => (
                <tr key={r.userId} data-trainee={r.username} data-state={r.state}>
                  <th scope="row">
                    <Link to={`/supervisor/trainees/${r.userId}`}>{r.name}</Link> <span className="muted">({r.username})</span>
                  </th>
                  <td className={certificationStateTone(r.state)}>{certificationStateText(m, lang, r)}</td>
                  <td className={r.overdue ? "wrong" : undefined}>{r.overdue}</td>
                </tr>
              ))}
          </Table>
        </section>
      ))}
      <section className="card" aria-labelledby="averages-title">
        <h2 id="averages-title">{m["dash.teamAverages"]}</h2>
        {averages.every((a) => a.assessment.length === 0 && a.practice.length === 0) ? (
          <p>{m["dash.noScores"]}</p>
        ) : (
          <>
            <p className="muted">{m["dash.averagesIntro"]}</p>
            {(["assessment", "practice"] as const).map((mode) => (
              <section key={mode} aria-labelledby={`averages-${mode}`} data-testid={`averages-${mode}`}>
                <h3 id={`averages-${mode}`}>{m["dash.averagesOf"](m[`practice.mode.${mode}`])}</h3>
                {averages.every((a) => a[mode].length === 0) ? (
                  <p>{m["dash.noScores"]}</p>
                ) : (
                  <div className="trends">
                    {averages
                      .filter((a) => a[mode].length)
                      .map((a) => (
                        <TrendChart key={a.teamId} team={a.team} months={a[mode]} />
                      ))}
                  </div>
                )}
              </section>
            ))}
          </>
        )}
      </section>
      <section className="card" aria-labelledby="issues-title">
        <h2 id="issues-title">{m["dash.topIssues"]}</h2>
        {topIssues.length === 0 ? (
          <p>{m["dash.noIssues"]}</p>
        ) : (
          <ol className="top-issues">
            {topIssues.map((i) => (
              <li key={`${i.rule} ${i.message}`}>
                <span className="finding__dimension">{i.dimensions.map((d) => m[`dimension.${d}`]).join(" · ")}</span> {i.message}{" "}
                <strong>{m["dash.issueCount"](i.count)}</strong>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
