import { rm } from "node:fs/promises";
import { dropSchemasStartingWith, e2eSchemaPrefix } from "../support/test-database";

/**
 * Removes this run's data directory (each run starts from a fresh, seeded store) and the PostgreSQL schemas its
 * tests created, should a test file have been cut short before its own clean-up.
 */
export default async function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && dir.startsWith(".e2e/")) await rm(dir, { recursive: true, force: true });
  await dropSchemasStartingWith(`${e2eSchemaPrefix()}_`);
}
