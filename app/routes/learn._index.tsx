import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { listModulesWithStatus } from "~/models/progress.server";
import { ModuleList } from "~/components/module-list";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["learn.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "learn:courseware");
  return { modules: await listModulesWithStatus(user.id, requestLang(request)) };
}

export default function LearnIndex() {
  const { modules } = useLoaderData<typeof loader>();
  const m = useMessages();
  return (
    <>
      <h1>{m["learn.title"]}</h1>
      <p className="lead">{m["learn.intro"]}</p>
      <ModuleList modules={modules} headingLevel={2} />
    </>
  );
}
