import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt cost: N=2^14, r=8, p=1 (the parameters the scrypt paper recommends for interactive logins; ~50 ms, 16 MB).
 * The unit tests (vitest sets NODE_ENV=test) hash at N=2^10: they check who may sign in and when, not the cost, and
 * their 600 hashes at the full cost were a fifth of their CPU. The cost is written into each hash and read back
 * from it, so a hash made at either cost verifies anywhere.
 */
export function scryptCost(nodeEnv: string | undefined): number {
  return nodeEnv === "test" ? 1024 : 16384;
}
const N = scryptCost(process.env.NODE_ENV);
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/**
 * At most this many hashes run at once; the rest wait their turn here. Each takes a thread of libuv's pool and
 * a whole core for ~50 ms: left unbounded, a burst of sign-ins took every thread, and every file read and write
 * of the server waited behind them (GET /healthz took seconds). One at a time leaves the pool's other threads to
 * the store (server/threadpool.js) and, on a two-core server, a core to the event loop; 20 sign-ins a second
 * is still far more than a shift starting needs.
 */
export const MAX_CONCURRENT_HASHES = 1;

let running = 0;
const waiting: Array<() => void> = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** How many hashes are running and waiting now (for tests and figures). */
export function hashingLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return inTurn(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  );
}

/** Returns `scrypt$N$r$p$salt$key` (base64), so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64");
  const expected = Buffer.from(parts[5], "base64");
  if (![n, r, p].every(Number.isInteger) || expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, salt, n, r, p);
  return timingSafeEqual(actual, expected);
}
