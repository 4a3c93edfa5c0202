import path from "node:path";
import pg from "pg";
import { runner } from "node-pg-migrate";
import { databaseTarget, databaseUrl } from "../config.server";
import { StoreUnavailable } from "../store-unavailable";

/** The versioned migrations: plain SQL files, applied in the order of their names. */
export const MIGRATIONS_DIR = path.resolve("migrations");

/**
 * Applies the migrations not yet applied to the database (and schema: the first on its search_path) that `url`
 * names, with node-pg-migrate: all pending migrations in one transaction, so a migration that fails leaves the
 * schema as it was. Servers starting together wait for each other (an advisory lock), and a second run applies
 * nothing. Returns the names of the migrations applied.
 */
export async function migrate(options: { url?: string; dir?: string; log?: (line: string) => void } = {}): Promise<string[]> {
  const url = options.url ?? databaseUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new StoreUnavailable(databaseTarget(url), error instanceof Error ? error.message : String(error), { cause: error });
  }
  try {
    const { rows } = await client.query<{ schema: string | null }>("SELECT current_schema() AS schema");
    const schema = rows[0]?.schema;
    if (!schema) throw new Error(`The database at ${databaseTarget(url)} has no schema on its search_path to migrate (create it first)`);
    const log = options.log ?? (() => {});
    const applied = await runner({
      dbClient: client,
      dir: options.dir ?? MIGRATIONS_DIR,
      direction: "up",
      migrationsTable: "pgmigrations",
      schema,
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: "wait",
      logger: { debug: () => {}, info: log, warn: log, error: log },
    });
    return applied.map((m) => m.name);
  } finally {
    await client.end().catch(() => {});
  }
}
