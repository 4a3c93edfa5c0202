import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { getSessionEpoch, getUserForSession, type User } from "~/models/users.server";
import { hasPermission, type Permission } from "./permissions";
import { sessionSecret } from "./session-secret.server";
import { safeRedirect } from "~/utils/safe-redirect";

/**
 * The whole session API. The cookie holds the user id and the account's session epoch; an account that was
 * deactivated or had its password reset has a newer epoch, so its old cookies stop working at the next request.
 */

const SESSION_MAX_AGE = 60 * 60 * 12; // one shift

let storages: { plain: SessionStorage; secure: SessionStorage } | null = null;
const SESSION_COOKIE = "__session";
const SESSION_COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]*)`);

function storageFor(request: Request): SessionStorage {
  if (!storages) {
    const secret = sessionSecret();
    const make = (secure: boolean) =>
      createCookieSessionStorage({
        cookie: { name: SESSION_COOKIE, httpOnly: true, sameSite: "lax", path: "/", secrets: [secret], secure, maxAge: SESSION_MAX_AGE },
      });
    storages = { plain: make(false), secure: make(true) };
  }
  return isHttps(request) ? storages.secure : storages.plain;
}

/** Behind https (directly, or a proxy saying so) the cookie is marked Secure. */
function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

async function getSession(request: Request) {
  return storageFor(request).getSession(request.headers.get("Cookie"));
}

/**
 * Session cookies whose signature has been checked, with what they hold. A signed value always holds the same
 * thing, so it is checked once rather than on every request (parsing and an HMAC were a visible share of a
 * role-play turn); whether the account still accepts that session (its epoch) is checked every time.
 */
const verifiedSessions = new Map<string, { userId: string; epoch: number }>();
const VERIFIED_SESSIONS_KEPT = 10_000;

async function sessionIdentity(request: Request): Promise<{ userId: string; epoch: number } | null> {
  const header = request.headers.get("Cookie");
  const value = header && SESSION_COOKIE_VALUE.exec(header)?.[1];
  if (!value) return null;
  const known = verifiedSessions.get(value);
  if (known) return known;
  const session = await storageFor(request).getSession(header);
  const userId = session.get("userId");
  const epoch = session.get("epoch");
  if (typeof userId !== "string" || typeof epoch !== "number") return null;
  if (verifiedSessions.size >= VERIFIED_SESSIONS_KEPT) verifiedSessions.delete(verifiedSessions.keys().next().value!);
  verifiedSessions.set(value, { userId, epoch });
  return { userId, epoch };
}

export async function getUser(request: Request): Promise<User | null> {
  const identity = await sessionIdentity(request);
  return identity && getUserForSession(identity.userId, identity.epoch);
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const target = back === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo: back })}`;
  throw redirect(target);
}

/** The signed-in user, or a redirect to /login that brings them back here afterwards. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getUser(request);
  if (!user) loginRedirect(request);
  return user;
}

/** The signed-in user if their role grants `permission`; otherwise a 403 page. */
export async function requirePermission(request: Request, permission: Permission): Promise<User> {
  const user = await requireUser(request);
  if (!hasPermission(user.role, permission)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export async function createUserSession(request: Request, user: User, redirectTo: string): Promise<Response> {
  const storage = storageFor(request);
  const session = await storage.getSession();
  session.set("userId", user.id);
  session.set("epoch", (await getSessionEpoch(user.id)) ?? 0);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await storage.commitSession(session) } });
}

export async function logout(request: Request): Promise<Response> {
  const storage = storageFor(request);
  const session = await getSession(request);
  return redirect("/login", { headers: { "Set-Cookie": await storage.destroySession(session) } });
}
