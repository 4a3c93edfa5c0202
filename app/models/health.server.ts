import { access, constants } from "node:fs/promises";
import path from "node:path";
import { dataDir, storeKind } from "~/store/config.server";
import { usersFile } from "~/store/db.server";
import { writeFileDurably, writesFailing } from "~/store/durable-writer.server";
import { databaseAnswers } from "~/store/postgres/pool.server";

export type StoreHealth = { ok: true } | { ok: false; problem: "unreadable" | "writes-failing" | "unreachable"; code?: string };

/**
 * Whether the store works. PostgreSQL: the database answers a query (PostgreSQL's own durability does the rest).
 * lowdb: its directory is there and readable, the users file is open, and writes succeed.
 * While writes are failing (a full disk), each check tries a small write of its own, so the store reports healthy
 * again as soon as space returns, even if nobody has written since.
 */
export async function storeHealth(): Promise<StoreHealth> {
  if (storeKind() === "postgres") return (await databaseAnswers()) ? { ok: true } : { ok: false, problem: "unreachable" };
  try {
    await access(dataDir(), constants.R_OK | constants.W_OK);
    await usersFile();
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  const failing = writesFailing();
  if (!failing) return { ok: true };
  try {
    await writeFileDurably(path.join(dataDir(), ".store-probe"), new Date().toISOString(), dataDir());
    return { ok: true };
  } catch {
    return { ok: false, problem: "writes-failing", code: writesFailing()?.code ?? failing.code };
  }
}
