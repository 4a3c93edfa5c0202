import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLang, langCookie } from "~/i18n/lang";
import { requestMessages } from "~/i18n/lang.server";
import { formValues, readForm, refusal } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/safe-redirect";

/** Switches the UI language and remembers it in the `lang` cookie, then returns to the page. */
export async function action({ request }: ActionFunctionArgs) {
  const messages = requestMessages(request);
  const values = formValues(await readForm(request, messages));
  if (!isLang(values.lang)) throw refusal(messages["form.invalidChoice"], 400);
  return redirect(safeRedirect(values.redirectTo), { headers: { "Set-Cookie": langCookie(values.lang) } });
}

export function loader() {
  return redirect("/");
}
