import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { sortedByName } from "~/utils/collate";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { createTeam, listTeams } from "~/models/teams.server";
import { createUser, listUsers } from "~/models/users.server";
import { IntentAlert, TextField, useEmptiedAfter } from "~/components/form";
import { RoleAndTeamFields } from "~/components/account-fields";
import { fieldErrors, formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { Table } from "~/components/table";
import { createUserSchema, createTeamSchema } from "~/utils/form-schemas.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["users.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:users");
  const [users, teams] = await Promise.all([listUsers(), listTeams()]);
  return { users: sortedByName(users, (u) => u.displayName), teams };
}

export async function action({ request }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    await requirePermission(request, "manage:users");
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    if (values.intent === "create-team") {
      const parsed = createTeamSchema.safeParse(values);
      if (!parsed.success)
        return data({ intent: "create-team", errors: fieldErrors(parsed.error, m), message: null, formError: m["form.fixErrors"] }, { status: 400 });
      const result = await createTeam(parsed.data.name);
      if (!result.ok)
        return data(
          { intent: "create-team", errors: { name: m["users.error.teamNameTaken"] }, message: null, formError: m["form.fixErrors"] },
          { status: 400 },
        );
      return { intent: "create-team", errors: {}, message: m["users.teamCreated"](result.team.name), formError: null };
    }
    const parsed = createUserSchema.safeParse(values);
    if (!parsed.success)
      return data({ intent: "create-user", errors: fieldErrors(parsed.error, m), message: null, formError: m["form.fixErrors"] }, { status: 400 });
    const teams = await listTeams();
    if (!teams.some((t) => t.id === parsed.data.teamId)) {
      return data({ intent: "create-user", errors: { teamId: m["form.invalidChoice"] }, message: null, formError: m["form.fixErrors"] }, { status: 400 });
    }
    // The password is the supervisor's choice: its owner must replace it at their first sign-in.
    const result = await createUser({ ...parsed.data, mustChangePassword: true });
    if (!result.ok)
      return data(
        { intent: "create-user", errors: { username: m["users.error.usernameTaken"] }, message: null, formError: m["form.fixErrors"] },
        { status: 400 },
      );
    return { intent: "create-user", errors: {}, message: m["users.created"](result.user.displayName, result.user.username), formError: null };
  });
}

export default function Users() {
  const { users, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? m["users.none"];
  const userErrors: Record<string, string | undefined> = actionData?.intent === "create-user" ? actionData.errors : {};
  const teamErrors: Record<string, string | undefined> = actionData?.intent === "create-team" ? actionData.errors : {};
  // Once an account is created the form is blank again: no name, username or password is left in it.
  const createForm = useEmptiedAfter(actionData?.intent === "create-user" && actionData.message ? actionData : null);
  return (
    <>
      <h1>{m["users.title"]}</h1>
      <p className="lead">{m["users.intro"]}</p>
      <section className="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{m["users.title"]}</h2>
        <Table
          label={m["users.title"]}
          headers={[m["users.displayName"], m["users.username"], m["users.role"], m["users.team"], m["users.status"], m["users.actions"]]}
        >
          {users.map((u) => (
            <tr key={u.id} className={u.active ? undefined : "muted"} data-username={u.username}>
              <th scope="row">{u.displayName}</th>
              <td>{u.username}</td>
              <td>{m[`role.${u.role}`]}</td>
              <td>{teamName(u.teamId)}</td>
              <td>
                {u.active ? m["users.active"] : m["users.inactive"]}
                {u.active && u.mustChangePassword ? <div className="muted">{m["users.passwordPending"]}</div> : null}
              </td>
              <td>
                <Link to={`/supervisor/users/${u.id}`} aria-label={`${m["users.edit"]} ${u.displayName}`}>
                  {m["users.edit"]}
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      </section>

      <div className="two-columns">
        <Form method="post" className="card form" noValidate aria-labelledby="create-user-title" ref={createForm}>
          <h2 id="create-user-title">{m["users.create"]}</h2>
          <IntentAlert result={actionData} intent="create-user" />
          <input type="hidden" name="intent" value="create-user" />
          <TextField name="displayName" label={m["users.displayName"]} error={userErrors.displayName} required maxLength={40} />
          <TextField name="username" label={m["users.username"]} hint={m["users.usernameHint"]} error={userErrors.username} required autoComplete="off" />
          <RoleAndTeamFields teams={teams} errors={userErrors} />
          <TextField
            name="password"
            type="password"
            label={m["users.initialPassword"]}
            hint={m["users.temporaryPasswordHint"]}
            error={userErrors.password}
            required
            autoComplete="new-password"
          />
          <button type="submit" className="button primary">
            {m["users.createSubmit"]}
          </button>
        </Form>

        <section className="card" aria-labelledby="teams-title">
          <h2 id="teams-title">{m["users.teams"]}</h2>
          <ul className="plain-list">
            {teams.map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong> · {m["users.teamMembers"](users.filter((u) => u.teamId === t.id && u.active).length)} · {m["users.teamTrainers"]}
                {m.colon}
                {t.trainerIds
                  .map((id) => users.find((u) => u.id === id)?.displayName)
                  .filter(Boolean)
                  .join("、") || m["users.none"]}
              </li>
            ))}
          </ul>
          <Form method="post" className="form" noValidate>
            <IntentAlert result={actionData} intent="create-team" />
            <input type="hidden" name="intent" value="create-team" />
            <TextField name="name" label={m["users.teamName"]} error={teamErrors.name} required maxLength={40} />
            <button type="submit" className="button">
              {m["users.createTeam"]}
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}
