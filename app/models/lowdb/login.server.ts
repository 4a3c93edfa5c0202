import { decideTry, LOGIN_THROTTLE, lockedUntil, stillCounts, withoutTry } from "~/auth/login-throttle";
import { loginAttemptsFile } from "~/store/db.server";
import type { LoginAttemptsData } from "~/store/schema";
import type { ThrottleBackend } from "../store-backends";

/** Drops counters that no longer matter, so the file holds only names and addresses tried lately. */
function prune(data: LoginAttemptsData, now: Date): void {
  for (const table of ["users", "pairs"] as const) {
    for (const [key, entry] of Object.entries(data[table])) if (!stillCounts(entry, now, LOGIN_THROTTLE.name)) delete data[table][key];
  }
  for (const [key, entry] of Object.entries(data.addresses)) if (!stillCounts(entry, now, LOGIN_THROTTLE.address)) delete data.addresses[key];
}

/**
 * The sign-in throttle in lowdb: login-attempts.json. Each step is one synchronous update, which nothing else in
 * this process can interleave with (and no other process writes the file).
 */
export const lowdbThrottle: ThrottleBackend = {
  async countTry(name, address, now) {
    const attempts = await loginAttemptsFile();
    return attempts.update(
      (data) => {
        const decision = decideTry({ address: data.addresses[address], name: data[name.table][name.key] }, now);
        if (decision.refused) return decision.refused;
        prune(data, now);
        data[name.table][name.key] = decision.name;
        data.addresses[address] = decision.address;
        return null;
      },
      (refusal) => refusal !== null, // a refused try changes nothing, and costs no write
    );
  },
  async takeBack(name, address, at) {
    const attempts = await loginAttemptsFile();
    await attempts.update((data) => {
      delete data[name.table][name.key];
      const left = withoutTry(data.addresses[address], at);
      if (left) data.addresses[address] = left;
      else delete data.addresses[address];
    });
  },
  async lockedNames(now) {
    const locked = new Map<string, Date>();
    for (const [name, entry] of Object.entries((await loginAttemptsFile()).data.users)) {
      const until = lockedUntil(entry, now);
      if (until) locked.set(name, until);
    }
    return locked;
  },
  async unlock(name) {
    const attempts = await loginAttemptsFile();
    await attempts.update((data) => {
      delete data.users[name];
      for (const key of Object.keys(data.pairs)) if (key.startsWith(`${name}@`)) delete data.pairs[key];
    });
  },
  async keys() {
    const data = (await loginAttemptsFile()).data;
    return { users: Object.keys(data.users), pairs: Object.keys(data.pairs), addresses: Object.keys(data.addresses) };
  },
};
