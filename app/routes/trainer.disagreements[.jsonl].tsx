import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { correctionsExport } from "~/models/corrections.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { now } from "~/utils/clock.server";
import { chinaDate } from "~/utils/dates";

/**
 * The labelled examples of the calls the viewer reviews, as JSON lines in the calibration set's format
 * (calibration/corrections.ts), for `npm run calibration -- --file <this file>`.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "review:attempts");
  return new Response(await correctionsExport(await teamIdsVisibleTo(viewer)), {
    headers: {
      "Content-Type": "application/jsonl; charset=utf-8",
      "Content-Disposition": `attachment; filename="scoring-corrections-${chinaDate(now())}.jsonl"`,
      "Cache-Control": "no-store",
    },
  });
}
