import { createHash, randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The PostgreSQL database tests use, without any test runner's hooks: the model tests (vitest, stores.ts) and the
 * end-to-end tests with servers on PostgreSQL (Playwright) both take their schemas from here.
 */

/** The database the tests use: TEST_DATABASE_URL, or the development and CI machines' PostgreSQL 15 (trust authentication). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A connection string for one schema of the test database (the schema first on the search_path). */
export function urlForSchema(schema: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** Runs `work` on a connection of its own to the database (the test database unless told), closed afterwards. */
export async function admin<T>(work: (client: pg.Client) => Promise<T>, base = TEST_DATABASE_URL): Promise<T> {
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(base).host;
    throw new Error(`The tests need PostgreSQL at ${where} (.ci/run starts it): ${error instanceof Error ? error.message : error}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A schema of its own in the database (the test database unless told; a random name, so parallel runs never meet),
 * empty, with a URL that uses it and a way to drop it.
 */
export async function createTestSchema(prefix = "t", base = TEST_DATABASE_URL): Promise<{ schema: string; url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE SCHEMA ${schema}`), base);
  const drop = () => admin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`), base).then(() => {});
  return { schema, url: urlForSchema(schema, base), drop };
}

/** Drops every schema whose name starts with `prefix` (what a run created and may have left behind if it was cut short). */
export async function dropSchemasStartingWith(prefix: string, base = TEST_DATABASE_URL): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`not a schema prefix: ${prefix}`);
  await admin(async (client) => {
    const { rows } = await client.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)", [prefix]);
    for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  }, base);
}

/** The prefix of the schemas this end-to-end run creates: one per run (E2E_DATA_DIR is), so the run's teardown finds them. */
export function e2eSchemaPrefix(): string {
  const run = process.env.E2E_DATA_DIR;
  if (!run) throw new Error("E2E_DATA_DIR is not set: the end-to-end tests run through playwright.config.ts, which sets it");
  return `e2e${createHash("sha1").update(run).digest("hex").slice(0, 10)}`;
}
