import { rm } from "node:fs/promises";

/** Removes this run's data directory; each run starts from a fresh, seeded store. */
export default async function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && dir.startsWith(".e2e/")) await rm(dir, { recursive: true, force: true });
}
