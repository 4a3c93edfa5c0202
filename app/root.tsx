import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { getUser } from "~/auth/session.server";
import { unreadCoachingCount } from "~/models/review.server";
import { hasPermission } from "~/auth/permissions";
import { requestLang } from "~/i18n/lang.server";
import { DEFAULT_LANG } from "~/i18n/lang";
import { messagesFor } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { useNonce } from "~/utils/nonce";
import { ErrorPage } from "~/components/error-page";
import { pageTitle } from "~/utils/meta";
import { answeredInPlace } from "~/utils/answered-in-place";
import { forgetDrafts } from "~/utils/saved-draft";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["nav.home"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    lang: requestLang(request),
    user: user && { id: user.id, displayName: user.displayName, role: user.role, mustChangePassword: user.mustChangePassword },
    // A trainer's new comments, counted on Home in the menu: a trainee sees them from any page.
    unreadCoaching: user?.role === "trainee" ? await unreadCoachingCount(user.id) : 0,
  };
}

// A role-play reply answered in place changes nothing the layout shows (the user and the language).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  answeredInPlace(actionResult) ? false : defaultShouldRevalidate;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const lang = data?.lang ?? DEFAULT_LANG;
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppHeader />
        <main id="main" className="page">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function AppHeader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const m = messagesFor(data?.lang ?? DEFAULT_LANG);
  const location = useLocation();
  const user = data?.user;
  const here = location.pathname + location.search;
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {m.skipToContent}
      </a>
      <div className="app-header__inner">
        <a className="brand" href="/">
          {m.appName}
        </a>
        {/* Until the password a supervisor set is replaced, nothing but the account page opens: no menu to offer. */}
        {user && !user.mustChangePassword ? (
          <nav aria-label={m["nav.menu"]} className="app-nav">
            <NavLink to="/" end>
              {m["nav.home"]}
              {data?.unreadCoaching ? (
                <span className="nav-count" data-testid="unread-coaching">
                  <span aria-hidden="true">{data.unreadCoaching}</span>
                  <span className="visually-hidden">{m.paren(m["coaching.unread"](data.unreadCoaching))}</span>
                </span>
              ) : null}
            </NavLink>
            <NavLink to="/learn">{m["nav.learn"]}</NavLink>
            {hasPermission(user.role, "practice:scenarios") ? <NavLink to="/practice">{m["nav.practice"]}</NavLink> : null}
            {hasPermission(user.role, "take:quizzes") ? <NavLink to="/quiz">{m["nav.quiz"]}</NavLink> : null}
            {hasPermission(user.role, "assign:work") ? <NavLink to="/trainer">{m["nav.trainer"]}</NavLink> : null}
            {hasPermission(user.role, "view:dashboard") ? (
              <NavLink to="/supervisor" end>
                {m["nav.dashboard"]}
              </NavLink>
            ) : null}
            {hasPermission(user.role, "manage:users") ? <NavLink to="/supervisor/users">{m["nav.users"]}</NavLink> : null}
            <NavLink to="/account">{m["nav.account"]}</NavLink>
          </nav>
        ) : null}
        <div className="app-header__tools">
          <Form method="post" action="/language" className="inline-form">
            <input type="hidden" name="lang" value={data?.lang === "en" ? "zh-CN" : "en"} />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" className="link-button" aria-label={m["lang.switchLabel"]} lang={data?.lang === "en" ? "zh-CN" : "en"}>
              {m["lang.switchTo"]}
            </button>
          </Form>
          {user ? (
            <>
              <span className="who">{m.signedInAs(user.displayName, m[`role.${user.role}`])}</span>
              <Form method="post" action="/logout" className="inline-form" onSubmit={forgetDrafts}>
                <button type="submit" className="link-button">
                  {m["nav.logout"]}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}

export default function App() {
  // Marks the page as hydrated, so end-to-end tests know when client-side behaviour is live.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const m = useMessages();
  if (isRouteErrorResponse(error)) {
    // A refusal's message is its text; the generic "Not Found"/"Forbidden" texts are replaced by the page's own.
    const message = typeof error.data === "string" && error.status !== 404 && error.status !== 403 ? error.data : undefined;
    return <ErrorPage status={error.status} message={message} />;
  }
  console.error(error);
  return <ErrorPage status={500} message={m["error.generic.body"]} />;
}
