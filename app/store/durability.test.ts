import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Kills a process that writes through the durable store with SIGKILL at random moments, 24 times, and checks
 * that every write it acknowledged (printed after `update` resolved) is on disk and that every file parses.
 */
const WRITER = `
import { openStoreFile } from "./app/store/store-file.server.ts";
const file = await openStoreFile(process.argv[1], { name: "t", empty: () => ({ schemaVersion: 1, items: [] }), migrations: [] });
for (let i = Number(process.argv[2]); ; i++) {
  await file.update((d) => { d.items.push(i); });
  process.stdout.write(i + "\\n");
}
`;

/** Starts the writer and kills it `afterMs` after its first acknowledged write (startup time is not counted). */
function runUntilKilled(script: string, file: string, from: number, afterMs: number): Promise<number[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, file, String(from)], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      timer ??= setTimeout(() => child.kill("SIGKILL"), afterMs);
    });
    const safety = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.on("exit", () => {
      clearTimeout(timer);
      clearTimeout(safety);
      // Only complete lines were acknowledged.
      resolve(out.split("\n").slice(0, -1).filter(Boolean).map(Number));
    });
  });
}

describe("durability", () => {
  it("keeps every acknowledged write through 24 SIGKILLs, and every file parses", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "wuye-kill-"));
    const file = path.join(dir, "records.json");
    const acknowledged: number[] = [];
    let next = 0;
    for (let round = 0; round < 24; round++) {
      // Kill at a random moment of the writing: sometimes mid-fsync, sometimes mid-rename.
      const afterMs = Math.floor(Math.random() * 150);
      const acks = await runUntilKilled(WRITER, file, next, afterMs);
      acknowledged.push(...acks);
      const onDisk = JSON.parse(await readFile(file, "utf8")) as { items: number[] };
      for (const i of acknowledged) expect(onDisk.items, `write ${i} was acknowledged`).toContain(i);
      next = Math.max(next, ...onDisk.items, ...acks) + 1;
    }
    expect(acknowledged.length).toBeGreaterThan(24);
    for (const name of await readdir(dir)) {
      if (name.endsWith(".json")) expect(() => JSON.parse(readFileSync(path.join(dir, name), "utf8"))).not.toThrow();
    }
  }, 120_000);
});
