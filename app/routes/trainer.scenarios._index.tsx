import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { inLang } from "~/i18n/lang";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import type { Messages } from "~/i18n/messages";
import { listTeams } from "~/models/teams.server";
import { copyBuiltInScenario, createFromTemplate, editableText, importScenario, listAuthoredScenarios, rawScript } from "~/models/scenario-authoring.server";
import { getScenarios } from "~/roleplay/scenario-files.server";
import { FormAlert } from "~/components/form";
import { Table } from "~/components/table";
import { problemLabel, scenarioStatus, statusText } from "~/components/scenario-authoring";
import { now } from "~/utils/clock.server";
import { formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["scenarioAuthor.title"]);

/** A title in the viewer's language out of a script text that may not parse (a draft): the id if there is none. */
function titleOf(text: string, fallback: string, lang: ReturnType<typeof requestLang>): string {
  const title = rawScript(text)?.title as { zh?: unknown; en?: unknown } | undefined;
  return typeof title?.zh === "string" && typeof title?.en === "string" && title.zh ? inLang({ zh: title.zh, en: title.en || title.zh }, lang) : fallback;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "author:scenarios");
  const lang = requestLang(request);
  const teams = new Map((await listTeams()).map((t) => [t.id, t.name]));
  return {
    authored: (await listAuthoredScenarios()).map((s) => {
      const latest = s.versions.at(-1);
      return {
        id: s.id,
        title: titleOf(editableText(s), s.id, lang),
        status: scenarioStatus(s),
        version: latest?.version ?? null,
        audience: latest ? (latest.audience === "everyone" ? ("everyone" as const) : latest.audience.map((t) => teams.get(t) ?? t)) : null,
        everyoneRequestBy: s.everyoneRequest?.byName ?? null,
      };
    }),
    builtIn: getScenarios().map((s) => ({ id: s.id, title: inLang(s.title, lang) })),
  };
}

async function importedText(file: FormDataEntryValue | null, m: Messages): Promise<string | { error: string }> {
  if (!file || typeof file === "string" || file.size === 0) return { error: m["scenarioAuthor.importNoFile"] };
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { error: `${m["scenarioAuthor.importRefused"]} ${m["form.invalidRequest"]}` };
  }
}

export async function action({ request }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "author:scenarios");
    const m = requestMessages(request);
    const form = await readForm(request, m);
    const values = formValues(form);
    const at = now();
    switch (values.intent) {
      case "new": {
        const created = await createFromTemplate(user, at);
        return redirect(`/trainer/scenarios/${created.id}?created`);
      }
      case "copy": {
        const copied = await copyBuiltInScenario(values.scenario ?? "", user, at);
        if (!copied) return data({ error: m["form.invalidChoice"] }, { status: 400 });
        return redirect(`/trainer/scenarios/${copied.id}?copied`);
      }
      case "import": {
        const text = await importedText(form.get("file"), m);
        if (typeof text !== "string") return data(text, { status: 400 });
        const imported = await importScenario(text, user, at);
        if (!imported.ok) {
          const reasons = imported.problems.map((p) => problemLabel(p, m)).join(" ");
          return data({ error: `${m["scenarioAuthor.importRefused"]} ${reasons}` }, { status: 400 });
        }
        return redirect(`/trainer/scenarios/${imported.scenario.id}?imported`);
      }
      default:
        return data({ error: m["form.invalidRequest"] }, { status: 400 });
    }
  });
}

export default function ScenarioAuthoring() {
  const { authored, builtIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const m = useMessages();
  return (
    <>
      <p>
        <Link to="/trainer">← {m["trainer.title"]}</Link>
      </p>
      <h1>{m["scenarioAuthor.title"]}</h1>
      <p className="lead">{m["scenarioAuthor.intro"]}</p>
      <FormAlert message={result?.error} />

      <section className="card" aria-labelledby="org-title">
        <div className="module-card__head">
          <h2 id="org-title">{m["scenarioAuthor.org"]}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="new" />
            <button type="submit" className="button primary" aria-describedby="new-hint">
              {m["scenarioAuthor.new"]}
            </button>
          </Form>
        </div>
        <p id="new-hint" className="muted">
          {m["scenarioAuthor.newHint"]}
        </p>
        {authored.length ? (
          <Table label={m["scenarioAuthor.org"]} headers={[m["scenarioAuthor.colTitle"], m["scenarioAuthor.colStatus"], m["scenarioAuthor.colAudience"], ""]}>
            {authored.map((s) => (
              <tr key={s.id} data-scenario={s.id}>
                <th scope="row">{s.title}</th>
                <td>
                  {statusText(s.status, s.version, m)}
                  {s.everyoneRequestBy ? (
                    <>
                      <br />
                      <span className="badge">{m["scenarioAuthor.everyoneRequested"](s.everyoneRequestBy)}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {s.audience === null
                    ? m["scenarioAuthor.audience.none"]
                    : s.audience === "everyone"
                      ? m["scenarioAuthor.audience.everyone"]
                      : s.audience.join(m.nameSeparator)}
                </td>
                <td>
                  <Link to={`/trainer/scenarios/${s.id}`} aria-label={m["scenarioAuthor.openOf"](s.title)}>
                    {m["scenarioAuthor.open"]}
                  </Link>
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>{m["scenarioAuthor.orgEmpty"]}</p>
        )}
      </section>

      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{m["scenarioAuthor.import"]}</h2>
        <p className="muted">{m["scenarioAuthor.importHint"]}</p>
        <Form method="post" encType="multipart/form-data" className="form">
          <input type="hidden" name="intent" value="import" />
          <label className="field">
            <span>{m["scenarioAuthor.importFile"]}</span>
            <input type="file" name="file" accept=".yaml,.yml,text/yaml" />
          </label>
          <button type="submit" className="button">
            {m["scenarioAuthor.importButton"]}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="builtin-title">
        <h2 id="builtin-title">{m["scenarioAuthor.builtIn"]}</h2>
        <p className="muted">{m["scenarioAuthor.builtInHint"]}</p>
        <Table label={m["scenarioAuthor.builtIn"]} headers={[m["scenarioAuthor.colTitle"], ""]}>
          {builtIn.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.title}</th>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="copy" />
                  <input type="hidden" name="scenario" value={s.id} />
                  <button type="submit" className="link-button" aria-label={m["scenarioAuthor.copyOf"](s.title)}>
                    {m["scenarioAuthor.copy"]}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </Table>
      </section>
    </>
  );
}
