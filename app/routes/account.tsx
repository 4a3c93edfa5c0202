import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission, requireSignedIn } from "~/auth/session.server";
import { requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { getTeam } from "~/models/teams.server";
import { changeOwnPassword } from "~/models/users.server";
import { endSessions, listSessions } from "~/models/sessions.server";
import { formatDateTime } from "~/utils/dates";
import { FormAlert, TextField } from "~/components/form";
import { fieldErrors, formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { accountIntentSchema, changePasswordSchema } from "~/utils/form-schemas.server";
import { requestLang } from "~/i18n/lang.server";
import { withStoreErrors } from "~/utils/store-errors.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (m) => (args.data?.mustChangePassword ? m["account.firstPassword.title"] : m["account.title"]));

/**
 * One's own account, and the page an account is sent to while the password a supervisor set is still to be
 * replaced: then it shows only the password form, and nothing else opens until it has been used.
 */
const guard = { allowPendingPasswordChange: true };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "change:own-password", guard);
  const { user, session } = await requireSignedIn(request, guard);
  const lang = requestLang(request);
  const team = await getTeam(user.teamId);
  const sessions = (await listSessions(user.id)).map((s) => ({
    id: s.id,
    current: s.id === session.id,
    device: s.device,
    address: s.address,
    signedInAt: formatDateTime(s.createdAt, lang),
    lastSeenAt: formatDateTime(s.lastSeenAt, lang),
  }));
  return {
    user: { username: user.username, displayName: user.displayName, role: user.role },
    mustChangePassword: user.mustChangePassword,
    teamName: team?.name ?? null,
    sessions,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    await requirePermission(request, "change:own-password", guard);
    const { user, session } = await requireSignedIn(request, guard);
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    const parsedIntent = accountIntentSchema.safeParse(values);
    if (!parsedIntent.success || (user.mustChangePassword && parsedIntent.data.intent !== "password"))
      return data({ intent: null, ok: false, errors: {} as Record<string, string>, formError: m["form.invalidRequest"], message: null }, { status: 400 });
    const intent = parsedIntent.data;
    if (intent.intent === "end-session") {
      // Only one's own other sessions: the id is looked up among them, never taken as it comes.
      const ended = intent.sessionId === session.id ? 0 : await endSessions(user.id, { only: intent.sessionId });
      return data(
        {
          intent: intent.intent,
          ok: ended > 0,
          errors: {} as Record<string, string>,
          formError: ended ? null : m["account.sessions.notFound"],
          message: ended ? m["account.sessions.ended"](1) : null,
        },
        { status: ended ? 200 : 404 },
      );
    }
    if (intent.intent === "end-others") {
      const ended = await endSessions(user.id, { allBut: session.id });
      return { intent: intent.intent, ok: true, errors: {} as Record<string, string>, formError: null, message: m["account.sessions.ended"](ended) };
    }
    const parsed = changePasswordSchema.safeParse(values);
    if (!parsed.success)
      return data({ intent: intent.intent, ok: false, errors: fieldErrors(parsed.error, m), formError: m["form.fixErrors"], message: null }, { status: 400 });
    const result = await changeOwnPassword(user.id, parsed.data.currentPassword, parsed.data.newPassword, session.id);
    if (!result.ok) {
      return data(
        {
          intent: intent.intent,
          ok: false,
          errors: { currentPassword: user.mustChangePassword ? m["account.firstPassword.wrong"] : m["account.error.wrongCurrent"] },
          formError: m["form.fixErrors"],
          message: null,
        },
        { status: 400 },
      );
    }
    // The first password of one's own: on to what the user asked for when they signed in.
    if (user.mustChangePassword) throw redirect(safeRedirect(values.redirectTo));
    return { intent: intent.intent, ok: true, errors: {} as Record<string, string>, formError: null, message: m["account.saved"] };
  });
}

export default function Account() {
  const { user, mustChangePassword, teamName, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const m = useMessages();
  const errors: Record<string, string | undefined> = actionData?.intent === "password" ? actionData.errors : {};
  const password = actionData?.intent === "password" ? actionData : null;
  const sessionsResult = actionData?.intent === "end-session" || actionData?.intent === "end-others" ? actionData : null;
  const passwordForm = (
    <Form method="post" className="card form" noValidate key={password?.ok ? "saved" : "editing"} aria-labelledby="password-title">
      <input type="hidden" name="intent" value="password" />
      {mustChangePassword ? <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} /> : null}
      <h2 id="password-title">{m["account.changePassword"]}</h2>
      {mustChangePassword ? null : <p className="hint">{m["account.changePassword.hint"]}</p>}
      {password?.ok ? <FormAlert tone="success" message={password.message} /> : <FormAlert message={password?.formError} />}
      <TextField
        type="password"
        name="currentPassword"
        label={mustChangePassword ? m["account.firstPassword.current"] : m["account.currentPassword"]}
        autoComplete="current-password"
        error={errors.currentPassword}
        required
      />
      <TextField
        type="password"
        name="newPassword"
        label={m["account.newPassword"]}
        autoComplete="new-password"
        error={errors.newPassword}
        hint={m["users.passwordHint"]}
        required
      />
      <TextField
        type="password"
        name="confirmPassword"
        label={m["account.confirmPassword"]}
        autoComplete="new-password"
        error={errors.confirmPassword}
        required
      />
      <button type="submit" className="button primary">
        {mustChangePassword ? m["account.firstPassword.save"] : m["account.save"]}
      </button>
    </Form>
  );
  if (mustChangePassword)
    return (
      <div className="narrow">
        <h1>{m["account.firstPassword.title"]}</h1>
        <p className="lead">{m["account.firstPassword.intro"]}</p>
        {passwordForm}
      </div>
    );
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
      {passwordForm}
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{m["account.sessions.title"]}</h2>
        <p className="hint">{m["account.sessions.hint"]}</p>
        {sessionsResult ? <FormAlert tone={sessionsResult.ok ? "success" : "error"} message={sessionsResult.message ?? sessionsResult.formError} /> : null}
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{s.device || m["account.sessions.unknownDevice"]}</strong>
                {s.current ? <span className="badge">{m["account.sessions.current"]}</span> : null}
                <div className="hint">{m["account.sessions.detail"](s.signedInAt, s.lastSeenAt, s.address)}</div>
              </div>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" className="button small">
                    {m["account.sessions.end"]}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" className="button">
              {m["account.sessions.endOthers"]}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
