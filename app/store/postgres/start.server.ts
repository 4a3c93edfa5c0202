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
