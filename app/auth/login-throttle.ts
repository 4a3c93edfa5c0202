/**
 * The sign-in throttle's rules, pure. Every try is counted before its password is checked (a burst of tries
 * cannot all slip in before the first is counted), against three keys:
 *   - the username: 5 failures within 15 minutes lock it for 15 minutes;
 *   - the username from an address it signed in from before (a known address): counted apart, with the same
 *     limits, so that a stranger's five wrong guesses do not shut the owner out at her usual desk;
 *   - the address, whatever the username: 30 failures within 15 minutes lock it out for 15 minutes.
 * A try that succeeds clears the name's counter it counted against (not a lock strangers put on the name) and
 * takes its own count back from its address.
 */

export const LOGIN_THROTTLE = {
  name: { maxFailures: 5, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 },
  address: { maxFailures: 30, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 },
  /** How many recent addresses count as known for a user. */
  knownAddresses: 10,
} as const;

export interface ThrottleEntry {
  /** ISO times of recent tries that failed (or are being checked), oldest first. */
  failures: string[];
  lockedUntil: string | null;
}

interface Rule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** When the entry is locked, the moment the lock ends; otherwise null. */
export function lockedUntil(entry: ThrottleEntry | undefined, now: Date): Date | null {
  if (!entry?.lockedUntil) return null;
  const until = new Date(entry.lockedUntil);
  return until > now ? until : null;
}

/** The entry after one more counted try at `now`: old failures drop out; reaching the limit locks. */
export function afterFailure(entry: ThrottleEntry | undefined, now: Date, rule: Rule): ThrottleEntry {
  const windowStart = now.getTime() - rule.windowMs;
  const failures = [...(entry?.failures ?? []).filter((t) => new Date(t).getTime() > windowStart), now.toISOString()];
  if (failures.length >= rule.maxFailures) return { failures: [], lockedUntil: new Date(now.getTime() + rule.lockMs).toISOString() };
  return { failures, lockedUntil: lockedUntil(entry, now)?.toISOString() ?? null };
}

/** The entry with one counted try at `at` taken back (it succeeded); null once nothing is left in it. */
export function withoutTry(entry: ThrottleEntry | undefined, at: string): ThrottleEntry | null {
  if (!entry) return null;
  const index = entry.failures.lastIndexOf(at);
  const failures = index < 0 ? entry.failures : [...entry.failures.slice(0, index), ...entry.failures.slice(index + 1)];
  return failures.length || entry.lockedUntil ? { failures, lockedUntil: entry.lockedUntil } : null;
}

/** Whether an entry still matters at `now` (a failure within the window, or a lock not yet over). */
export function stillCounts(entry: ThrottleEntry, now: Date, rule: Rule): boolean {
  const windowStart = now.getTime() - rule.windowMs;
  return lockedUntil(entry, now) !== null || entry.failures.some((t) => new Date(t).getTime() > windowStart);
}

export interface ThrottleKeys {
  name: string;
  address: string;
  /** The user has signed in from this address lately. */
  knownAddress: boolean;
}

/** Which counter a try by this name counts against: the name's own, or the name from this known address. */
export function nameKey(keys: ThrottleKeys): { table: "users" | "pairs"; key: string } {
  return keys.knownAddress ? { table: "pairs", key: `${keys.name}@${keys.address}` } : { table: "users", key: keys.name };
}

/** Until when an entry still counts (its lock's end, or its newest failure leaving the window): stillCounts ⇔ now is before it. */
export function countsUntil(entry: ThrottleEntry, rule: Rule): Date {
  const newest = entry.failures.reduce((latest, t) => Math.max(latest, new Date(t).getTime() + rule.windowMs), -Infinity);
  const lock = entry.lockedUntil ? new Date(entry.lockedUntil).getTime() : -Infinity;
  return new Date(Math.max(newest, lock));
}

/** A try refused by a lock: until when, and whether the address or the name is locked. */
export interface ThrottleRefusal {
  until: Date;
  scope: "name" | "address";
}

/**
 * One try against the two counters it counts against (the address's, the name's): refused while either is locked
 * (the address first), else both counters with the try counted. The stores call it with the counters held, so
 * that no other try can slip in between the check and the count.
 */
export function decideTry(
  counters: { address: ThrottleEntry | undefined; name: ThrottleEntry | undefined },
  now: Date,
): { refused: ThrottleRefusal } | { refused: null; address: ThrottleEntry; name: ThrottleEntry } {
  const addressLock = lockedUntil(counters.address, now);
  if (addressLock) return { refused: { until: addressLock, scope: "address" } };
  const nameLock = lockedUntil(counters.name, now);
  if (nameLock) return { refused: { until: nameLock, scope: "name" } };
  return { refused: null, address: afterFailure(counters.address, now, LOGIN_THROTTLE.address), name: afterFailure(counters.name, now, LOGIN_THROTTLE.name) };
}
