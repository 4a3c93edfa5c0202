/**
 * The sign-in throttle rule, pure: after 5 failed tries for one username within 15 minutes,
 * further tries are refused for 15 minutes.
 */

export const LOGIN_THROTTLE = {
  maxFailures: 5,
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
} as const;

export interface ThrottleState {
  /** ISO times of recent failed tries, oldest first. */
  failures: string[];
  lockedUntil: string | null;
}

/** When the username is locked, the moment the lock ends; otherwise null. */
export function lockedUntil(state: ThrottleState, now: Date): Date | null {
  if (!state.lockedUntil) return null;
  const until = new Date(state.lockedUntil);
  return until > now ? until : null;
}

/** The state after one more failed try at `now`: old failures drop out; the 5th within the window locks. */
export function afterFailure(state: ThrottleState, now: Date): ThrottleState {
  const windowStart = now.getTime() - LOGIN_THROTTLE.windowMs;
  const failures = [...state.failures.filter((t) => new Date(t).getTime() > windowStart), now.toISOString()];
  if (failures.length >= LOGIN_THROTTLE.maxFailures) {
    return { failures: [], lockedUntil: new Date(now.getTime() + LOGIN_THROTTLE.lockMs).toISOString() };
  }
  return { failures, lockedUntil: lockedUntil(state, now)?.toISOString() ?? null };
}
