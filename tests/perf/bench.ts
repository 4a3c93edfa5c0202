/**
 * `npm run bench`: load figures for the production build, measured in one run on this machine. Not a test: it
 * prints figures and never fails because the machine is slow.
 *
 * It starts `node server.js` on a free port with a fresh data directory, creates trainee accounts through the
 * supervisor's form, and drives simulated trainees through angry-owner turns over HTTP the way the browser's form
 * posts do (a turn is one POST, answered with a redirect). Latency is measured from when a request was due, so a
 * queue building up is counted (no coordinated omission).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const REPLIES = [
  "刘女士您好，真是抱歉，同一个问题让您报了三次，换谁都会生气。我跟您确认一下：是3栋1202卫生间天花板又漏水了，对吗？",
  "理解您的担心，您做得对，千万别开灯。麻烦您先把配电箱里卫生间那一路的开关拉下来，拿个盆接一下水。方便留一个联系电话吗？",
  "我现在就通知工程部值班师傅，30分钟内到您家先看漏点、做临时处理，到之前师傅会先给您打电话。",
  "1302这边由我们来联系，您不用再上去敲门了。我今晚就打他们登记的电话，有结果我第一时间告诉您。",
];

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(port: number, method: string, url: string, options: { form?: Record<string, string>; cookie?: string } = {}): Promise<Reply> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path: url,
        agent,
        headers: {
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}),
          ...(options.cookie ? { Cookie: options.cookie } : {}),
        },
      },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (data += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  // BENCH_PROFILE=1 writes a CPU profile of the server to .cache/profiles when it stops.
  const profile = process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", "--cpu-prof-dir=.cache/profiles"] : [];
  const child = spawn(process.execPath, [...profile, "server.js"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: "1", SESSION_SECRET: "bench-secret", BENCH_METRICS: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await send(port, "GET", "/healthz")).status === 200) return { port, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

const cookieOf = (r: Reply) => (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");

async function signIn(port: number, username: string, password: string): Promise<string> {
  const r = await send(port, "POST", "/login", { form: { username, password } });
  if (r.status !== 302) throw new Error(`sign-in ${username}: ${r.status}`);
  return cookieOf(r);
}

async function createTrainees(port: number, count: number, prefix: string): Promise<string[]> {
  const supervisor = await signIn(port, "supervisor", "demo1234");
  const page = await send(port, "GET", "/supervisor/users", { cookie: supervisor });
  const teamId = /<option value="([a-z0-9]+)">阳光花园<\/option>/.exec(page.body)![1];
  const cookies: string[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_, k) => `${prefix}${i + k}`);
    await Promise.all(
      batch.map((username) =>
        send(port, "POST", "/supervisor/users", { cookie: supervisor, form: { intent: "create-user", username, displayName: `压测${username}`, role: "trainee", teamId, password: "password123" } }),
      ),
    );
    cookies.push(...(await Promise.all(batch.map((u) => signIn(port, u, "password123")))));
  }
  return cookies;
}

/** A simulated trainee playing angry-owner in practice mode, starting a new attempt whenever one ends. */
class Trainee {
  attemptId: string | null = null;
  turn = 1;
  private i = 0;
  constructor(
    readonly port: number,
    readonly cookie: string,
  ) {}

  async ensureAttempt() {
    if (this.attemptId) return;
    await send(this.port, "POST", "/practice/angry-owner?mode=practice", { cookie: this.cookie, form: { intent: "start" } });
    const page = await send(this.port, "GET", "/practice/angry-owner?mode=practice", { cookie: this.cookie });
    this.attemptId = /name="attemptId" value="([^"]+)"/.exec(page.body)![1];
    this.turn = Number(/name="turn" value="(\d+)"/.exec(page.body)![1]);
  }

  /** One turn; resolves with whether it succeeded. Starting a new attempt is not part of the timed turn. */
  async takeTurn(): Promise<boolean> {
    const r = await send(this.port, "POST", "/practice/angry-owner?mode=practice", {
      cookie: this.cookie,
      form: { intent: "reply", attemptId: this.attemptId!, turn: String(this.turn), text: REPLIES[this.i++ % REPLIES.length] },
    });
    if (r.status !== 302) return false;
    if (String(r.headers.location).includes("/attempts/")) this.attemptId = null;
    else this.turn += 1;
    return true;
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Run {
  count: number;
  failed: number;
  seconds: number;
  latencies: number[];
}

const summary = (r: Run) => {
  const s = [...r.latencies].sort((a, b) => a - b);
  return { perSecond: r.count / r.seconds, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), failed: r.failed, count: r.count };
};

/** `concurrency` workers each doing `step` back to back for `seconds`. */
async function closedLoop(concurrency: number, seconds: number, step: (worker: number) => Promise<boolean>, prepare?: (worker: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        await prepare?.(w);
        const t0 = performance.now();
        const ok = await step(w).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) failed++;
      }
    }),
  );
  return { count: latencies.length, failed, seconds: (performance.now() - started) / 1000, latencies };
}

/** Turns offered at a fixed `rate` per second for `seconds`, spread over `trainees`; latency from when each was due. */
async function openLoop(trainees: Trainee[], rate: number, seconds: number): Promise<Run> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failed = 0;
  const queues = trainees.map(() => Promise.resolve());
  const start = performance.now();
  const all: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const k = i % trainees.length;
    // A trainee answers one turn at a time; a turn due while the last is unanswered waits, and that wait counts.
    const p = queues[k].then(async () => {
      await trainees[k].ensureAttempt();
      const ok = await trainees[k].takeTurn().catch(() => false);
      latencies.push(performance.now() - due);
      if (!ok) failed++;
    });
    queues[k] = p;
    all.push(p);
  }
  await Promise.all(all);
  return { count: latencies.length, failed, seconds: (performance.now() - start) / 1000, latencies };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function stall(port: number) {
  const r = await send(port, "GET", "/bench-metrics");
  return JSON.parse(r.body) as { maxStallMs: number; p99StallMs: number };
}

/** A data directory with `count` trainees who each have a history (copied from a trainee of a live run). */
function storeWithHistory(template: string, count: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${count}-`));
  mkdirSync(path.join(dir, "users"));
  for (const f of readdirSync(template)) if (f.endsWith(".json") && f !== "users.json") cpSync(path.join(template, f), path.join(dir, f));
  const users = JSON.parse(readFileSync(path.join(template, "users.json"), "utf8"));
  const staff = users.users.filter((u: { role: string }) => u.role !== "trainee");
  // A trainee with an ordinary history (a few attempts from the fixed-rate phase), not one of the closed-loop ones.
  const model = users.users.find((u: { username: string }) => u.username === "bench199");
  const records = readFileSync(path.join(template, "users", `${model.id}.json`), "utf8");
  const attemptsDir = path.join(template, "attempts", model.id);
  const finished = readdirSync(attemptsDir).map((f) => [f, readFileSync(path.join(attemptsDir, f), "utf8")] as const);
  const trainees = Array.from({ length: count }, (_, i) => {
    const id = `hist${String(i).padStart(8, "0")}`;
    writeFileSync(path.join(dir, "users", `${id}.json`), records.split(model.id).join(id));
    mkdirSync(path.join(dir, "attempts", id), { recursive: true });
    for (const [f, text] of finished) writeFileSync(path.join(dir, "attempts", id, f), text.split(model.id).join(id));
    return { ...model, id, username: `hist${i}`, displayName: `历史学员${i}` };
  });
  writeFileSync(path.join(dir, "users.json"), JSON.stringify({ ...users, users: [...staff, ...trainees] }));
  return dir;
}

async function growthRun(dir: string, seconds: number) {
  const server = await startServer(dir);
  try {
    const cookies = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(server.port, `hist${i}`, "password123")));
    const trainees = cookies.map((c) => new Trainee(server.port, c));
    await closedLoop(10, 2, (w) => trainees[w].takeTurn(), (w) => trainees[w].ensureAttempt()); // warm-up
    await send(server.port, "POST", "/bench-metrics/reset");
    const run = summary(await closedLoop(10, seconds, (w) => trainees[w].takeTurn(), (w) => trainees[w].ensureAttempt()));
    return { run, stall: await stall(server.port) };
  } finally {
    server.child.kill("SIGTERM");
  }
}

async function main() {
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
  console.log(`npm run bench — ${os.cpus().length} cores, Node ${process.version}, ${SECONDS} s per phase\n`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const { port, child } = await startServer(dataDir);
  try {
    const cookies = await createTrainees(port, 200, "bench");
    const trainees = cookies.map((c) => new Trainee(port, c));
    await Promise.all(trainees.slice(0, 50).map((t) => t.ensureAttempt()));
    await closedLoop(10, 2, (w) => trainees[w].takeTurn(), (w) => trainees[w].ensureAttempt()); // warm-up

    console.log("closed loop: each concurrent trainee replies again as soon as answered");
    console.log("  trainees   turns/s  p50       p95       p99       | healthz/s  p50      p99      | turn ÷ healthz");
    for (const c of [1, 10, 50]) {
      const turns = summary(await closedLoop(c, SECONDS, (w) => trainees[w].takeTurn(), (w) => trainees[w].ensureAttempt()));
      const health = summary(await closedLoop(c, SECONDS / 2, async () => (await send(port, "GET", "/healthz")).status === 200));
      console.log(
        `  ${String(c).padStart(8)}   ${turns.perSecond.toFixed(0).padStart(7)}  ${ms(turns.p50).padEnd(9)} ${ms(turns.p95).padEnd(9)} ${ms(turns.p99).padEnd(9)} | ${health.perSecond.toFixed(0).padStart(9)}  ${ms(health.p50).padEnd(8)} ${ms(health.p99).padEnd(8)} | ${(turns.perSecond / health.perSecond).toFixed(2)}${turns.failed ? `  (${turns.failed} failed)` : ""}`,
      );
    }

    const rate = 350;
    await send(port, "POST", "/bench-metrics/reset");
    const open = summary(await openLoop(trainees, rate, SECONDS));
    const loop = await stall(port);
    console.log(`\nfixed offered rate: ${rate} turns/s for ${SECONDS} s over ${trainees.length} trainees (≈5,000 trainees replying every 15 s)`);
    console.log(`  achieved ${open.perSecond.toFixed(0)} turns/s, p50 ${ms(open.p50)}, p95 ${ms(open.p95)}, p99 ${ms(open.p99)}, failed ${open.failed} of ${open.count}; longest event-loop stall ${ms(loop.maxStallMs)}`);

    // Growth: the same 10 concurrent trainees against a store of 10, then of 2,000 trainees with history.
    const small = await growthRun(storeWithHistory(dataDir, 10), SECONDS);
    const large = await growthRun(storeWithHistory(dataDir, 2000), SECONDS);
    console.log("\ngrowth: 10 concurrent trainees, store with N trainees who have a history");
    console.log(`  N = 10:    p50 ${ms(small.run.p50)}, p95 ${ms(small.run.p95)}, ${small.run.perSecond.toFixed(0)} turns/s, longest event-loop stall ${ms(small.stall.maxStallMs)}`);
    console.log(`  N = 2,000: p50 ${ms(large.run.p50)}, p95 ${ms(large.run.p95)}, ${large.run.perSecond.toFixed(0)} turns/s, longest event-loop stall ${ms(large.stall.maxStallMs)}`);
    console.log(`  ratio (2,000 ÷ 10), p50: ${(large.run.p50 / small.run.p50).toFixed(2)}   p95: ${(large.run.p95 / small.run.p95).toFixed(2)}`);
  } finally {
    child.kill("SIGTERM");
    agent.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
