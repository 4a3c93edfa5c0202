import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { closePool } from "~/store/postgres/pool.server";
import { migrate } from "~/store/postgres/migrate.server";
import type { StoreKind } from "~/store/config.server";
import { withTempDataDir } from "./data-dir";

/** The stores model tests run against: `describe.each(STORES)("… (%s)", (store) => { useStore(store); … })`. */
export const STORES: StoreKind[] = ["lowdb", "postgres"];

/** The database the tests use: TEST_DATABASE_URL, or the development and CI machines' PostgreSQL 15 (trust authentication). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A connection string for one schema of the test database (the schema first on the search_path). */
export function urlForSchema(schema: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`The model tests need PostgreSQL at ${TEST_DATABASE_URL} (.ci/run starts it): ${error instanceof Error ? error.message : error}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Gives each test a fresh, empty schema of the test database, migrated, with STORE=postgres and DATABASE_URL
 * pointing at it; dropped after the test. Parallel runs never meet: each schema has a random name.
 */
export function withTempSchema(): { schema: () => string; url: () => string } {
  let schema = "";
  const saved = { store: process.env.STORE, url: process.env.DATABASE_URL };
  beforeEach(async () => {
    schema = `t_${randomBytes(6).toString("hex")}`;
    await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
    process.env.STORE = "postgres";
    process.env.DATABASE_URL = urlForSchema(schema);
    await migrate();
  });
  afterEach(async () => {
    await closePool();
    restore("STORE", saved.store);
    restore("DATABASE_URL", saved.url);
    await admin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  });
  return { schema: () => schema, url: () => urlForSchema(schema) };
}

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** A fresh store of the given kind for each test: an empty DATA_DIR for lowdb (STORE unset), an empty schema for postgres. */
export function useStore(kind: StoreKind): void {
  if (kind === "postgres") withTempSchema();
  else withTempDataDir();
}
