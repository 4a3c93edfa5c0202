import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Kills a process that writes through the durable store with SIGKILL at random moments, and checks that every
 * write it acknowledged (printed after `update` resolved) is on disk and that every file parses.
 */
const writer = (padding: number) => `
import { openStoreFile } from "./app/store/store-file.server.ts";
const file = await openStoreFile(process.argv[1], { name: "t", empty: () => ({ schemaVersion: 1, items: [] }), migrations: [] });
for (let i = Number(process.argv[2]); ; i++) {
  await file.update((d) => { d.items.push(i); d.padding = "x".repeat(${padding}); });
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

/** Rounds of writing and killing; after each, the store is opened as the next start would open it. */
async function killRepeatedly(script: string, rounds: number, maxAfterMs: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wuye-kill-"));
  const file = path.join(dir, "records.json");
  const acknowledged: number[] = [];
  let next = 0;
  for (let round = 0; round < rounds; round++) {
    // Kill at a random moment of the writing: mid-append, mid-fsync, mid-rename, mid-checkpoint.
    const afterMs = Math.floor(Math.random() * maxAfterMs);
    const acks = await runUntilKilled(script, file, next, afterMs);
    acknowledged.push(...acks);
    const onDisk = JSON.parse(await readFile(file, "utf8")) as { items: number[] };
    for (const i of acknowledged) expect(onDisk.items, `write ${i} was acknowledged`).toContain(i);
    next = Math.max(next, ...onDisk.items, ...acks) + 1;
  }
  expect(acknowledged.length).toBeGreaterThan(rounds);
  for (const name of await readdir(dir)) {
    if (name.endsWith(".json")) expect(() => JSON.parse(readFileSync(path.join(dir, name), "utf8"))).not.toThrow();
  }
  return { dir, file, acknowledged };
}

describe("durability", () => {
  it("keeps every acknowledged write through 24 SIGKILLs, and every file parses", async () => {
    await killRepeatedly(writer(0), 24, 150);
  }, 120_000);

  it("keeps them too when the journal is set aside and checkpointed while the process is killed", async () => {
    // 300 KB a write: the journal passes its 4 MB limit every dozen writes, so kills land in checkpoints.
    const { dir, file, acknowledged } = await killRepeatedly(writer(300_000), 12, 400);
    // The next start replays what the journals hold and leaves none behind.
    const { openStoreFile } = await import("./store-file.server");
    const reopened = await openStoreFile<{ schemaVersion: number; items: number[] }>(file, { name: "t", empty: () => ({ schemaVersion: 1, items: [] }), migrations: [] });
    for (const i of acknowledged) expect(reopened.data.items).toContain(i);
    expect((await readdir(dir)).filter((name) => name.startsWith(".journal"))).toEqual([]);
  }, 120_000);
});
