import { nameKey, type ThrottleKeys } from "~/auth/login-throttle";
import { storeKind } from "~/store/config.server";
import { lowdbThrottle } from "./lowdb/login.server";
import { postgresThrottle } from "./postgres/login.server";
import { isKnownAddress, rememberAddress } from "./sessions.server";
import type { ThrottleBackend } from "./store-backends";
import { checkCredentials, findUserIdByName, normaliseUsername, type User } from "./users.server";

export type SignInResult =
  { ok: true; user: User } | { ok: false; error: "invalid" | "inactive" } | { ok: false; error: "locked"; until: Date; scope: "name" | "address" };

/** The store's throttle counters: lowdb's or PostgreSQL's (shared by every server), as STORE says. */
const store = (): ThrottleBackend => (storeKind() === "postgres" ? postgresThrottle : lowdbThrottle);

/**
 * Checks a username and password under the throttle (see login-throttle.ts). The try is counted, in one step
 * with the check of the locks that no other try can enter, before the password is hashed: of a burst of tries
 * for one name, at most five are ever checked, and a right password sent after five wrong ones is refused like them.
 */
export async function signIn(username: string, password: string, address: string, now = new Date()): Promise<SignInResult> {
  const name = normaliseUsername(username);
  const userId = await findUserIdByName(name);
  const keys: ThrottleKeys = { name, address, knownAddress: userId ? await isKnownAddress(userId, address) : false };
  const byName = nameKey(keys);

  const refused = await store().countTry(byName, address, now);
  if (refused) return { ok: false, error: "locked", ...refused };

  const check = await checkCredentials(name, password);
  if (check.ok) {
    // Only the counter this try counted against: the owner signing in at her desk does not lift a lock that
    // a stranger's guesses put on her name elsewhere.
    await store().takeBack(byName, address, now.toISOString());
    await rememberAddress(check.user.id, address, now);
    return check;
  }
  return check;
}

/** Names locked out now (for the supervisor's account list), with when each lock ends. */
export async function lockedNames(now = new Date()): Promise<Map<string, Date>> {
  return store().lockedNames(now);
}

/** A supervisor lifts the lock on a name (and its counters from every address). */
export async function unlockName(username: string): Promise<void> {
  await store().unlock(normaliseUsername(username));
}

/** For tests: the keys of the throttle's counters as stored now (names, names at known addresses, addresses). */
export async function throttleKeys(): Promise<Record<"users" | "pairs" | "addresses", string[]>> {
  return store().keys();
}
