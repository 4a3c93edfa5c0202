import type pg from "pg";
import { countsUntil, decideTry, LOGIN_THROTTLE, withoutTry, type ThrottleEntry } from "~/auth/login-throttle";
import { query, transaction } from "~/store/postgres/pool.server";
import type { ThrottleBackend } from "../store-backends";

type Scope = "users" | "pairs" | "addresses";

const ruleOf = (scope: Scope) => (scope === "addresses" ? LOGIN_THROTTLE.address : LOGIN_THROTTLE.name);

/**
 * Locks one counter's row for the rest of the transaction, creating it empty if it is not there (an empty row
 * has counts_until -infinity: it counts for nothing). Every try locks the address's counter first, then the
 * name's, so two tries never wait for each other in a circle. One upsert both makes and locks the row: a try
 * waiting on a row that its holder then deletes (a sign-in that left nothing to count) inserts it afresh, where
 * an INSERT … DO NOTHING then SELECT … FOR UPDATE found no row at all.
 */
async function lockCounter(client: pg.PoolClient, scope: Scope, key: string): Promise<ThrottleEntry> {
  const { rows } = await client.query<{ failures: Date[]; locked_until: Date | null }>(
    `INSERT INTO sign_in_throttle (scope, key, counts_until) VALUES ($1, $2, '-infinity')
     ON CONFLICT (scope, key) DO UPDATE SET scope = EXCLUDED.scope
     RETURNING failures, locked_until`,
    [scope, key],
  );
  return { failures: rows[0].failures.map((t) => t.toISOString()), lockedUntil: rows[0].locked_until?.toISOString() ?? null };
}

async function write(client: pg.PoolClient, scope: Scope, key: string, entry: ThrottleEntry | null): Promise<void> {
  if (!entry) await client.query("DELETE FROM sign_in_throttle WHERE scope = $1 AND key = $2", [scope, key]);
  else
    await client.query("UPDATE sign_in_throttle SET failures = $3, locked_until = $4, counts_until = $5 WHERE scope = $1 AND key = $2", [
      scope,
      key,
      entry.failures,
      entry.lockedUntil,
      countsUntil(entry, ruleOf(scope)),
    ]);
}

/** Drops the empty rows lockCounter made for a try that was then refused: a refused try changes nothing. */
async function dropEmpty(client: pg.PoolClient, counters: Array<[Scope, string]>): Promise<void> {
  for (const [scope, key] of counters)
    await client.query("DELETE FROM sign_in_throttle WHERE scope = $1 AND key = $2 AND counts_until = '-infinity'", [scope, key]);
}

/**
 * The sign-in throttle in PostgreSQL: sign_in_throttle, one row per counter, shared by every server. A try's check
 * and count happen in one transaction holding both counters' rows (SELECT … FOR UPDATE), so tries sent at once to
 * several servers are counted one after the other: of a burst, at most five are ever checked.
 */
export const postgresThrottle: ThrottleBackend = {
  async countTry(name, address, now) {
    const refused = await transaction(async (client) => {
      const counters = { address: await lockCounter(client, "addresses", address), name: await lockCounter(client, name.table, name.key) };
      const decision = decideTry(counters, now);
      if (decision.refused) {
        await dropEmpty(client, [
          ["addresses", address],
          [name.table, name.key],
        ]);
        return decision.refused;
      }
      await write(client, "addresses", address, decision.address);
      await write(client, name.table, name.key, decision.name);
      return null;
    });
    if (!refused) await prune(now);
    return refused;
  },
  takeBack: (name, address, at) =>
    transaction(async (client) => {
      const counted = await lockCounter(client, "addresses", address);
      await client.query("DELETE FROM sign_in_throttle WHERE scope = $1 AND key = $2", [name.table, name.key]);
      await write(client, "addresses", address, withoutTry(counted, at));
    }),
  async lockedNames(now) {
    const { rows } = await query<{ key: string; locked_until: Date }>(
      "SELECT key, locked_until FROM sign_in_throttle WHERE scope = 'users' AND locked_until > $1 ORDER BY key",
      [now],
    );
    return new Map(rows.map((r) => [r.key, r.locked_until]));
  },
  async unlock(name) {
    await query("DELETE FROM sign_in_throttle WHERE (scope = 'users' AND key = $1) OR (scope = 'pairs' AND starts_with(key, $1 || '@'))", [name]);
  },
  async keys() {
    const { rows } = await query<{ scope: Scope; key: string }>("SELECT scope, key FROM sign_in_throttle WHERE counts_until > '-infinity' ORDER BY scope, key");
    const keys: Record<Scope, string[]> = { users: [], pairs: [], addresses: [] };
    for (const r of rows) keys[r.scope].push(r.key);
    return keys;
  },
};

/** Drops counters that no longer count (rows another try holds are left for a later prune). */
async function prune(now: Date): Promise<void> {
  await query(
    `DELETE FROM sign_in_throttle WHERE (scope, key) IN
       (SELECT scope, key FROM sign_in_throttle WHERE counts_until <= $1 AND counts_until > '-infinity' FOR UPDATE SKIP LOCKED)`,
    [now],
  );
}
