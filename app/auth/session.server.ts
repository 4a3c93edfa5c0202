import { createCookie, redirect, type Cookie } from "@remix-run/node";
import { createSession, deviceName, endSessions, findSession, SESSION_LIMITS, type Session } from "~/models/sessions.server";
import { getActiveUser, type User } from "~/models/users.server";
import { withStoreErrors } from "~/utils/store-errors.server";
import { hasPermission, type Permission } from "./permissions";
import { sessionSecret } from "./session-secret.server";
import { safeRedirect } from "~/utils/safe-redirect";

/**
 * The whole session API. The cookie holds `<userId>.<token>`, signed; the session itself is a record in the
 * store (models/sessions.server.ts), so signing out, a password change, a reset or a deactivation ends it on the
 * server, whatever the browser keeps.
 */

const SESSION_COOKIE = "__session";
const SESSION_COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]*)`);

let cookies: { plain: Cookie; secure: Cookie } | null = null;

function cookieFor(request: Request): Cookie {
  if (!cookies) {
    const secret = sessionSecret();
    const make = (secure: boolean) =>
      createCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", path: "/", secrets: [secret], secure, maxAge: SESSION_LIMITS.absoluteMs / 1000 });
    cookies = { plain: make(false), secure: make(true) };
  }
  return isHttps(request) ? cookies.secure : cookies.plain;
}

/** Behind https (directly, or a proxy saying so) the cookie is marked Secure. */
function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/**
 * Cookie values whose signature has been checked, with what they hold: a signed value always holds the same
 * thing, so its HMAC is checked once, not on every request. Whether the session is still live is checked every time.
 */
const verifiedCookies = new Map<string, { userId: string; token: string } | null>();
const VERIFIED_KEPT = 10_000;

async function cookieIdentity(request: Request): Promise<{ userId: string; token: string } | null> {
  const header = request.headers.get("Cookie");
  const value = header && SESSION_COOKIE_VALUE.exec(header)?.[1];
  if (!value) return null;
  if (verifiedCookies.has(value)) return verifiedCookies.get(value)!;
  const parsed: unknown = await cookieFor(request).parse(header);
  const match = typeof parsed === "string" ? /^([a-z0-9]{6,40})\.([A-Za-z0-9_-]{43})$/.exec(parsed) : null;
  const identity = match ? { userId: match[1], token: match[2] } : null;
  if (verifiedCookies.size >= VERIFIED_KEPT) verifiedCookies.delete(verifiedCookies.keys().next().value!);
  verifiedCookies.set(value, identity);
  return identity;
}

/**
 * The signed-in user and their session, if the cookie opens a live session of an active account. A store that
 * cannot be reached answers 503 in the user's language here, where every signed-in page's loader starts.
 */
export async function getSignedIn(request: Request): Promise<{ user: User; session: Session } | null> {
  const identity = await cookieIdentity(request);
  if (!identity) return null;
  return withStoreErrors(request, async () => {
    const session = await findSession(identity.userId, identity.token);
    if (!session) return null;
    const user = await getActiveUser(identity.userId);
    return user ? { user, session } : null;
  });
}

export async function getUser(request: Request): Promise<User | null> {
  return (await getSignedIn(request))?.user ?? null;
}

/** A redirect to `page` that brings the user back to what they asked for afterwards. */
function redirectAndReturn(request: Request, page: string): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" || url.pathname === page ? page : `${page}?${new URLSearchParams({ redirectTo: back })}`);
}

/**
 * The one page an account may open while the password a supervisor set (on creating it, or a reset) is still to
 * be replaced by its owner: every other loader and action sends it here.
 */
export const CHANGE_PASSWORD_PAGE = "/account";

/** Whether a guard lets through an account that still has to replace the password a supervisor set (its own page does). */
type GuardOptions = { allowPendingPasswordChange?: boolean };

/** The signed-in user, or a redirect to /login that brings them back here afterwards. */
export async function requireUser(request: Request, options: GuardOptions = {}): Promise<User> {
  return (await requireSignedIn(request, options)).user;
}

/** The signed-in user with their session (the account page lists sessions and marks this one). */
export async function requireSignedIn(request: Request, { allowPendingPasswordChange = false }: GuardOptions = {}): Promise<{ user: User; session: Session }> {
  const signedIn = await getSignedIn(request);
  if (!signedIn) redirectAndReturn(request, "/login");
  if (signedIn.user.mustChangePassword && !allowPendingPasswordChange) redirectAndReturn(request, CHANGE_PASSWORD_PAGE);
  return signedIn;
}

/** The signed-in user if their role grants `permission`; otherwise a 403 page. */
export async function requirePermission(request: Request, permission: Permission, options: GuardOptions = {}): Promise<User> {
  const user = await requireUser(request, options);
  if (!hasPermission(user.role, permission)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** Starts a session for a user who has just signed in, from the address the request came from. */
export async function createUserSession(request: Request, user: User, redirectTo: string, address: string): Promise<Response> {
  const { token } = await createSession(user.id, { device: deviceName(request.headers.get("User-Agent")), address });
  const cookie = await cookieFor(request).serialize(`${user.id}.${token}`);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": cookie } });
}

/** Ends this browser's session on the server and clears its cookie. */
export async function logout(request: Request): Promise<Response> {
  const signedIn = await getSignedIn(request);
  if (signedIn) await endSessions(signedIn.user.id, { only: signedIn.session.id });
  const cookie = await cookieFor(request).serialize("", { maxAge: 0, expires: new Date(0) });
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
