import { afterFailure, lockedUntil } from "~/auth/login-throttle";
import { loginAttemptsFile } from "~/store/db.server";
import { checkCredentials, normaliseUsername, type User } from "./users.server";

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; error: "invalid" | "inactive" }
  | { ok: false; error: "locked"; until: Date };

/** Checks a username and password under the throttle: 5 failures in 15 minutes lock the name for 15 minutes. */
export async function signIn(username: string, password: string, now = new Date()): Promise<SignInResult> {
  const key = normaliseUsername(username);
  const attempts = await loginAttemptsFile();
  const state = () => ({
    failures: attempts.data.failures[key] ?? [],
    lockedUntil: attempts.data.lockedUntil[key] ?? null,
  });
  const locked = lockedUntil(state(), now);
  if (locked) return { ok: false, error: "locked", until: locked };

  const check = await checkCredentials(key, password);
  if (check.ok) {
    if (attempts.data.failures[key] || attempts.data.lockedUntil[key]) {
      await attempts.update((data) => {
        delete data.failures[key];
        delete data.lockedUntil[key];
      });
    }
    return check;
  }
  const next = await attempts.update((data) => {
    const updated = afterFailure(
      { failures: data.failures[key] ?? [], lockedUntil: data.lockedUntil[key] ?? null },
      now,
    );
    data.failures[key] = updated.failures;
    if (updated.lockedUntil) data.lockedUntil[key] = updated.lockedUntil;
    else delete data.lockedUntil[key];
    if (updated.failures.length === 0) delete data.failures[key];
    return updated;
  });
  const lockedNow = lockedUntil(next, now);
  return lockedNow ? { ok: false, error: "locked", until: lockedNow } : check;
}
