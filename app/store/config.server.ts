import path from "node:path";

let resolved: { raw: string | undefined; dir: string } | null = null;

/**
 * Where the store lives: `DATA_DIR`, default ./data (git-ignored). Read per call so tests can point it elsewhere;
 * resolved again only when it changes (every store access asks, several times per request).
 */
export function dataDir(): string {
  const raw = process.env.DATA_DIR;
  if (resolved && resolved.raw === raw) return resolved.dir;
  resolved = { raw, dir: path.resolve(raw || "data") };
  return resolved.dir;
}

export const STORE_KINDS = ["lowdb", "postgres"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/**
 * Which store the models use: `STORE` = `lowdb` (the default: files in DATA_DIR) or `postgres` (DATABASE_URL).
 * Read per call, like DATA_DIR, so that tests can run one suite against each; a value that is neither stops the
 * start (checkSettings) and throws here.
 */
export function storeKind(): StoreKind {
  const raw = process.env.STORE?.trim() || "lowdb";
  if (!(STORE_KINDS as readonly string[]).includes(raw)) throw new Error(`STORE must be one of ${STORE_KINDS.join(", ")}, not "${raw}"`);
  return raw as StoreKind;
}

/** The PostgreSQL connection string (`DATABASE_URL`), required when STORE=postgres. Never log it: log redactUrl(it). */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) throw new Error("STORE=postgres needs DATABASE_URL (e.g. postgres://user:password@host:5432/database)");
  return url;
}

const NOT_A_URL = "(a DATABASE_URL that is not a postgres:// URL)";

function parsePostgresUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "postgres:" || parsed.protocol === "postgresql:" ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * A connection string fit for a log or an error message: the password replaced by `***`, and so is a
 * `password=` query parameter. Anything that is not a postgres:// URL is not echoed at all.
 */
export function redactUrl(url: string): string {
  const parsed = parsePostgresUrl(url);
  if (!parsed) return NOT_A_URL;
  if (parsed.password) parsed.password = "***";
  for (const key of [...parsed.searchParams.keys()]) if (/^(password|sslpassword)$/i.test(key)) parsed.searchParams.set(key, "***");
  return parsed.toString().replaceAll("%2A%2A%2A", "***");
}

/** `host:port` of a connection string, for messages: what a person needs to find the database, and nothing secret. */
export function databaseTarget(url: string): string {
  const parsed = parsePostgresUrl(url);
  if (!parsed) return NOT_A_URL;
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  return `${host}:${parsed.port || "5432"}`;
}
