import { describe, expect, it } from "vitest";
import { query, transaction } from "~/store/postgres/pool.server";
import { useStore } from "../../../tests/support/stores";
import { postgresThrottle } from "./login.server";

/**
 * Two servers share the sign-in counters. A try waits for a counter's row that another try holds; if that try
 * deletes the row (its sign-in succeeded and nothing is left to count), the waiting try must find or make the
 * row again, not fail: twenty trainees signing in at once from one office got 500s (two-servers.spec.ts).
 */
describe("the PostgreSQL sign-in throttle under contention", () => {
  useStore("postgres");

  it("a try waiting on a counter that the holder deletes counts on a new one", async () => {
    const office = "10.0.9.1";
    await query("INSERT INTO sign_in_throttle (scope, key, failures, counts_until) VALUES ('addresses', $1, ARRAY[now()], now() + interval '1 hour')", [
      office,
    ]);
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holder = transaction(async (client) => {
      await client.query("SELECT 1 FROM sign_in_throttle WHERE scope = 'addresses' AND key = $1 FOR UPDATE", [office]);
      locked();
      await released;
      await client.query("DELETE FROM sign_in_throttle WHERE scope = 'addresses' AND key = $1", [office]);
    });
    await isLocked;
    const tried = postgresThrottle.countTry({ table: "users", key: "desk01" }, office, new Date());
    // Release only once the try is waiting on the row lock, so the deletion lands while it waits.
    for (let i = 0; i < 100; i++) {
      const { rows } = await query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    await holder;
    expect(await tried).toBeNull();
    const { rows } = await query<{ n: number }>("SELECT cardinality(failures) AS n FROM sign_in_throttle WHERE scope = 'addresses' AND key = $1", [office]);
    expect(rows).toEqual([{ n: 1 }]);
  });
});
