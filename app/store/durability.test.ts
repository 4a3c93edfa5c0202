import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "~/quiz/draw";
import { replayJournals } from "./journal-files";
import { bundleProgram } from "../../tests/support/bundle";

/**
 * Kills a process that writes through the durable store with SIGKILL at random moments, and checks that every
 * write it acknowledged (printed after `update` resolved) is on disk and that every file parses. The moments come
 * from a seeded generator whose seed is printed: DURABILITY_SEED=<seed> replays a failing run's kill times.
 */
const SEED = Number(process.env.DURABILITY_SEED ?? Date.now() % 2 ** 31);
console.log(`durability: kill times from seed ${SEED} (DURABILITY_SEED=${SEED} to replay them)`);
const random = seededRandom(SEED);

/** An attempt log written line by line, as a role-play's turns are. Arguments: the file, the first number. */
const appender = `
import { appendDurably } from "./app/store/durable-writer.server.ts";
import path from "node:path";
for (let i = Number(process.argv[3]); ; i++) {
  await appendDurably(process.argv[2], JSON.stringify({ t: "turn", i, text: "漏水".repeat(200) }) + "\\n", path.dirname(process.argv[2]));
  process.stdout.write(i + "\\n");
}
`;
/** A store file written change by change, each write at least `padding` characters. Arguments: as above. */
const writer = (padding: number) => `
import { openStoreFile } from "./app/store/store-file.server.ts";
import { z } from "zod";
const file = await openStoreFile(process.argv[2], { name: "t", empty: () => ({ schemaVersion: 1, items: [] }), migrations: [], schema: z.looseObject({}) });
for (let i = Number(process.argv[3]); ; i++) {
  await file.update((d) => { d.items.push(i); d.padding = "x".repeat(${padding}); });
  process.stdout.write(i + "\\n");
}
`;

/**
 * The programs above, bundled once as the server's own code is (esbuild): each of the 52 processes the test
 * starts then runs plain JavaScript, rather than compiling TypeScript as it starts.
 */
const programs = { appender, writer: writer(0), bigWriter: writer(300_000) };
type Program = keyof typeof programs;
const built = {} as Record<Program, string>;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wuye-kill-programs-"));
  for (const [name, contents] of Object.entries(programs)) built[name as Program] = await bundleProgram(contents, path.join(dir, `${name}.mjs`));
});

/** Starts the writer and kills it `afterMs` after its first acknowledged write (startup time is not counted). */
function runUntilKilled(program: Program, file: string, from: number, afterMs: number): Promise<number[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [built[program], file, String(from)], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "inherit"],
    });
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
async function killRepeatedly(program: Program, rounds: number, maxAfterMs: number, name = "records.json") {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wuye-kill-"));
  const file = path.join(dir, name);
  const acknowledged: number[] = [];
  let next = 0;
  for (let round = 0; round < rounds; round++) {
    // Kill at a random moment of the writing: mid-append, mid-fsync, mid-rename, mid-checkpoint.
    const afterMs = Math.floor(random() * maxAfterMs);
    const acks = await runUntilKilled(program, file, next, afterMs);
    acknowledged.push(...acks);
    const onDisk = readBack(file);
    for (const i of acknowledged) expect(onDisk.items, `write ${i} was acknowledged`).toContain(i);
    next = Math.max(next, ...onDisk.items, ...acks) + 1;
  }
  expect(acknowledged.length).toBeGreaterThan(rounds);
  for (const name of await readdir(dir)) {
    if (name.endsWith(".json")) expect(() => JSON.parse(readFileSync(path.join(dir, name), "utf8"))).not.toThrow();
  }
  return { dir, file, acknowledged };
}

/**
 * What the next start finds: the journals replayed first (as the first read or write of a new server does), then
 * the file read: a JSON file's items, or the whole lines of a log (a torn last line was never acknowledged). In this
 * process, with the killed one gone: the same code a new server runs, without starting one each round.
 */
function readBack(file: string): { items: number[] } {
  replayJournals(path.dirname(file));
  const text = readFileSync(file, "utf8");
  const items = file.endsWith(".jsonl")
    ? text
        .split("\n")
        .slice(0, -1)
        .map((line) => (JSON.parse(line) as { i: number }).i)
    : (JSON.parse(text) as { items: number[] }).items;
  return { items };
}

describe("durability", () => {
  it("keeps every acknowledged write through 24 SIGKILLs, and every file parses", async () => {
    await killRepeatedly("writer", 24, 150);
  }, 600_000); // a busy machine makes the kills slower, never the test wrong

  it("keeps them too when the journal is set aside and checkpointed while the process is killed", async () => {
    // 300 KB a write: the journal passes its 4 MB limit every dozen writes, so kills land in checkpoints.
    const { dir, file, acknowledged } = await killRepeatedly("bigWriter", 12, 400);
    // The next start replays what the journals hold and leaves none behind.
    const { openStoreFile } = await import("./store-file.server");
    const reopened = await openStoreFile<{ schemaVersion: number; items: number[] }>(file, {
      name: "t",
      empty: () => ({ schemaVersion: 1, items: [] }),
      migrations: [],
      schema: z.looseObject({}),
    });
    for (const i of acknowledged) expect(reopened.data.items).toContain(i);
    expect((await readdir(dir)).filter((name) => name.startsWith(".journal"))).toEqual([]);
  }, 600_000); // a busy machine makes the kills slower, never the test wrong

  it("keeps every acknowledged line of an attempt's log through 16 SIGKILLs, in order, with no line torn", async () => {
    const { acknowledged, file } = await killRepeatedly("appender", 16, 150, "log.jsonl");
    const { items } = readBack(file);
    expect(items).toEqual([...items].sort((a, b) => a - b));
    for (const i of acknowledged) expect(items).toContain(i);
  }, 600_000); // a busy machine makes the kills slower, never the test wrong
});
