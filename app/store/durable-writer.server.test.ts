import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendDurably, checkpointJournals, StoreWriteError, writeFileDurably, writesFailing } from "./durable-writer.server";
import { JOURNAL_NAME } from "./journal";

async function tempDir() {
  return mkdtemp(path.join(os.tmpdir(), "wuye-writer-"));
}

/** Runs `script` (ES module source, importing the store by its path from the repository) in a fresh Node process. */
function inFreshProcess(script: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, ...args], { cwd: process.cwd(), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return run.stdout;
}

describe("writeFileDurably", () => {
  it("leaves the whole new text in the file, and only the journal beside it until a checkpoint", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "a.json");
    await writeFileDurably(file, '{"x":1}');
    await writeFileDurably(file, '{"x":2}');
    expect(await readFile(file, "utf8")).toBe('{"x":2}');
    expect((await readdir(dir)).sort()).toEqual([JOURNAL_NAME, "a.json"]);
    await checkpointJournals();
    expect(await readdir(dir)).toEqual(["a.json"]);
    expect(await readFile(file, "utf8")).toBe('{"x":2}');
  });

  it("commits a burst of writes to files in two directories under one journal, each with its own text", async () => {
    const root = await tempDir();
    const dirs = [path.join(root, "users"), path.join(root, "attempts", "abc")];
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    const files = Array.from({ length: 200 }, (_, i) => path.join(dirs[i % 2], `${i}.json`));
    await Promise.all(files.map((file, i) => writeFileDurably(file, JSON.stringify({ i, text: "漏水".repeat(i) }), root)));
    for (const [i, file] of files.entries()) expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ i, text: "漏水".repeat(i) });
    expect((await readdir(dirs[0])).length + (await readdir(dirs[1])).length).toBe(200);
    expect(existsSync(path.join(root, JOURNAL_NAME))).toBe(true);
  });

  it("refuses a file outside its journal's directory", async () => {
    const root = await tempDir();
    await expect(writeFileDurably(path.join(os.tmpdir(), "elsewhere.json"), "{}", root)).rejects.toThrow(/not under/);
  });

  it("rejects a write it could not make with the system's error code, and goes on with the others", async () => {
    const dir = await tempDir();
    const results = await Promise.allSettled([writeFileDurably(path.join(dir, "missing", "a.json"), "{}"), writeFileDurably(path.join(dir, "b.json"), "{}")]);
    expect(results[0]).toMatchObject({ status: "rejected", reason: { code: "ENOENT" } });
    expect(results[1].status).toBe("fulfilled");
    expect((await readdir(dir)).sort()).toEqual([JOURNAL_NAME, "b.json"]);
  });

  it("checkpoints a journal that grows past its limit, so it never grows far beyond it", async () => {
    const dir = await tempDir();
    const text = JSON.stringify({ text: "x".repeat(200_000) });
    for (let i = 0; i < 30; i++) await writeFileDurably(path.join(dir, `${i % 3}.json`), text);
    // 30 × 200 KB went through it; it was set aside once it passed 4 MB.
    expect(statSync(path.join(dir, JOURNAL_NAME)).size).toBeLessThan(4.5 * 2 ** 20);
  });

  it("empties the journal once writes stop (its files fsynced), and keeps it for the next writes", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "a.json");
    await writeFileDurably(file, '{"x":1}');
    const journal = path.join(dir, JOURNAL_NAME);
    expect(statSync(journal).size).toBeGreaterThan(0);
    // A second after the last write; waited for generously, so a slow machine does not fail this.
    for (let waited = 0; statSync(journal).size > 0 && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(journal).size).toBe(0);
    await writeFileDurably(file, '{"x":2}');
    expect(await readFile(file, "utf8")).toBe('{"x":2}');
    expect(statSync(journal).size).toBeGreaterThan(0);
  }, 30_000);

  it("replays the journal on the next start when a file did not reach the disk before a power cut", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "users", "u1.json");
    await mkdir(path.dirname(file));
    // A run that writes twice and stops without a checkpoint, as a process does when the machine loses power.
    inFreshProcess(
      `import { writeFileDurably } from "./app/store/durable-writer.server.ts";
       await writeFileDurably(process.argv[1], '{"schemaVersion":1,"v":1}', process.argv[2]);
       await writeFileDurably(process.argv[1], '{"schemaVersion":1,"v":2}', process.argv[2]);
       process.exit(0);`,
      file,
      dir,
    );
    // The kernel had not written the second version out when the power went: the file is the first one again.
    await writeFile(file, '{"schemaVersion":1,"v":1}');
    expect(existsSync(path.join(dir, JOURNAL_NAME))).toBe(true);
    const opened = inFreshProcess(
      `import { openStoreFile } from "./app/store/store-file.server.ts";
       import { z } from "zod";
       const f = await openStoreFile(process.argv[1], { name: "t", empty: () => ({ schemaVersion: 1 }), migrations: [], schema: z.looseObject({}) }, process.argv[2]);
       process.stdout.write(JSON.stringify(f.data));`,
      file,
      dir,
    );
    expect(JSON.parse(opened)).toEqual({ schemaVersion: 1, v: 2 });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ schemaVersion: 1, v: 2 });
    expect(existsSync(path.join(dir, JOURNAL_NAME))).toBe(false);
  });

  it("appends at a file's end, and replays appends after a power cut cut the file short", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "attempts", "u1", "a.jsonl");
    await mkdir(path.dirname(file), { recursive: true });
    // A run that appends three lines and stops without a checkpoint; then the power goes before the kernel wrote
    // the file out: on disk, the file has only its first line and half of the second.
    const offsets = inFreshProcess(
      `import { appendDurably } from "./app/store/durable-writer.server.ts";
       const offsets = [];
       for (const line of ['{"t":"start"}', '{"t":"turn","n":1}', '{"t":"turn","n":2}']) offsets.push(await appendDurably(process.argv[1], line + "\\n", process.argv[2]));
       process.stdout.write(JSON.stringify(offsets));
       process.exit(0);`,
      file,
      dir,
    );
    expect(JSON.parse(offsets)).toEqual([0, 14, 33]);
    await writeFile(file, '{"t":"start"}\n{"t":"tu');
    inFreshProcess(
      `import { ensureRecovered } from "./app/store/durable-writer.server.ts";
       ensureRecovered(process.argv[1]);`,
      dir,
    );
    expect(await readFile(file, "utf8")).toBe('{"t":"start"}\n{"t":"turn","n":1}\n{"t":"turn","n":2}\n');
    expect(existsSync(path.join(dir, JOURNAL_NAME))).toBe(false);
  });
});

/** A small tmpfs to fill up, where the machine allows mounting one (root, as on CI); null elsewhere. */
function smallDisk(kilobytes: number): string | null {
  const dir = path.join(os.tmpdir(), `wuye-full-${process.pid}-${Date.now()}`);
  spawnSync("mkdir", ["-p", dir]);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kilobytes}k`, "tmpfs", dir]);
  return mounted.status === 0 ? dir : null;
}

describe("a full disk", () => {
  const disk = smallDisk(512);
  const onTmpfs = disk ? it : it.skip;
  if (!disk) console.warn("a full disk: cannot mount a tmpfs here (not root?), so these tests do not run");

  onTmpfs("refuses a write it has no room for, changing nothing, and writes again once there is room", async () => {
    const dir = disk!;
    try {
      const file = path.join(dir, "users.json");
      await writeFileDurably(file, JSON.stringify({ v: 1 }), dir);
      const log = path.join(dir, "a.jsonl");
      await appendDurably(log, "line 1\n", dir);
      await checkpointJournals();
      // Fill the disk, leaving a few KB.
      await writeFile(path.join(dir, "filler"), Buffer.alloc(500 * 1024));
      const big = JSON.stringify({ v: 2, text: "漏".repeat(20_000) });
      const refused = await Promise.allSettled([writeFileDurably(file, big, dir), appendDurably(log, "x".repeat(60_000) + "\n", dir)]);
      for (const result of refused) {
        expect(result.status).toBe("rejected");
        const error = (result as PromiseRejectedResult).reason;
        expect(error).toBeInstanceOf(StoreWriteError);
        expect(error.full).toBe(true);
      }
      expect(writesFailing()?.code).toBe("ENOSPC");
      // Nothing half-written: the file and the log are as they were, and no temporary file is left.
      expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ v: 1 });
      expect(await readFile(log, "utf8")).toBe("line 1\n");
      expect((await readdir(dir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
      // Room again: the same writes go through.
      spawnSync("rm", [path.join(dir, "filler")]);
      await writeFileDurably(file, big, dir);
      await appendDurably(log, "line 2\n", dir);
      expect(writesFailing()).toBeNull();
      expect(JSON.parse(await readFile(file, "utf8")).v).toBe(2);
      expect(await readFile(log, "utf8")).toBe("line 1\nline 2\n");
    } finally {
      await checkpointJournals().catch(() => {});
      spawnSync("umount", [dir]);
    }
  });
});
