import { describe, expect, it } from "vitest";
import { closedPort, withTempSchema } from "../../../tests/support/stores";
import { StoreUnavailable } from "../store-unavailable";
import { openPostgresStore } from "./start.server";
import { query } from "./pool.server";

withTempSchema();

describe("starting on PostgreSQL", () => {
  it("stops at an unreachable database with a message naming host and port, not the password", async () => {
    // Arrange
    const port = await closedPort();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgres://app:s3cret-pass@127.0.0.1:${port}/wuye`;
    try {
      // Act
      const error = await openPostgresStore().catch((e: unknown) => e);
      // Assert
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect(String(error)).toContain(`127.0.0.1:${port}`);
      expect(String(error)).not.toContain("s3cret-pass");
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it("applies the migrations to an empty database, and names the database without its password", async () => {
    // Arrange: an empty schema (the last test of the file: nothing after it needs the tables).
    await query(`DO $$ BEGIN EXECUTE format('DROP SCHEMA %I CASCADE; CREATE SCHEMA %1$I', current_schema()); END $$`);
    // Act
    const opened = await openPostgresStore();
    // Assert
    expect(opened).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:5432\/test\?options=/);
    expect((await query("SELECT count(*)::int AS n FROM org_questions")).rows[0].n).toBe(0);
  });
});
