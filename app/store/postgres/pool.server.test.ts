import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { closedPort, TEST_DATABASE_URL, whileDatabaseGone, withTempSchema } from "../../../tests/support/stores";
import { StoreUnavailable } from "../store-unavailable";
import { checkReachable, inOneTransaction, pool, query, transaction, withAdvisoryLock } from "./pool.server";

withTempSchema();

describe("an unreachable database", () => {
  it("is named by host and port at start, without the password", async () => {
    // Arrange
    const port = await closedPort();
    const url = `postgres://app:s3cret-pass@127.0.0.1:${port}/test`;
    // Act
    const error = await checkReachable(url).then(
      () => null,
      (e: unknown) => e,
    );
    // Assert
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(new RegExp(`^The PostgreSQL database at 127\\.0\\.0\\.1:${port} cannot be reached: .*ECONNREFUSED`));
    expect((error as Error).message).not.toContain("s3cret-pass");
  });

  it("makes a model's query throw StoreUnavailable while it is gone, and the next query works once it is back", async () => {
    // Arrange
    await query("SELECT 1");
    // Act, assert
    await whileDatabaseGone(async () => {
      await expect(query("SELECT 1")).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(transaction(() => Promise.resolve())).rejects.toBeInstanceOf(StoreUnavailable);
    });
    expect((await query<{ one: number }>("SELECT 1 AS one")).rows[0].one).toBe(1);
  });

  it("recovers by itself when the server cut every connection (a restart): at most one call fails, as StoreUnavailable", async () => {
    // Arrange: the pool holds three open connections (only these are cut: other test files use the database too).
    const clients = await Promise.all([pool().connect(), pool().connect(), pool().connect()]);
    const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid));
    for (const c of clients) c.release();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // Act: the database ends them, as a restart or a failover does.
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const { rows } = await admin.query<{ ended: boolean }>("SELECT pg_terminate_backend(pid) AS ended FROM unnest($1::int[]) AS pid", [pids]);
    // pg_terminate_backend only signals: on a busy machine a backend may take a while to go. A restart has ended them
    // all before the next call, so wait until none is left.
    await vi.waitFor(
      async () => {
        const left = await admin.query("SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])", [pids]);
        expect(left.rowCount).toBe(0);
      },
      { timeout: 10_000, interval: 20 },
    );
    await admin.end();
    // Assert
    expect(rows.map((r) => r.ended)).toEqual([true, true, true]);
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(
        await query<{ one: number }>("SELECT 1 AS one").then(
          (r) => r.rows[0].one,
          (e: unknown) => e,
        ),
      );
    expect(answers.filter((a) => a !== 1).every((a) => a instanceof StoreUnavailable)).toBe(true);
    expect(answers.at(-1)).toBe(1);
    // The idle connections' loss is logged (host:port and the reason), and the process carries on.
    expect(logged.mock.calls.every(([line]) => /^PostgreSQL connection lost \(127\.0\.0\.1:5432\): 57P01/.test(String(line)))).toBe(true);
    logged.mockRestore();
  });
});

describe("the start's advisory lock", () => {
  it("lets one holder in at a time: the second starts its work only after the first has finished", async () => {
    // Arrange: two servers seeding at once, each taking a while.
    const events: string[] = [];
    const seed = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 50));
      events.push(`${name} out`);
      return name;
    };
    // Act
    const done = await Promise.all([withAdvisoryLock(42, seed("first")), withAdvisoryLock(42, seed("second"))]);
    // Assert: never both inside.
    expect(done).toEqual(["first", "second"]);
    const [a, b] = [events[0].split(" ")[0], events[2].split(" ")[0]];
    expect(events).toEqual([`${a} in`, `${a} out`, `${b} in`, `${b} out`]);
  });

  it("is released when the work throws, so the next holder is not stuck", async () => {
    await expect(withAdvisoryLock(43, () => Promise.reject(new Error("seeding failed")))).rejects.toThrow("seeding failed");
    await expect(withAdvisoryLock(43, async () => "next")).resolves.toBe("next");
  });
});

describe("one transaction for a whole piece of work (store:copy)", () => {
  const names = async () => (await pool().query<{ name: string }>("SELECT name FROM teams ORDER BY name")).rows.map((r) => r.name);
  const team = (name: string) => query("INSERT INTO teams (id, name, created_at) VALUES ($1, $1, now())", [name]);

  it("is joined by every query and transaction inside it: a step that fails is undone alone, the rest is committed at the end", async () => {
    const seenOutside: string[][] = [];
    await inOneTransaction(async () => {
      await team("a-first");
      // A step of a backend (a transaction of its own elsewhere): here a savepoint of the one held.
      await expect(
        transaction(async (client) => {
          await client.query("INSERT INTO teams (id, name, created_at) VALUES ('b-undone', 'b-undone', now())");
          throw new Error("this step fails");
        }),
      ).rejects.toThrow("this step fails");
      await transaction((client) => client.query("INSERT INTO teams (id, name, created_at) VALUES ('c-kept', 'c-kept', now())"));
      seenOutside.push(await names()); // another connection: nothing committed yet
    });
    expect(seenOutside).toEqual([[]]);
    expect(await names()).toEqual(["a-first", "c-kept"]);
  });

  it("commits nothing when the work throws", async () => {
    await expect(
      inOneTransaction(async () => {
        await team("a-first");
        await transaction((client) => client.query("INSERT INTO teams (id, name, created_at) VALUES ('c-kept', 'c-kept', now())"));
        throw new Error("a count differs");
      }),
    ).rejects.toThrow("a count differs");
    expect(await names()).toEqual([]);
    // And the connection went back to the pool usable, outside any transaction.
    await team("after");
    expect(await names()).toEqual(["after"]);
  });
});
