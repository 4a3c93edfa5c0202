import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { dashboard } from "~/models/dashboard.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { certificationStateText } from "~/components/certification-state";
import { PrintButton } from "~/components/print-button";
import { Table } from "~/components/table";
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
  const dimensions = [m["dimension.listening"], m["dimension.empathy"], m["dimension.wording"]].join("/");
  return (
    <div className="printable">
      <p className="actions no-print">
        <Link to="/supervisor">← {m["dash.title"]}</Link> <PrintButton label={m["dash.printNow"]} />
      </p>
      <h1>
        {m["dash.title"]} · {formatDate(generatedAt, lang)}
      </h1>
      <Table
        label={m["dash.title"]}
        className="print-table"
        headers={[
          m["progress.table.trainee"],
          m["users.team"],
          m["dash.status"],
          m["dash.overdue"],
          ...requiredScenarios.map((s) => `${s.title}${m.paren(dimensions)}`),
        ]}
      >
        {rows.map((r) => (
          <tr key={r.userId} data-trainee={r.username}>
            <th scope="row">{r.name}</th>
            <td>{r.team}</td>
            <td>{certificationStateText(m, lang, r)}</td>
            <td>{r.overdue}</td>
            {requiredScenarios.map(({ id }) => {
              const a = r.assessments[id];
              return <td key={id}>{a ? `${a.listening}/${a.empathy}/${a.wording} · ${a.passed ? m["report.passed"] : m["report.notPassed"]}` : "—"}</td>;
            })}
          </tr>
        ))}
      </Table>
    </div>
  );
}
