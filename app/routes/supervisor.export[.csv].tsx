import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { dashboard, toCsv } from "~/models/dashboard.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { now } from "~/utils/clock.server";

/** The certification table and scores as CSV that Excel opens with the Chinese intact. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:dashboard");
  const lang = requestLang(request);
  const { rows, requiredScenarios } = await dashboard(await teamIdsVisibleTo(user), now(), lang);
  const en = lang === "en";
  const header = [
    en ? "Team" : "团队",
    en ? "Name" : "姓名",
    en ? "Username" : "用户名",
    en ? "Certification" : "认证状态",
    en ? "Valid until" : "有效期至",
    en ? "Requirements done" : "已完成项",
    en ? "Overdue assignments" : "逾期任务",
    ...requiredScenarios.flatMap(({ title }) => [
      `${title} ${en ? "listening" : "倾听"}`,
      `${title} ${en ? "empathy" : "共情"}`,
      `${title} ${en ? "wording" : "措辞"}`,
    ]),
  ];
  const states: Record<string, string> = en
    ? { certified: "certified", expiring: "expiring", expired: "expired", "in-progress": "in progress" }
    : { certified: "已认证", expiring: "即将到期", expired: "已过期", "in-progress": "学习中" };
  const body = rows.map((r): Array<string | number> => [
    r.team,
    r.name,
    r.username,
    states[r.state],
    r.expiresAt ? r.expiresAt.slice(0, 10) : "",
    `${r.done}/${r.total}`,
    r.overdue,
    ...requiredScenarios.flatMap(({ id }): Array<string | number> => {
      const a = r.assessments[id];
      return a ? [a.listening, a.empathy, a.wording] : ["", "", ""];
    }),
  ]);
  return new Response(toCsv([header, ...body]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="certification-${now().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
