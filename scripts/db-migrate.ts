// `npm run db:migrate`: applies the PostgreSQL migrations (migrations/*.sql) to the database DATABASE_URL names,
// all pending ones in one transaction. The server applies them too when it starts with STORE=postgres.
import { databaseUrl, redactUrl } from "../app/store/config.server";
import { migrate } from "../app/store/postgres/migrate.server";
import { StoreUnavailable } from "../app/store/store-unavailable";

try {
  const url = databaseUrl();
  console.log(`Migrating ${redactUrl(url)}`);
  const applied = await migrate({ url, log: (line) => console.log(line) });
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply: the schema is up to date.");
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof StoreUnavailable ? `Nothing migrated: ${message}` : `Migration failed, the schema is as it was: ${message}`);
  process.exit(1);
}
