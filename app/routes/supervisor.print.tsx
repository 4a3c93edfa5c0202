import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { dashboard } from "~/models/dashboard.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/dates";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["dash.print"]);

/** The certification table on one printable page (A4 landscape), without navigation or charts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:dashboard");
  const at = now();
  return { generatedAt: at.toISOString(), ...(await dashboard(await teamIdsVisibleTo(user), at, requestLang(request))) };
}

export default function PrintableDashboard() {
  const { rows, generatedAt, requiredScenarios } = useLoaderData<typeof loader>();
  const m = useMessages();
  const lang = useLang();
  return (
    <div className="printable">
      <h1>
        {m["dash.title"]} · {formatDate(generatedAt, lang)}
      </h1>
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">{m["users.team"]}</th>
            <th scope="col">{m["progress.table.trainee"]}</th>
            <th scope="col">{m["dash.status"]}</th>
            <th scope="col">{m["dash.progress"]}</th>
            <th scope="col">{m["dash.overdue"]}</th>
            {requiredScenarios.map((s) => (
              <th key={s.id} scope="col">
                {s.title}
                <br />
                <small>
                  {m["dimension.listening"]}/{m["dimension.empathy"]}/{m["dimension.wording"]}
                </small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.userId}>
              <td>{r.team}</td>
              <th scope="row">{r.name}</th>
              <td>
                {r.state === "certified" || r.state === "expiring"
                  ? `${m["cert.valid"]} → ${r.expiresAt ? formatDate(r.expiresAt, lang) : ""}`
                  : r.state === "expired"
                    ? m["dash.state.expired"]
                    : m["dash.state.in-progress"](r.done, r.total)}
              </td>
              <td>
                {r.done}/{r.total}
              </td>
              <td>{r.overdue}</td>
              {requiredScenarios.map(({ id }) => {
                const a = r.assessments[id];
                return <td key={id}>{a ? `${a.listening}/${a.empathy}/${a.wording}` : "—"}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
