import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withTempSchema } from "../../../tests/support/stores";
import { migrate, MIGRATIONS_DIR } from "./migrate.server";
import { query } from "./pool.server";

withTempSchema();

async function tables(): Promise<string[]> {
  const { rows } = await query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1");
  return rows.map((r) => r.name);
}

describe("migrations", () => {
  it("create the whole schema once; a second run applies nothing", async () => {
    // Arrange: withTempSchema migrated the schema already.
    // Act
    const again = await migrate();
    // Assert
    expect(again).toEqual([]);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        "users",
        "teams",
        "team_trainers",
        "sessions",
        "known_addresses",
        "sign_in_throttle",
        "assignments",
        "certificates",
        "certificate_scenarios",
        "quiz_attempts",
        "quiz_attempt_questions",
        "roleplay_attempts",
        "roleplay_turns",
        "trainer_comments",
        "trainer_comment_revisions",
        "score_changes",
        "finding_disputes",
        "module_progress",
        "assessment_grants",
        "org_questions",
        "org_question_versions",
        "pgmigrations",
      ]),
    );
  });

  it("record a turn posted twice once: (attempt_id, n) is unique", async () => {
    await query("INSERT INTO teams VALUES ('team01', '阳光花园', now())");
    await query(
      "INSERT INTO users (id, username, display_name, role, team_id, password_hash, created_at, updated_at) VALUES ('user01', 'a', 'A', 'trainee', 'team01', 'h', now(), now())",
    );
    await query(
      `INSERT INTO roleplay_attempts (id, user_id, scenario_id, scenario_version, scenario_title_zh, scenario_title_en, mode, status, started_at, updated_at, snapshot, state, emotion, minute)
       VALUES ('att1', 'user01', 'leak', 1, '漏水', 'Leak', 'practice', 'active', now(), now(), '{}', 't1', 0, 0)`,
    );
    const turn = () =>
      query(
        `INSERT INTO roleplay_turns (attempt_id, n, at, turn, reply, listening, empathy, wording, record) VALUES ('att1', 1, now(), 't1', '您好', 1, 1, 1, '{}')
         ON CONFLICT (attempt_id, n) DO NOTHING`,
      );
    expect((await turn()).rowCount).toBe(1);
    expect((await turn()).rowCount).toBe(0);
  });

  it("leave the schema as it was when one fails", async () => {
    // Arrange: the migrations applied already, then two new ones, the second of which fails.
    const dir = await mkdtemp(path.join(os.tmpdir(), "wuye-migrations-"));
    try {
      const applied = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith(".sql")).sort();
      for (const name of applied) await copyFile(path.join(MIGRATIONS_DIR, name), path.join(dir, name));
      await writeFile(path.join(dir, "9999999999998_good.sql"), "-- Up Migration\nCREATE TABLE extra (id int);\n");
      await writeFile(path.join(dir, "9999999999999_bad.sql"), "-- Up Migration\nALTER TABLE no_such_table ADD COLUMN x int;\n");
      const before = await tables();
      // Act
      const failed = await migrate({ dir }).then(
        () => null,
        (error: unknown) => error,
      );
      // Assert
      expect(failed).toBeInstanceOf(Error);
      expect((failed as Error).message).toMatch(/no_such_table/);
      expect(await tables()).toEqual(before);
      const { rows } = await query<{ name: string }>("SELECT name FROM pgmigrations ORDER BY id");
      expect(rows.map((r) => r.name)).toEqual(applied.map((name) => name.replace(/\.sql$/, "")));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
