import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Low } from "lowdb";
import { describe, expect, it } from "vitest";
import { DurableJSONFile, StoreFileCorruptError } from "./durable-file.server";
import { journalCommits } from "./durable-writer.server";

async function tempDir() {
  return mkdtemp(path.join(os.tmpdir(), "wuye-durable-"));
}

describe("DurableJSONFile", () => {
  it("has an acknowledged write on disk, readable by a fresh instance", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "users.json");
    const db = new Low(new DurableJSONFile<{ n: number[] }>(file), { n: [] });
    await db.read();
    db.data.n.push(1);
    await db.write();
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ n: [1] });
    const again = new Low(new DurableJSONFile<{ n: number[] }>(file), { n: [] });
    await again.read();
    expect(again.data).toEqual({ n: [1] });
  });

  it("keeps every change of a burst of concurrent writes, in fewer writes than changes", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "burst.json");
    const adapter = new DurableJSONFile<{ n: number[] }>(file);
    const db = new Low(adapter, { n: [] });
    await db.read();
    const commitsBefore = await journalCommits();
    const writes = Array.from({ length: 50 }, (_, i) => {
      db.data.n.push(i);
      return db.write().then(async () => {
        // When a caller's write resolves, its own change is on disk.
        const onDisk = JSON.parse(await readFile(file, "utf8")) as { n: number[] };
        expect(onDisk.n).toContain(i);
      });
    });
    await Promise.all(writes);
    expect(JSON.parse(await readFile(file, "utf8")).n).toHaveLength(50);
    // Writes that arrive together share a journal commit (one fdatasync), so a burst costs a few syncs, not 50.
    const commits = (await journalCommits()) - commitsBefore;
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThan(50);
  });

  it("refuses a file that does not parse, naming it, and leaves it untouched", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "teams.json");
    await writeFile(file, '{"schemaVersion": 1, "teams": [');
    const db = new Low(new DurableJSONFile<object>(file), {});
    await expect(db.read()).rejects.toThrow(StoreFileCorruptError);
    await expect(db.read()).rejects.toThrow(file);
    expect(await readFile(file, "utf8")).toBe('{"schemaVersion": 1, "teams": [');
  });

  it("reads a missing file as empty, so lowdb uses its defaults", async () => {
    const dir = await tempDir();
    expect(await new DurableJSONFile(path.join(dir, "none.json")).read()).toBeNull();
  });
});
