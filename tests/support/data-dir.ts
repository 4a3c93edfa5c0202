import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { closeAllStoreFiles } from "~/store/db.server";

/** Gives each test a fresh, empty DATA_DIR and forgets open store files between tests. */
export function withTempDataDir(): { dir: () => string } {
  let current = "";
  beforeEach(async () => {
    current = await mkdtemp(path.join(os.tmpdir(), "wuye-store-"));
    process.env.DATA_DIR = current;
    closeAllStoreFiles();
  });
  afterEach(async () => {
    closeAllStoreFiles();
    await rm(current, { recursive: true, force: true });
  });
  return { dir: () => current };
}
