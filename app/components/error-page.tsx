import { useMessages } from "~/i18n/use-messages";
import { errorTitle } from "~/utils/meta";

/** The page shown for 4xx/5xx inside the app's layout, in the UI language, never with a stack trace. */
export function ErrorPage({ status, message }: { status: number; message?: string }) {
  const m = useMessages();
  const title = errorTitle(m, status);
  const body =
    status === 404 ? m["error.notFound.body"] : status === 403 ? m["error.forbidden.body"] : status < 500 ? m["form.invalidRequest"] : m["error.generic.body"];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{message ?? body}</p>
      <p>
        <a href="/">{m["error.backHome"]}</a>
      </p>
    </section>
  );
}
