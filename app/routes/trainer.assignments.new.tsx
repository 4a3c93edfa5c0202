import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { sortedByName } from "~/utils/collate";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { endOfDueDate, isDueDateAcceptable } from "~/assignments/status";
import { chinaDate } from "~/utils/dates";
import { requirePermission } from "~/auth/session.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { createAssignment, describeAssignment } from "~/models/assignments.server";
import { listTeams, teamIdsVisibleTo } from "~/models/teams.server";
import { listUsers } from "~/models/users.server";
import { parseWork, workCatalog, workTitle } from "~/models/work-catalog.server";
import { assignableAuthoredScenarios } from "~/models/scenario-authoring.server";
import { FieldError, FormAlert } from "~/components/form";
import { now } from "~/utils/clock.server";
import { fieldErrors, formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { newAssignmentSchema } from "~/utils/form-schemas.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["assign.new"]);

async function audiences(user: Awaited<ReturnType<typeof requirePermission>>) {
  const teamIds = await teamIdsVisibleTo(user);
  const [teams, users] = await Promise.all([listTeams(), listUsers()]);
  return teams
    .filter((t) => teamIds.includes(t.id))
    .map((t) => ({
      id: t.id,
      name: t.name,
      trainees: sortedByName(
        users.filter((u) => u.teamId === t.id && u.role === "trainee" && u.active),
        (u) => u.displayName,
      ).map((u) => ({ id: u.id, name: u.displayName })),
    }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "assign:work");
  const authored = await assignableAuthoredScenarios(user);
  return { catalog: workCatalog(requestLang(request), authored), teams: await audiences(user), today: chinaDate(now()) };
}

export async function action({ request }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "assign:work");
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    const parsed = newAssignmentSchema.safeParse(values);
    const fail = (errors: Record<string, string>, status = 400) => data({ errors, formError: m["form.fixErrors"], values }, { status });
    if (!parsed.success) return fail(fieldErrors(parsed.error, m));
    const work = parseWork(parsed.data.work, requestLang(request), await assignableAuthoredScenarios(user));
    if (!work) return fail({ work: m["assign.error.unknownWork"] });
    if (!isDueDateAcceptable(parsed.data.due, now())) return fail({ due: m["assign.error.pastDue"] });
    const [type, id] = parsed.data.audience.split(":") as ["team" | "trainee", string];
    const teams = await audiences(user);
    const allowed = type === "team" ? teams.some((t) => t.id === id) : teams.some((t) => t.trainees.some((tr) => tr.id === id));
    // Assigning outside one's own teams is refused outright, with nothing written.
    if (!allowed) return data({ errors: { audience: m["assign.error.notYourTeam"] }, formError: m["assign.error.notYourTeam"], values }, { status: 403 });
    // An authored scenario goes only to the teams it is published to (and their trainees), whatever the form posted.
    const teamId = type === "team" ? id : teams.find((t) => t.trainees.some((tr) => tr.id === id))?.id;
    if (work.teamIds && !work.teamIds.includes(teamId ?? "")) {
      const refused = m["assign.error.notPublishedTo"](workTitle(work.kind, work.target, work.mode, requestLang(request)));
      return data({ errors: { audience: refused }, formError: refused, values }, { status: 403 });
    }
    const created = await createAssignment(
      {
        kind: work.kind,
        target: work.target,
        mode: work.mode,
        audience: type === "team" ? { type, teamId: id } : { type, userId: id },
        dueAt: endOfDueDate(parsed.data.due),
        note: parsed.data.note.trim(),
      },
      user,
      now(),
    );
    if (!created.ok) {
      // The same work, for the same people, due the same day: a second submission, not a second task.
      const { what, who, due } = await describeAssignment(created.existing, requestLang(request));
      return data({ errors: {} as Record<string, string>, formError: m["assign.error.duplicate"](what, who, due), values }, { status: 409 });
    }
    return redirect("/trainer");
  });
}

export default function NewAssignment() {
  const { catalog, teams, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const v = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="narrow">
      <p>
        <Link to="/trainer">← {m["trainer.title"]}</Link>
      </p>
      <h1>{m["assign.new"]}</h1>
      <Form method="post" className="card form" noValidate>
        <FormAlert message={actionData?.formError} />
        <label className="field">
          <span>{m["assign.what"]}</span>
          <select name="work" defaultValue={v.work ?? ""} aria-invalid={errors.work ? true : undefined} aria-describedby="work-error">
            <option value="" disabled>
              —
            </option>
            <optgroup label={m["nav.learn"]}>
              {catalog.modules.map((w) => (
                <option key={w.value} value={w.value}>
                  {m["assign.kind.module"](w.title)}
                </option>
              ))}
            </optgroup>
            <optgroup label={m["nav.quiz"]}>
              {catalog.quizzes.map((w) => (
                <option key={w.value} value={w.value}>
                  {m["assign.kind.quiz"](w.title)}
                </option>
              ))}
            </optgroup>
            <ScenarioOptions label={m["nav.practice"]} work={catalog.scenarios} />
            {catalog.authored.length ? <ScenarioOptions label={m["assign.group.authored"]} work={catalog.authored} /> : null}
          </select>
          <FieldError id="work-error" message={errors.work} />
        </label>
        <label className="field">
          <span>{m["assign.who"]}</span>
          <select name="audience" defaultValue={v.audience ?? ""} aria-invalid={errors.audience ? true : undefined} aria-describedby="audience-error">
            <option value="" disabled>
              —
            </option>
            {teams.map((t) => (
              <optgroup key={t.id} label={t.name}>
                <option value={`team:${t.id}`}>{m["assign.wholeTeam"](t.name)}</option>
                {t.trainees.map((tr) => (
                  <option key={tr.id} value={`trainee:${tr.id}`}>
                    {tr.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError id="audience-error" message={errors.audience} />
        </label>
        <label className="field">
          <span>{m["assign.due"]}</span>
          <input type="date" name="due" min={today} defaultValue={v.due ?? ""} aria-invalid={errors.due ? true : undefined} aria-describedby="due-error" />
          <FieldError id="due-error" message={errors.due} />
        </label>
        <label className="field">
          <span>{m["assign.note"]}</span>
          <textarea name="note" rows={3} maxLength={500} defaultValue={v.note ?? ""} />
          <FieldError id="note-error" message={errors.note} />
        </label>
        <button type="submit" className="button primary">
          {m["assign.submit"]}
        </button>
      </Form>
    </div>
  );
}

/** Scenarios to assign, each in both modes: "情景考核：…" / "Scenario (assessment): …". */
function ScenarioOptions({ label, work }: { label: string; work: ReadonlyArray<{ value: string; title: string; mode: "assessment" | "practice" }> }) {
  const m = useMessages();
  return (
    <optgroup label={label}>
      {work.map((w) => (
        <option key={w.value} value={w.value}>
          {m["assign.kind.scenario"](w.title, w.mode === "assessment" ? m["practice.mode.assessment"] : m["practice.mode.practice"])}
        </option>
      ))}
    </optgroup>
  );
}
