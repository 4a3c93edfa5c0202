import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileDurably } from "./durable-writer.server";

async function tempDir() {
  return mkdtemp(path.join(os.tmpdir(), "wuye-writer-"));
}

describe("writeFileDurably", () => {
  it("leaves the whole new text on disk and no temp file behind", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "a.json");
    await writeFileDurably(file, '{"x":1}');
    await writeFileDurably(file, '{"x":2}');
    expect(await readFile(file, "utf8")).toBe('{"x":2}');
    expect(await readdir(dir)).toEqual(["a.json"]);
  });

  it("commits a burst of writes to many files in two directories, each with its own text", async () => {
    const dirs = [await tempDir(), await tempDir()];
    const files = Array.from({ length: 200 }, (_, i) => path.join(dirs[i % 2], `${i}.json`));
    await Promise.all(files.map((file, i) => writeFileDurably(file, JSON.stringify({ i, text: "漏水".repeat(i) }))));
    for (const [i, file] of files.entries()) expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ i, text: "漏水".repeat(i) });
    expect((await readdir(dirs[0])).length + (await readdir(dirs[1])).length).toBe(200);
  });

  it("rejects a write it could not make with the system's error code, and goes on with the others", async () => {
    const dir = await tempDir();
    const results = await Promise.allSettled([
      writeFileDurably(path.join(dir, "missing", "a.json"), "{}"),
      writeFileDurably(path.join(dir, "b.json"), "{}"),
    ]);
    expect(results[0]).toMatchObject({ status: "rejected", reason: { code: "ENOENT" } });
    expect(results[1].status).toBe("fulfilled");
    expect(await readdir(dir)).toEqual(["b.json"]);
  });
});
