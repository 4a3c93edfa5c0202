import { createHash, randomBytes } from "node:crypto";
import { LOGIN_THROTTLE } from "~/auth/login-throttle";
import { sessionsFile } from "~/store/db.server";
import type { SessionRow, SessionsData } from "~/store/schema";

/**
 * Signed-in sessions, as records: each sign-in makes one, with a random token that only the browser's cookie
 * holds (the store keeps its SHA-256). Signing out ends it; changing one's password ends the others; a
 * supervisor's reset or deactivation ends them all. A session ends by itself after 12 hours without use, and
 * after 7 days whatever the use.
 */
export const SESSION_LIMITS = {
  idleMs: 12 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  /** Last-seen is written at most this often per session: often enough for the idle limit, rarely enough to cost nothing. */
  touchEveryMs: 5 * 60 * 1000,
} as const;

export type Session = Readonly<SessionRow>;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

function isLive(session: SessionRow, now: Date): boolean {
  return new Date(session.expiresAt) > now && now.getTime() - new Date(session.lastSeenAt).getTime() < SESSION_LIMITS.idleMs;
}

function pruned(data: SessionsData, now: Date): void {
  data.sessions = data.sessions.filter((s) => isLive(s, now));
}

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
  const file = await sessionsFile(userId);
  await file.update((data) => {
    pruned(data, now);
    data.sessions.push(session);
  });
  return { token, session };
}

/** The live session a token opens, marking it as used; null if it has ended, expired or never was. */
export async function findSession(userId: string, token: string, now = new Date()): Promise<Session | null> {
  const file = await sessionsFile(userId);
  const id = hashOf(token);
  const session = file.data.sessions.find((s) => s.id === id);
  if (!session || !isLive(session, now)) return null;
  if (now.getTime() - new Date(session.lastSeenAt).getTime() >= SESSION_LIMITS.touchEveryMs) {
    // A touch that cannot be written (a full disk) is let go: it only brings the idle limit a few minutes closer.
    await file
      .update((data) => {
        const row = data.sessions.find((s) => s.id === id);
        if (row) row.lastSeenAt = now.toISOString();
        pruned(data, now);
      })
      .catch(() => {});
  }
  return file.data.sessions.find((s) => s.id === id) ?? null;
}

/** A user's live sessions, newest first. */
export async function listSessions(userId: string, now = new Date()): Promise<Session[]> {
  const file = await sessionsFile(userId);
  return file.data.sessions.filter((s) => isLive(s, now)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Ends sessions of a user: one, all but one, or all. Returns how many ended. */
export async function endSessions(userId: string, which: { only: string } | { allBut: string } | "all", now = new Date()): Promise<number> {
  const file = await sessionsFile(userId);
  return file.update((data) => {
    const before = data.sessions.length;
    data.sessions = data.sessions.filter((s) => (which === "all" ? false : "only" in which ? s.id !== which.only : s.id === which.allBut));
    const ended = before - data.sessions.length;
    pruned(data, now);
    return ended;
  });
}

/** Whether the user signed in from this address lately. */
export async function isKnownAddress(userId: string, address: string): Promise<boolean> {
  return (await sessionsFile(userId)).data.knownAddresses.some((a) => a.address === address);
}

/** Remembers an address the user signed in from (the last few are kept). */
export async function rememberAddress(userId: string, address: string, now = new Date()): Promise<void> {
  const file = await sessionsFile(userId);
  await file.update((data) => {
    data.knownAddresses = [{ address, lastAt: now.toISOString() }, ...data.knownAddresses.filter((a) => a.address !== address)].slice(
      0,
      LOGIN_THROTTLE.knownAddresses,
    );
  });
}
