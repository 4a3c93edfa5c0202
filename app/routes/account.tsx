import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
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

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["account.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "change:own-password");
  const { user, session } = await requireSignedIn(request);
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
  return { user: { username: user.username, displayName: user.displayName, role: user.role }, teamName: team?.name ?? null, sessions };
}

export async function action({ request }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    await requirePermission(request, "change:own-password");
    const { user, session } = await requireSignedIn(request);
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    const parsedIntent = accountIntentSchema.safeParse(values);
    if (!parsedIntent.success)
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
        { intent: intent.intent, ok: false, errors: { currentPassword: m["account.error.wrongCurrent"] }, formError: m["form.fixErrors"], message: null },
        { status: 400 },
      );
    }
    return { intent: intent.intent, ok: true, errors: {} as Record<string, string>, formError: null, message: m["account.saved"] };
  });
}

export default function Account() {
  const { user, teamName, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const errors: Record<string, string | undefined> = actionData?.intent === "password" ? actionData.errors : {};
  const password = actionData?.intent === "password" ? actionData : null;
  const sessionsResult = actionData?.intent === "end-session" || actionData?.intent === "end-others" ? actionData : null;
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
      <Form method="post" className="card form" noValidate key={password?.ok ? "saved" : "editing"}>
        <input type="hidden" name="intent" value="password" />
        <h2>{m["account.changePassword"]}</h2>
        <p className="hint">{m["account.changePassword.hint"]}</p>
        {password?.ok ? <FormAlert tone="success" message={password.message} /> : <FormAlert message={password?.formError} />}
        <TextField
          type="password"
          name="currentPassword"
          label={m["account.currentPassword"]}
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
          {m["account.save"]}
        </button>
      </Form>
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
