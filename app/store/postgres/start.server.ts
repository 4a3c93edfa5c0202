import { databaseUrl, redactUrl } from "../config.server";
import { migrate } from "./migrate.server";
import { checkReachable } from "./pool.server";

/**
 * Opens the PostgreSQL store at start (STORE=postgres): the database must answer (else StoreUnavailable, naming
 * host:port, stops the start), then the pending migrations are applied (in one transaction; servers starting
 * together wait on the migration lock). Returns the database as it may be logged.
 */
export async function openPostgresStore(): Promise<string> {
  const url = databaseUrl();
  await checkReachable(url);
  await migrate({ url });
  return redactUrl(url);
}

/**
 * The advisory lock servers starting together on one database take for seeding it (any number; this one is ours),
 * and `npm run store:copy` holds while it copies a site in: a server starting meanwhile finds the site, not an
 * empty database to seed.
 */
export const SEED_LOCK = 7_318_201;
