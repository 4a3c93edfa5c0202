import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { databaseTarget, databaseUrl } from "../config.server";
import { StoreUnavailable } from "../store-unavailable";

/**
 * The one connection pool of this process (node-postgres), for the database DATABASE_URL names. Nothing is cached
 * beside it: every model call asks the database, so what one server writes the next request on any server sees.
 * Only app/models/postgres/* use it.
 */
let current: { url: string; pool: pg.Pool } | null = null;

const CONNECT_TIMEOUT_MS = 5_000;
/** A query the database has not answered by then is taken as a database gone (a dropped network answers nothing). */
const QUERY_TIMEOUT_MS = 30_000;
/** How the app's connections show in pg_stat_activity. */
export const APPLICATION_NAME = "wuye-kefu-training";

function newPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
    application_name: APPLICATION_NAME,
  });
  // An idle connection the server dropped (a restart, a failover) must not crash the process: the pool replaces it.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost (${databaseTarget(url)}): ${reason(error)}`));
  return pool;
}

/** The pool for DATABASE_URL (a new one when the setting changed, as tests do; the old one is closed). */
export function pool(): pg.Pool {
  const url = databaseUrl();
  if (current?.url === url) return current.pool;
  void current?.pool.end().catch(() => {});
  current = { url, pool: newPool(url) };
  return current.pool;
}

/** Closes the pool (shutdown, and between tests). */
export async function closePool(): Promise<void> {
  const closing = current;
  current = null;
  await closing?.pool.end();
}

/** SQLSTATE classes and codes that mean "the database is not there", as opposed to a wrong query. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
}

/** Whether an error from node-postgres means the database could not be reached (rather than a query that failed). */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(error.message);
}

/** The error a model call throws: StoreUnavailable for a database that is not there, the error itself otherwise. */
export function storeError(error: unknown, url = current?.url ?? databaseUrl()): unknown {
  return isUnreachable(error) && !(error instanceof StoreUnavailable) ? new StoreUnavailable(databaseTarget(url), reason(error), { cause: error }) : error;
}

/**
 * The transaction `inOneTransaction` holds, for the work it runs (and what that work calls, on its async path):
 * `query` and `transaction` join it instead of taking connections of their own.
 */
const held = new AsyncLocalStorage<{ client: pg.PoolClient; savepoints: number }>();

/** One statement on a pooled connection (on the held transaction's, inside `inOneTransaction`). */
export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
  const within = held.getStore();
  try {
    return within ? await within.client.query<R>(text, values) : await pool().query<R>(text, values);
  } catch (error) {
    throw storeError(error);
  }
}

/** A connection of the pool's to hold for several statements (release it); StoreUnavailable if none can be had. */
async function connection(): Promise<pg.PoolClient> {
  try {
    return await pool().connect();
  } catch (error) {
    throw storeError(error);
  }
}

/**
 * Runs `work` in one transaction on one connection: committed if it returns, rolled back if it throws. A
 * connection that broke is thrown away, not returned to the pool.
 */
export async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const within = held.getStore();
  if (within) return savepoint(within, work);
  const client = await connection();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    if (isUnreachable(error)) broken = error instanceof Error ? error : new Error(String(error));
    else await client.query("ROLLBACK").catch((rollback: unknown) => (broken = rollback instanceof Error ? rollback : new Error(String(rollback))));
    throw storeError(error);
  } finally {
    client.release(broken);
  }
}

/** Inside `inOneTransaction`: a transaction is a savepoint of the one held, rolled back to if `work` throws. */
async function savepoint<T>(within: { client: pg.PoolClient; savepoints: number }, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const name = `step_${++within.savepoints}`;
  try {
    await within.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(within.client);
      await within.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      if (!isUnreachable(error)) await within.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  } catch (error) {
    throw storeError(error);
  }
}

/**
 * Runs `work` in one transaction that every `query` and `transaction` it makes (the models' backends included)
 * joins: all of it is committed, or none (`npm run store:copy`). For work that runs its steps one after the other
 * (steps run side by side would share the one connection and its savepoints), and that fails as a whole when a
 * statement fails (a failed statement outside a `transaction` step aborts the transaction held).
 */
export async function inOneTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  if (held.getStore()) throw new Error("inOneTransaction: already inside one");
  return transaction((client) => held.run({ client, savepoints: 0 }, () => work(client)));
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock (`key`, one per purpose) on a connection of its own: two
 * servers starting together do the start's one-off work (seeding an empty database) one after the other, so the
 * second finds it done. The lock goes with the connection, so a server killed mid-way does not keep it.
 */
export async function withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<T> {
  const client = await connection();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [key]);
    try {
      return await work();
    } finally {
      await client
        .query("SELECT pg_advisory_unlock($1)", [key])
        .catch((error: unknown) => (broken = error instanceof Error ? error : new Error(String(error))));
    }
  } catch (error) {
    throw storeError(error);
  } finally {
    client.release(broken);
  }
}

/** Whether the database answers now (for /healthz); a pool that lost it reconnects by itself on the next call. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/**
 * At start: connects once to the database and asks it one thing. A database that is not there throws
 * StoreUnavailable, whose message names host:port and the reason (never the password); the server refuses to start.
 */
export async function checkReachable(url = databaseUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new StoreUnavailable(databaseTarget(url), reason(error), { cause: error });
  } finally {
    await client.end().catch(() => {});
  }
}
