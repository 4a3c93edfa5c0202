import { createHash, randomBytes } from "node:crypto";
import { LOGIN_THROTTLE } from "~/auth/login-throttle";
import { isLive, SESSION_LIMITS, type SessionsToEnd } from "~/auth/session-rules";
import { storeKind } from "~/store/config.server";
import type { SessionRow } from "~/store/schema";
import { lowdbSessions } from "./lowdb/sessions.server";
import { postgresSessions } from "./postgres/sessions.server";
import type { SessionsBackend } from "./store-backends";

export { SESSION_LIMITS };

/**
 * Signed-in sessions, as records: each sign-in makes one, with a random token that only the browser's cookie
 * holds (the store keeps its SHA-256). Signing out ends it; changing one's password ends the others; a
 * supervisor's reset or deactivation ends them all. A session ends by itself after 12 hours without use, and
 * after 7 days whatever the use (auth/session-rules.ts). Every call asks the store: a session ended on one
 * server is ended for every server.
 */
export type Session = Readonly<SessionRow>;

/** The store's sessions: lowdb's or PostgreSQL's, as STORE says. */
const store = (): SessionsBackend => (storeKind() === "postgres" ? postgresSessions : lowdbSessions);

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** A browser's description, shortened to what a person recognises in a list ("Chrome on Windows"). */
export function deviceName(userAgent: string | null): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /MicroMessenger/.test(ua)
      ? "WeChat"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrome\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : "";
  const system = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return [browser, system].filter(Boolean).join(" · ").slice(0, 60) || ua.slice(0, 60);
}

/** Starts a session; returns the token for the cookie (never stored). */
export async function createSession(userId: string, from: { device: string; address: string }, now = new Date()): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString("base64url");
  const at = now.toISOString();
  const session: SessionRow = {
    id: hashOf(token),
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + SESSION_LIMITS.absoluteMs).toISOString(),
    device: from.device,
    address: from.address,
  };
  await store().insert(userId, session, now);
  return { token, session };
}

/** The live session a token opens, marking it as used; null if it has ended, expired or never was. */
export async function findSession(userId: string, token: string, now = new Date()): Promise<Session | null> {
  const session = await store().get(userId, hashOf(token));
  if (!session || !isLive(session, now)) return null;
  if (now.getTime() - new Date(session.lastSeenAt).getTime() < SESSION_LIMITS.touchEveryMs) return session;
  // A touch that cannot be written (a full disk, a database gone) is let go: it only brings the idle limit a few minutes closer.
  return store()
    .touch(userId, session.id, now)
    .catch(() => session);
}

/** A user's live sessions, newest first. */
export async function listSessions(userId: string, now = new Date()): Promise<Session[]> {
  return (await store().list(userId)).filter((s) => isLive(s, now)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Ends sessions of a user: one, all but one, or all. Returns how many ended. */
export async function endSessions(userId: string, which: SessionsToEnd, now = new Date()): Promise<number> {
  return store().end(userId, which, now);
}

/** Whether the user signed in from this address lately. */
export async function isKnownAddress(userId: string, address: string): Promise<boolean> {
  return store().isKnownAddress(userId, address);
}

/** Remembers an address the user signed in from (the last few are kept). */
export async function rememberAddress(userId: string, address: string, now = new Date()): Promise<void> {
  await store().rememberAddress(userId, address, now, LOGIN_THROTTLE.knownAddresses);
}
