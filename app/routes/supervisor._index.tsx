import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { dashboard } from "~/models/dashboard.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { TrendChart } from "~/components/trend-chart";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/dates";
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
  const stateText = (r: (typeof rows)[number]) =>
    r.state === "certified" && r.expiresAt
      ? m["dash.state.certified"](formatDate(r.expiresAt, lang))
      : r.state === "expiring" && r.expiresAt
        ? m["dash.state.expiring"](formatDate(r.expiresAt, lang))
        : r.state === "expired"
          ? m["dash.state.expired"]
          : m["dash.state.in-progress"](r.done, r.total);
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
        </Link>
      </p>
      {teams.map((team) => (
        <section key={team} className="card" aria-labelledby={`team-${team}`}>
          <h2 id={`team-${team}`}>{team}</h2>
          <Table label={team} headers={[m["progress.table.trainee"], m["dash.status"], m["dash.overdue"], m["dash.history"]]}>
            {rows
              .filter((r) => r.team === team)
              .map((r) => (
                <tr key={r.userId} data-trainee={r.username} data-state={r.state}>
                  <th scope="row">
                    {r.name} <span className="muted">({r.username})</span>
                  </th>
                  <td className={r.state === "expired" ? "wrong" : r.state === "expiring" ? "warn" : r.state === "certified" ? "right" : undefined}>
                    {stateText(r)}
                  </td>
                  <td className={r.overdue ? "wrong" : undefined}>{r.overdue}</td>
                  <td>
                    <Link to={`/supervisor/trainees/${r.userId}`}>{m["dash.history"]}</Link>
                  </td>
                </tr>
              ))}
          </Table>
        </section>
      ))}
      <section className="card" aria-labelledby="averages-title">
        <h2 id="averages-title">{m["dash.teamAverages"]}</h2>
        {averages.every((a) => a.months.length === 0) ? (
          <p>{m["dash.noScores"]}</p>
        ) : (
          <div className="trends">
            {averages
              .filter((a) => a.months.length)
              .map((a) => (
                <TrendChart key={a.teamId} team={a.team} months={a.months} />
              ))}
          </div>
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
                <strong>{m["dash.issueCount"](i.count)}</strong> <code className="muted">{i.rule}</code>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
