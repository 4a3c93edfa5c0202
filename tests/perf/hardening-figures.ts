/**
 * `npm run bench:hardening`: two figures, measured on the production build with a fresh data directory and the
 * demo data. Not a test: it prints figures and never fails because the machine is slow.
 *   1. How long `GET /healthz` takes while 200 sign-ins arrive at once (password hashing must not starve the
 *      server's file I/O).
 *   2. How many bytes the store's journal takes per role-play turn (six turns of angry-owner, well handled).
 * SERVER_ENTRY picks the server file (default: the one `npm start` runs), to measure another build the same way.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { freePort } from "../support/free-port";
import { agent, cookieOf, REPLIES, send } from "../support/http-trainee";
import os from "node:os";
import path from "node:path";

const entry = process.env.SERVER_ENTRY ?? "build/server.js";

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

const dataDir = mkdtempSync(path.join(os.tmpdir(), "hardening-figures-"));
const port = await freePort();
const child = spawn(process.execPath, [entry], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: "production" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await send(port, "GET", "/healthz")).status === 200) break;
    } catch {
      /* starting */
    }
    if (i > 600) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }

  // 2. Bytes journalled per turn (first: the burst below locks accounts).
  const cookie = cookieOf(await send(port, "POST", "/login", { form: { username: "trainee", password: "demo1234" } }));
  await send(port, "POST", "/practice/angry-owner?mode=practice", { form: { intent: "start" }, cookie });
  const page = (await send(port, "GET", "/practice/angry-owner?mode=practice", { cookie })).body;
  const attemptId = /name="attemptId" value="([^"]+)"/.exec(page)?.[1];
  if (!attemptId) throw new Error("no attempt started");
  const journal = path.join(dataDir, ".journal");
  const size = () => (existsSync(journal) ? statSync(journal).size : 0);
  const perTurn: number[] = [];
  for (const [i, text] of REPLIES.entries()) {
    const before = size();
    const r = await send(port, "POST", "/practice/angry-owner?mode=practice", { form: { intent: "reply", attemptId, turn: String(i + 1), text }, cookie });
    const after = size();
    // A checkpoint (after a second without writes) empties the journal; no turn here waits that long.
    if (after >= before) perTurn.push(after - before);
    if (r.status !== 302 && r.status !== 200) break;
    if (r.headers.location?.includes("/attempts/")) break;
  }
  console.log(
    `Bytes journalled per turn (angry-owner, ${perTurn.length} turns): ${perTurn.join(", ")}; mean ${Math.round(perTurn.reduce((a, b) => a + b, 0) / perTurn.length)}`,
  );

  // 1. 200 sign-ins at once, over the demo accounts, half of them with a wrong password.
  const users = ["trainee", "trainer", "supervisor", "liufang", "zhangming", "zhaolei", "sunting", "zhoujie", "wujing"];
  const healthz: number[] = [];
  let burstDone = false;
  const poll = (async () => {
    while (!burstDone) {
      const t = performance.now();
      await send(port, "GET", "/healthz");
      healthz.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      send(port, "POST", "/login", { form: { username: users[i % users.length], password: i % 2 ? "wrong-password" : "demo1234" } }).then((r) => r.status),
    ),
  );
  const burstMs = performance.now() - t0;
  burstDone = true;
  await poll;
  const counts = statuses.reduce<Record<number, number>>((a, s) => ((a[s] = (a[s] ?? 0) + 1), a), {});
  console.log(`200 concurrent sign-ins took ${(burstMs / 1000).toFixed(1)} s (HTTP statuses: ${JSON.stringify(counts)})`);
  if (process.env.VERBOSE) console.log(healthz.map((x) => x.toFixed(0)).join(" "));
  console.log(
    `GET /healthz during the burst: ${healthz.length} requests, p50 ${percentile(healthz, 50).toFixed(1)} ms, p99 ${percentile(healthz, 99).toFixed(1)} ms, max ${Math.max(...healthz).toFixed(1)} ms`,
  );
} finally {
  child.kill("SIGTERM");
  agent.destroy();
}
