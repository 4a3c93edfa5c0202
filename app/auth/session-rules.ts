/**
 * How long a session lives, pure: it ends by itself after 12 hours without use, and after 7 days whatever the
 * use. Both stores prune by these rules (models/lowdb/sessions.server.ts, models/postgres/sessions.server.ts).
 */
export const SESSION_LIMITS = {
  idleMs: 12 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  /** Last-seen is written at most this often per session: often enough for the idle limit, rarely enough to cost nothing. */
  touchEveryMs: 5 * 60 * 1000,
} as const;

/** Whether a session (by its times) is still live at `now`. */
export function isLive(session: { expiresAt: string; lastSeenAt: string }, now: Date): boolean {
  return new Date(session.expiresAt) > now && now.getTime() - new Date(session.lastSeenAt).getTime() < SESSION_LIMITS.idleMs;
}

/** Which of a user's sessions to end: one, all but one (the one in use), or all. */
export type SessionsToEnd = { only: string } | { allBut: string } | "all";

/** Whether `which` ends the session with this id. */
export function ends(which: SessionsToEnd, id: string): boolean {
  return which === "all" ? true : "only" in which ? id === which.only : id !== which.allBut;
}
