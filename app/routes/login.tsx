import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { createUserSession, getUser } from "~/auth/session.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { signIn } from "~/models/login.server";
import { listDemoAccounts } from "~/models/users.server";
import { fieldErrors, formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { safeRedirect } from "~/utils/safe-redirect";
import { FormAlert, TextField } from "~/components/form";
import { loginSchema } from "~/utils/form-schemas.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["login.title"]);

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return { demoAccounts: await listDemoAccounts() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    const parsed = loginSchema.safeParse(values);
    if (!parsed.success) {
      return data({ errors: fieldErrors(parsed.error, m), formError: m["form.fixErrors"], username: values.username ?? "" }, { status: 400 });
    }
    const { username, password, redirectTo } = parsed.data;
    const result = await signIn(username, password, context.clientAddress);
    if (result.ok) return createUserSession(request, result.user, safeRedirect(redirectTo), context.clientAddress);
    let formError: string;
    let status = 400;
    if (result.error === "locked") {
      const time = result.until.toLocaleTimeString(requestLang(request), { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });
      const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60000));
      formError = result.scope === "address" ? m["login.error.addressLocked"](time, minutes) : m["login.error.locked"](time, minutes);
      status = 429;
    } else {
      formError = result.error === "inactive" ? m["login.error.inactive"] : m["login.error.invalid"];
    }
    return data({ errors: {} as Record<string, string>, formError, username }, { status });
  });
}

export default function Login() {
  const { demoAccounts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const m = useMessages();
  const errors = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <h1>{m["login.title"]}</h1>
      <p className="lead">{m["login.intro"]}</p>
      <Form method="post" className="card form" noValidate>
        <FormAlert message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField name="username" label={m["login.username"]} error={errors.username} autoComplete="username" required defaultValue={actionData?.username} />
        <TextField name="password" type="password" label={m["login.password"]} error={errors.password} autoComplete="current-password" required />
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {m["login.submit"]}
        </button>
      </Form>
      {demoAccounts.length > 0 ? (
        <section className="card demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{m["login.demo.title"]}</h2>
          <p>{m["login.demo.hint"]}</p>
          <ul>
            {demoAccounts.map((a) => (
              <li key={a.username}>
                <code>{a.username}</code> · {a.displayName} · {m[`role.${a.role}`]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
