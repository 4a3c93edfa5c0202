import net from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { closePool } from "~/store/postgres/pool.server";
import { migrate } from "~/store/postgres/migrate.server";
import type { StoreKind } from "~/store/config.server";
import { withTempDataDir } from "./data-dir";
import { admin, createTestSchema, urlForSchema } from "./test-database";

export { TEST_DATABASE_URL, urlForSchema } from "./test-database";

/** The stores model tests run against: `describe.each(STORES)("… (%s)", (store) => { useStore(store); … })`. */
export const STORES: StoreKind[] = ["lowdb", "postgres"];

/**
 * Gives the tests of a describe block a schema of their own in the test database, created and migrated once
 * (random name: parallel runs never meet) and dropped at the end; every table is emptied before each test. STORE
 * and DATABASE_URL point at it while the block runs.
 */
export function withTempSchema(): { schema: () => string; url: () => string } {
  let schema = "";
  let drop = async () => {};
  let tables: string[] = [];
  const saved = { store: process.env.STORE, url: process.env.DATABASE_URL, secret: process.env.SESSION_SECRET };
  beforeAll(async () => {
    ({ schema, drop } = await createTestSchema());
    process.env.STORE = "postgres";
    // As on a real PostgreSQL site, where every app server must be given the same secret (session-secret.server.ts).
    process.env.SESSION_SECRET ||= "test-session-secret-for-the-postgres-store-0123456789";
    process.env.DATABASE_URL = urlForSchema(schema);
    await migrate();
    const { rows } = await admin((client) =>
      client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'pgmigrations'", [schema]),
    );
    tables = rows.map((r) => `${schema}.${r.name}`);
  });
  beforeEach(async () => {
    process.env.STORE = "postgres";
    process.env.DATABASE_URL = urlForSchema(schema);
    await admin((client) => client.query(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY CASCADE`));
  });
  afterAll(async () => {
    await closePool();
    restore("STORE", saved.store);
    restore("DATABASE_URL", saved.url);
    restore("SESSION_SECRET", saved.secret);
    await drop();
  });
  return { schema: () => schema, url: () => urlForSchema(schema) };
}

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** An empty store of the given kind for each test: a fresh DATA_DIR for lowdb (STORE unset), emptied tables of a fresh schema for postgres. */
export function useStore(kind: StoreKind): void {
  if (kind === "postgres") return void withTempSchema();
  withTempDataDir();
  const saved = process.env.STORE;
  beforeEach(() => void (process.env.STORE = "lowdb"));
  afterAll(() => restore("STORE", saved));
}

/** A port nothing listens on (one the system gave out, closed again): a database that is not there. */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `work` with DATABASE_URL pointing at a closed port (the database gone), then points it back. */
export async function whileDatabaseGone<T>(work: () => Promise<T>): Promise<T> {
  const saved = process.env.DATABASE_URL!;
  process.env.DATABASE_URL = saved.replace(/@([^/:]+)(:\d+)?\//, `@127.0.0.1:${await closedPort()}/`);
  try {
    return await work();
  } finally {
    process.env.DATABASE_URL = saved;
  }
}
