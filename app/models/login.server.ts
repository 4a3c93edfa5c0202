import { afterFailure, LOGIN_THROTTLE, lockedUntil, nameKey, stillCounts, withoutTry, type ThrottleKeys } from "~/auth/login-throttle";
import { loginAttemptsFile } from "~/store/db.server";
import type { LoginAttemptsData } from "~/store/schema";
import { isKnownAddress, rememberAddress } from "./sessions.server";
import { checkCredentials, findUserIdByName, normaliseUsername, type User } from "./users.server";

export type SignInResult =
  { ok: true; user: User } | { ok: false; error: "invalid" | "inactive" } | { ok: false; error: "locked"; until: Date; scope: "name" | "address" };

/** Drops counters that no longer matter, so the file holds only names and addresses tried lately. */
function prune(data: LoginAttemptsData, now: Date): void {
  for (const table of ["users", "pairs"] as const) {
    for (const [key, entry] of Object.entries(data[table])) if (!stillCounts(entry, now, LOGIN_THROTTLE.name)) delete data[table][key];
  }
  for (const [key, entry] of Object.entries(data.addresses)) if (!stillCounts(entry, now, LOGIN_THROTTLE.address)) delete data.addresses[key];
}

/**
 * Checks a username and password under the throttle (see login-throttle.ts). The try is counted, in one
 * synchronous step with the check of the locks, before the password is hashed: of a burst of tries for one name,
 * at most five are ever checked, and a right password sent after five wrong ones is refused like them.
 */
export async function signIn(username: string, password: string, address: string, now = new Date()): Promise<SignInResult> {
  const name = normaliseUsername(username);
  const userId = await findUserIdByName(name);
  const keys: ThrottleKeys = { name, address, knownAddress: userId ? await isKnownAddress(userId, address) : false };
  const byName = nameKey(keys);
  const at = now.toISOString();
  const attempts = await loginAttemptsFile();

  const refused = await attempts.update(
    (data): SignInResult | null => {
      const addressLock = lockedUntil(data.addresses[address], now);
      if (addressLock) return { ok: false, error: "locked", until: addressLock, scope: "address" };
      const nameLock = lockedUntil(data[byName.table][byName.key], now);
      if (nameLock) return { ok: false, error: "locked", until: nameLock, scope: "name" };
      prune(data, now);
      data[byName.table][byName.key] = afterFailure(data[byName.table][byName.key], now, LOGIN_THROTTLE.name);
      data.addresses[address] = afterFailure(data.addresses[address], now, LOGIN_THROTTLE.address);
      return null;
    },
    (refusal) => refusal !== null, // a refused try changes nothing, and costs no write
  );
  if (refused) return refused;

  const check = await checkCredentials(name, password);
  if (check.ok) {
    await attempts.update((data) => {
      // Only the counter this try counted against: the owner signing in at her desk does not lift a lock that
      // a stranger's guesses put on her name elsewhere.
      delete data[byName.table][byName.key];
      const left = withoutTry(data.addresses[address], at);
      if (left) data.addresses[address] = left;
      else delete data.addresses[address];
    });
    await rememberAddress(check.user.id, address, now);
    return check;
  }
  return check;
}

/** Names locked out now (for the supervisor's account list), with when each lock ends. */
export async function lockedNames(now = new Date()): Promise<Map<string, Date>> {
  const data = (await loginAttemptsFile()).data;
  const locked = new Map<string, Date>();
  for (const [name, entry] of Object.entries(data.users)) {
    const until = lockedUntil(entry, now);
    if (until) locked.set(name, until);
  }
  return locked;
}

/** A supervisor lifts the lock on a name (and its counters from every address). */
export async function unlockName(username: string): Promise<void> {
  const name = normaliseUsername(username);
  const attempts = await loginAttemptsFile();
  await attempts.update((data) => {
    delete data.users[name];
    for (const key of Object.keys(data.pairs)) if (key.startsWith(`${name}@`)) delete data.pairs[key];
  });
}
