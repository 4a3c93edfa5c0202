import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { dashboard, toCsv } from "~/models/dashboard.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { now } from "~/utils/clock.server";
import { chinaDate } from "~/utils/dates";

/**
 * The certification table and scores as CSV that Excel opens with the Chinese intact (a byte-order mark). Every
 * figure is a number in a column of its own: progress as done and total, not "1/15", which Excel reads as a date.
 * Each required assessment's latest scores stand beside its verdict.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:dashboard");
  const m = requestMessages(request);
  const { rows, requiredScenarios } = await dashboard(await teamIdsVisibleTo(user), now(), requestLang(request));
  const dimensions = [m["dimension.listening"], m["dimension.empathy"], m["dimension.wording"]];
  const header = [
    m["dash.csv.team"],
    m["dash.csv.name"],
    m["dash.csv.username"],
    m["dash.csv.state"],
    m["dash.csv.validUntil"],
    m["dash.csv.done"],
    m["dash.csv.total"],
    m["dash.csv.overdue"],
    ...requiredScenarios.flatMap(({ title }) => [...dimensions.map((d) => m["dash.csv.score"](title, d)), m["dash.csv.result"](title)]),
  ];
  const body = rows.map((r): Array<string | number> => [
    r.team,
    r.name,
    r.username,
    r.state === "in-progress" ? m["learn.status.inProgress"] : m[`dash.state.${r.state}`],
    r.expiresAt ? chinaDate(new Date(r.expiresAt)) : "",
    r.done,
    r.total,
    r.overdue,
    ...requiredScenarios.flatMap(({ id }): Array<string | number> => {
      const a = r.assessments[id];
      return a ? [a.listening, a.empathy, a.wording, a.passed ? m["report.passed"] : m["report.notPassed"]] : ["", "", "", ""];
    }),
  ]);
  return new Response(toCsv([header, ...body]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="certification-${chinaDate(now())}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
