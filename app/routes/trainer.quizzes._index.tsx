import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getCourseware } from "~/courseware/courseware.server";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { listOrgQuestions } from "~/models/quiz-authoring.server";
import { getBanks } from "~/quiz/banks.server";
import { isDrawable } from "~/quiz/authoring";
import { Table } from "~/components/table";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["quizAuthor.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "author:quizzes");
  const lang = requestLang(request);
  const banks = getBanks(lang);
  return {
    modules: await Promise.all(
      getCourseware(lang).map(async (module) => {
        const org = await listOrgQuestions(module.slug);
        return {
          slug: module.slug,
          title: module.title,
          builtIn: banks[module.slug].questions.length,
          published: org.filter(isDrawable).length,
          drafts: org.filter((q) => q.draft && !q.retiredAt).length,
        };
      }),
    ),
  };
}

export default function QuizBanks() {
  const { modules } = useLoaderData<typeof loader>();
  const m = useMessages();
  return (
    <>
      <p>
        <Link to="/trainer">← {m["trainer.title"]}</Link>
      </p>
      <h1>{m["quizAuthor.title"]}</h1>
      <p className="lead">{m["quizAuthor.intro"]}</p>
      <Table label={m["quizAuthor.title"]} headers={[m["quizAuthor.module"], m["quizAuthor.builtInCount"], m["quizAuthor.orgCount"], ""]}>
        {modules.map((mod) => (
          <tr key={mod.slug}>
            <th scope="row">{mod.title}</th>
            <td>{m["quiz.questions"](mod.builtIn)}</td>
            <td>{m["quizAuthor.orgCountValue"](mod.published, mod.drafts)}</td>
            <td>
              <Link to={`/trainer/quizzes/${mod.slug}`} aria-label={`${m["quizAuthor.open"]}: ${mod.title}`}>
                {m["quizAuthor.open"]}
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
