import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { listTeams, setTeamsTrainedBy } from "~/models/teams.server";
import { getUserById, resetPassword, setUserActive, updateUserProfile } from "~/models/users.server";
import { lockedNames, unlockName } from "~/models/login.server";
import { requestLang } from "~/i18n/lang.server";
import { formatDateTime } from "~/utils/dates";
import { FormAlert, IntentAlert, TextField, useEmptiedAfter } from "~/components/form";
import { ConfirmStep } from "~/components/confirm-step";
import { RoleAndTeamFields } from "~/components/account-fields";
import { fieldErrors, formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { editUserSchemas } from "~/utils/form-schemas.server";
import type { Role } from "~/auth/permissions";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (m) => (args.data ? m["users.editTitle"](args.data.user.displayName) : m["users.title"]));

async function findUser(id: string | undefined) {
  const user = id ? await getUserById(id) : null;
  if (!user) throw new Response("Not Found", { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const me = await requirePermission(request, "manage:users");
  const user = await findUser(params.userId);
  const teams = await listTeams();
  const lockedUntil = (await lockedNames()).get(user.username);
  return {
    user,
    lockedUntil: lockedUntil ? formatDateTime(lockedUntil.toISOString(), requestLang(request)) : null,
    isSelf: me.id === user.id,
    teams: teams.map((t) => ({ id: t.id, name: t.name, trainedByUser: t.trainerIds.includes(user.id) })),
  };
}

type Intent = keyof typeof editUserSchemas;

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const me = await requirePermission(request, "manage:users");
    const user = await findUser(params.userId);
    const m = requestMessages(request);
    const form = await readForm(request, m);
    const values = formValues(form);
    const intent = values.intent as Intent;
    if (!(intent in editUserSchemas))
      return data({ intent: null, errors: {}, message: null, formError: m["form.invalidRequest"], confirm: null }, { status: 400 });
    const parsed = editUserSchemas[intent].safeParse(values);
    const fail = (errors: Record<string, string>, formError = m["form.fixErrors"]) =>
      data({ intent, errors, message: null, formError, confirm: null }, { status: 400 });
    const done = (message: string) => ({ intent, errors: {}, message, formError: null, confirm: null });
    // A change that takes something away or hands out power asks first; `fields` are posted again with the yes.
    const ask = (confirm: { fields: Record<string, string>; role?: Role }) => ({ intent, errors: {}, message: null, formError: null, confirm });
    if (!parsed.success) return fail(fieldErrors(parsed.error, m));
    const teams = await listTeams();

    switch (intent) {
      case "profile": {
        const p = editUserSchemas.profile.parse(values);
        if (!teams.some((t) => t.id === p.teamId)) return fail({ teamId: m["form.invalidChoice"] });
        if (me.id === user.id && p.role !== user.role) return fail({ role: m["users.cannotDemoteSelf"] });
        const roleChanges = p.role !== user.role;
        if (roleChanges && !p.confirmed) return ask({ fields: { intent, displayName: p.displayName, role: p.role, teamId: p.teamId }, role: p.role });
        await updateUserProfile(user.id, p);
        if (p.role !== "trainer") await setTeamsTrainedBy(user.id, []);
        return done(roleChanges ? m["users.roleChanged"](p.displayName, m[`role.${p.role}`]) : m["users.profileSaved"](p.displayName));
      }
      case "password": {
        await resetPassword(user.id, editUserSchemas.password.parse(values).password);
        return done(m["users.passwordReset"](user.displayName));
      }
      case "active": {
        const { active, confirmed } = editUserSchemas.active.parse(values);
        if (me.id === user.id && active === "false") return fail({}, m["users.cannotDeactivateSelf"]);
        if (active === "false" && !confirmed) return ask({ fields: { intent, active } });
        await setUserActive(user.id, active === "true");
        return done(active === "true" ? m["users.activated"](user.displayName) : m["users.deactivated"](user.displayName));
      }
      case "unlock": {
        await unlockName(user.username);
        return done(m["users.unlocked"](user.displayName));
      }
      case "trains-teams": {
        const chosen = form.getAll("teamIds").map(String);
        if (user.role !== "trainer" || chosen.some((id) => !teams.some((t) => t.id === id))) return fail({}, m["form.invalidChoice"]);
        await setTeamsTrainedBy(user.id, chosen);
        return done(m["users.trainsTeamsSaved"](user.displayName));
      }
    }
  });
}

export default function EditUser() {
  const { user, isSelf, teams, lockedUntil } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const errorsFor = (intent: Intent): Record<string, string | undefined> => (actionData?.intent === intent ? actionData.errors : {});
  const alertFor = (intent: Intent) => <IntentAlert result={actionData} intent={intent} />;
  const profileErrors = errorsFor("profile");
  const confirmFor = (intent: Intent) => (actionData?.intent === intent ? actionData.confirm : null);
  const roleChange = confirmFor("profile");
  const newRole = roleChange?.role;
  const deactivation = confirmFor("active");
  // The temporary password does not stay on screen once it is set.
  const resetForm = useEmptiedAfter(actionData?.intent === "password" && actionData.message ? actionData : null);
  return (
    <div className="narrow">
      <p>
        <Link to="/supervisor/users">← {m["users.backToList"]}</Link>
      </p>
      <h1>{m["users.editTitle"](user.displayName)}</h1>
      {actionData && !actionData.intent ? <FormAlert message={actionData.formError} /> : null}

      {roleChange && newRole ? (
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{m["account.profile"]}</h2>
          <ConfirmStep
            question={m["users.roleConfirm.question"](roleChange.fields.displayName, m[`role.${newRole}`])}
            fields={roleChange.fields}
            confirmLabel={m["users.roleConfirm.yes"](m[`role.${newRole}`])}
            keepLabel={m["users.roleConfirm.keep"]}
          >
            <p>{m[`users.roleConfirm.what.${newRole}`](roleChange.fields.displayName)}</p>
          </ConfirmStep>
        </section>
      ) : (
        // Keyed by what is saved: shown again after a confirmed change, it starts from the new values, not the ones
        // it had before (the action's answer can arrive before the page's reloaded data).
        <Form method="post" className="card form" noValidate aria-labelledby="profile-title" key={`${user.displayName} ${user.role} ${user.teamId}`}>
          <h2 id="profile-title">{m["account.profile"]}</h2>
          {alertFor("profile")}
          <input type="hidden" name="intent" value="profile" />
          <p className="muted">
            {m["users.username"]}: <code>{user.username}</code>
          </p>
          <TextField
            name="displayName"
            label={m["users.displayName"]}
            error={profileErrors.displayName}
            defaultValue={user.displayName}
            required
            maxLength={40}
          />
          <RoleAndTeamFields teams={teams} role={user.role} teamId={user.teamId} errors={profileErrors} roleLocked={isSelf} />
          <button type="submit" className="button primary">
            {m["users.saveProfile"]}
          </button>
        </Form>
      )}

      {user.role === "trainer" ? (
        <Form method="post" className="card form" aria-labelledby="trains-title">
          <h2 id="trains-title">{m["users.trainsTeams"]}</h2>
          {alertFor("trains-teams")}
          <input type="hidden" name="intent" value="trains-teams" />
          <fieldset>
            <legend className="muted">{m["users.trainsTeamsHint"]}</legend>
            {teams.map((t) => (
              <label key={t.id} className="check-row">
                <input type="checkbox" name="teamIds" value={t.id} defaultChecked={t.trainedByUser} /> {t.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {m["users.saveTrainsTeams"]}
          </button>
        </Form>
      ) : null}

      {lockedUntil || actionData?.intent === "unlock" ? (
        <Form method="post" className="card form" aria-labelledby="lock-title">
          <h2 id="lock-title">{m["users.lock.title"]}</h2>
          {alertFor("unlock")}
          {lockedUntil ? (
            <>
              <p>{m["users.lock.lockedUntil"](lockedUntil)}</p>
              <input type="hidden" name="intent" value="unlock" />
              <button type="submit" className="button">
                {m["users.lock.unlock"]}
              </button>
            </>
          ) : null}
        </Form>
      ) : null}

      <Form method="post" className="card form" noValidate aria-labelledby="reset-title" ref={resetForm}>
        <h2 id="reset-title">{m["users.resetPassword"]}</h2>
        {alertFor("password")}
        <p className="muted">{m["users.resetPasswordIntro"]}</p>
        <input type="hidden" name="intent" value="password" />
        <TextField
          name="password"
          type="password"
          label={m["users.newPassword"]}
          hint={m["users.temporaryPasswordHint"]}
          error={errorsFor("password").password}
          required
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {m["users.resetPassword"]}
        </button>
      </Form>

      <section className="card" aria-labelledby="status-title">
        <h2 id="status-title">{m["users.dangerZone"]}</h2>
        {alertFor("active")}
        <p>
          {m["users.status"]}: <strong>{user.active ? m["users.active"] : m["users.inactive"]}</strong>
        </p>
        {deactivation ? (
          <ConfirmStep
            question={m["users.deactivateConfirm.question"](user.displayName)}
            fields={deactivation.fields}
            confirmLabel={m["users.deactivateConfirm.yes"]}
            keepLabel={m["users.deactivateConfirm.keep"]}
          >
            <p>{m["users.deactivateConfirm.what"](user.displayName)}</p>
          </ConfirmStep>
        ) : (
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="active" />
            <input type="hidden" name="active" value={user.active ? "false" : "true"} />
            <button type="submit" className={user.active ? "button danger" : "button"} disabled={isSelf && user.active}>
              {user.active ? m["users.deactivate"] : m["users.activate"]}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
