import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { getAuthoredScenario } from "~/models/scenario-authoring.server";
import { notFound } from "~/utils/params.server";

/**
 * Downloads an authored scenario's script: `?version=<n>` a published version, `?version=draft` the draft. The
 * file is in the format of scenarios/*.yaml, and imports again as it is.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "author:scenarios");
  const row = (await getAuthoredScenario(params.id ?? "")) ?? notFound();
  const which = new URL(request.url).searchParams.get("version") ?? "";
  const text = which === "draft" ? row.draft?.yaml : row.versions.find((v) => /^\d{1,6}$/.test(which) && v.version === Number(which))?.yaml;
  if (text === undefined) notFound();
  const name = which === "draft" ? `${row.id}-draft.yaml` : `${row.id}-v${which}.yaml`;
  return new Response(text, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
