import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { getTeam } from "~/models/teams.server";
import { changeOwnPassword } from "~/models/users.server";
import { FormAlert, TextField } from "~/components/form";
import { fieldErrors, formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { changePasswordSchema } from "~/utils/form-schemas.server";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["account.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "change:own-password");
  const team = await getTeam(user.teamId);
  return { user: { username: user.username, displayName: user.displayName, role: user.role }, teamName: team?.name ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "change:own-password");
  const m = requestMessages(request);
  const parsed = changePasswordSchema.safeParse(formValues(await readForm(request, m)));
  if (!parsed.success) return data({ ok: false, errors: fieldErrors(parsed.error, m), formError: m["form.fixErrors"] }, { status: 400 });
  const result = await changeOwnPassword(user.id, parsed.data.currentPassword, parsed.data.newPassword);
  if (!result.ok) {
    return data({ ok: false, errors: { currentPassword: m["account.error.wrongCurrent"] }, formError: m["form.fixErrors"] }, { status: 400 });
  }
  return { ok: true, errors: {} as Record<string, string>, formError: null };
}

export default function Account() {
  const { user, teamName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <h1>{m["account.title"]}</h1>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{m["account.profile"]}</h2>
        <dl className="facts">
          <dt>{m["users.displayName"]}</dt>
          <dd>{user.displayName}</dd>
          <dt>{m["users.username"]}</dt>
          <dd>{user.username}</dd>
          <dt>{m["users.role"]}</dt>
          <dd>{m[`role.${user.role}`]}</dd>
          <dt>{m["account.team"]}</dt>
          <dd>{teamName ?? m["users.none"]}</dd>
        </dl>
      </section>
      <Form method="post" className="card form" noValidate key={actionData?.ok ? "saved" : "editing"}>
        <h2>{m["account.changePassword"]}</h2>
        {actionData?.ok ? <FormAlert tone="success" message={m["account.saved"]} /> : <FormAlert message={actionData?.formError} />}
        <TextField type="password" name="currentPassword" label={m["account.currentPassword"]} autoComplete="current-password" error={errors.currentPassword} required />
        <TextField type="password" name="newPassword" label={m["account.newPassword"]} autoComplete="new-password" error={errors.newPassword} hint={m["users.passwordHint"]} required />
        <TextField type="password" name="confirmPassword" label={m["account.confirmPassword"]} autoComplete="new-password" error={errors.confirmPassword} required />
        <button type="submit" className="button primary">
          {m["account.save"]}
        </button>
      </Form>
    </div>
  );
}
