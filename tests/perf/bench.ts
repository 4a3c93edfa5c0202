/**
 * `npm run bench`: load figures for the production build, measured in one run on this machine. Not a test: it
 * prints figures and never fails because the machine is slow.
 *
 * It starts `node build/server.js` on a free port with a fresh data directory, creates trainee accounts through the
 * supervisor's form, and drives simulated trainees through angry-owner over HTTP, making the requests the page
 * makes in a browser. A turn is the reply's POST, answered with the next turn (the last turn's with a redirect
 * to the report, whose data is then fetched); a trainee who finishes the call starts another attempt (the start's
 * POST and the page data after it), and that load is on the server during the phase, though not in the
 * closed-loop turn latencies. Latency is measured from when a request was due, so a queue building up is counted (no
 * coordinated omission). The server reports its own CPU time, so each phase also shows CPU per request.
 *
 * BENCH_SECONDS sets the length of a phase, BENCH_PHASES picks phases (closed,open,growth, and requests: where a
 * turn's CPU goes, not run by default), BENCH_PROFILE=1 writes a CPU profile of the server during the
 * closed-loop and fixed-rate phases, and another of the requests phase's turns-only loop, to .cache/profiles.
 *
 * STORE=postgres runs the same phases on PostgreSQL (a schema of its own in DATABASE_URL's database, else the test
 * database, dropped at the end), BENCH_SERVERS=2 with two server processes on it and the trainees spread over
 * both; BENCH_GROWTH_N sets the growth phase's large store (2,000 trainees on lowdb, 20,000 on PostgreSQL).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "~/store/postgres/migrate.server";
import { redactUrl } from "~/store/config.server";
import { freePort } from "../support/free-port";
import { longestTasks } from "./longest-task";
import { admin, createTestSchema, TEST_DATABASE_URL } from "../support/test-database";
import { agent, createTrainees, dataUrlOf, PLAY_FORM_POST, PLAY_PAGE, REPLIES, send, signIn, Trainee, type Reply } from "../support/http-trainee";

/**
 * Where a bench server keeps its data: a fresh data directory (lowdb, the default), or a schema of its own in the
 * PostgreSQL database (STORE=postgres; DATABASE_URL, else the test database), dropped at the end.
 */
interface BenchStore {
  describe: string;
  env: Record<string, string>;
  /** A store of the same kind with `count` trainees who each have a history (copies of one from this store). */
  withHistory(count: number): Promise<BenchStore>;
  drop(): Promise<void>;
}

function lowdbStore(dataDir: string): BenchStore {
  return {
    describe: `lowdb in ${dataDir}`,
    env: { DATA_DIR: dataDir, STORE: "lowdb" },
    withHistory: async (count) => lowdbStore(storeWithHistory(dataDir, count)),
    drop: async () => {},
  };
}

async function postgresStore(base: string): Promise<BenchStore> {
  const { schema, url, drop } = await createTestSchema("bench", base);
  return {
    describe: `PostgreSQL schema ${schema} (${redactUrl(base)})`,
    env: { STORE: "postgres", DATABASE_URL: url, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "bench-pg-")) },
    withHistory: async (count) => {
      const copy = await postgresStore(base);
      await copyWithHistory(url, copy.env.DATABASE_URL, count);
      return copy;
    },
    drop,
  };
}

async function startServer(store: BenchStore, seed = true): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["build/server.js"], {
    // MALLOC_MMAP_THRESHOLD_ as `npm start` sets it (see package.json and the README's settings).
    env: {
      ...process.env,
      ...store.env,
      PORT: String(port),
      SEED_DEMO: seed ? "1" : "0",
      SESSION_SECRET: "bench-session-secret-of-32-characters",
      BENCH_METRICS: "1",
      NODE_ENV: "production",
      MALLOC_MMAP_THRESHOLD_: "131072",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    try {
      if ((await send(port, "GET", "/healthz")).status === 200) return { port, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

/** Why requests failed, counted, so that a failed turn is explained in the output. */
const failures = new Map<string, number>();
function failure(error: unknown): false {
  const reason = error instanceof Error ? error.message : String(error);
  failures.set(reason, (failures.get(reason) ?? 0) + 1);
  return false;
}

function reportFailures() {
  if (!failures.size) return;
  console.log("\nfailed requests, by reason:");
  for (const [reason, n] of failures) console.log(`  ${n} × ${reason}`);
  failures.clear();
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

const summary = <R extends Run>(r: R) => {
  const s = [...r.latencies].sort((a, b) => a - b);
  return { ...r, perSecond: r.count / r.seconds, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};

/** `concurrency` workers each doing `step` back to back for `seconds`. */
async function closedLoop(
  concurrency: number,
  seconds: number,
  step: (worker: number) => Promise<boolean>,
  prepare?: (worker: number) => Promise<void>,
): Promise<Run> {
  const latencies: number[] = [];
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        await prepare?.(w);
        const t0 = performance.now();
        const ok = await step(w).catch(failure);
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
      await trainees[k].ensureAttempt().catch(failure);
      const ok = await trainees[k].takeTurn().catch(failure);
      latencies.push(performance.now() - due);
      if (!ok) failed++;
    });
    queues[k] = p;
    all.push(p);
  }
  await Promise.all(all);
  return { count: latencies.length, failed, seconds: (performance.now() - start) / 1000, latencies };
}

/** Slices of one measurement taken apart in time, as one run (CPU per request weighted by requests). */
function merged(slices: Array<Run & { cpuMsPerRequest: number }>): Run & { cpuMsPerRequest: number } {
  const count = slices.reduce((n, r) => n + r.count, 0);
  return {
    count,
    failed: slices.reduce((n, r) => n + r.failed, 0),
    seconds: slices.reduce((n, r) => n + r.seconds, 0),
    latencies: slices.flatMap((r) => r.latencies),
    cpuMsPerRequest: slices.reduce((n, r) => n + r.cpuMsPerRequest * r.count, 0) / count,
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (m: { rssMb: number; heapUsedMb: number }) => `RSS ${m.rssMb.toFixed(0)} MB, JS heap ${m.heapUsedMb.toFixed(0)} MB`;

async function stall(port: number) {
  const r = await send(port, "GET", "/bench-metrics");
  return JSON.parse(r.body) as {
    maxStallMs: number;
    p99StallMs: number;
    cpuMs: number;
    rssMb: number;
    heapUsedMb: number;
    gcPauses: Record<string, { count: number; maxMs: number; totalMs: number }>;
  };
}

/**
 * The metrics of several server processes as one: the worst stall, CPU and memory summed, the collector's pauses of
 * each kind counted together (the longest of any).
 */
async function clusterMetrics(ports: number[]): Promise<Awaited<ReturnType<typeof stall>>> {
  const each = await Promise.all(ports.map(stall));
  if (each.length === 1) return each[0];
  const gcPauses: Record<string, { count: number; maxMs: number; totalMs: number }> = {};
  for (const m of each) {
    for (const [kind, p] of Object.entries(m.gcPauses)) {
      const sum = (gcPauses[kind] ??= { count: 0, maxMs: 0, totalMs: 0 });
      sum.count += p.count;
      sum.maxMs = Math.max(sum.maxMs, p.maxMs);
      sum.totalMs += p.totalMs;
    }
  }
  return {
    maxStallMs: Math.max(...each.map((m) => m.maxStallMs)),
    p99StallMs: Math.max(...each.map((m) => m.p99StallMs)),
    cpuMs: each.reduce((n, m) => n + m.cpuMs, 0),
    rssMb: each.reduce((n, m) => n + m.rssMb, 0),
    heapUsedMb: each.reduce((n, m) => n + m.heapUsedMb, 0),
    gcPauses,
  };
}

/** The collector's pauses since the last reset, the longest of each kind: "major 3 × ≤ 41.0 ms, minor …". */
function gcSummary(metrics: Awaited<ReturnType<typeof stall>>): string {
  return Object.entries(metrics.gcPauses)
    .map(([kind, p]) => `${kind} ${p.count} × ≤ ${ms(p.maxMs)} (${ms(p.totalMs)} in all)`)
    .join(", ");
}

/** Runs `phase` and adds the server's CPU time per request it made (user + system, measured in the server). */
async function withServerCpu<T extends { count: number }>(
  ports: number | number[],
  phase: () => Promise<T>,
): Promise<T & { cpuMsPerRequest: number; clientCpuMsPerRequest: number }> {
  const all = ([] as number[]).concat(ports);
  const before = (await clusterMetrics(all)).cpuMs;
  const client = process.cpuUsage();
  const result = await phase();
  const clientUsed = process.cpuUsage(client);
  const after = (await clusterMetrics(all)).cpuMs;
  return { ...result, cpuMsPerRequest: (after - before) / result.count, clientCpuMsPerRequest: (clientUsed.user + clientUsed.system) / 1000 / result.count };
}

/** CPU ticks (1/100 s) of each of a process's threads, by thread id (Linux only; empty elsewhere). */
function threadTicks(pid: number): Map<string, number> {
  const ticks = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks.set(tid, Number(fields[11]) + Number(fields[12])); // utime + stime
    }
  } catch {
    /* no /proc */
  }
  return ticks;
}

/**
 * The machine's CPU time in ticks, all cores (Linux only; zeros elsewhere): busy, and stolen by the hypervisor
 * (time this VM was ready to run but not running; it shows up here as event-loop stalls no code of ours made).
 */
function machineTicks(): { busy: number; steal: number; total: number } {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0) - (cpu[8] ?? 0) - (cpu[9] ?? 0); // guest time is inside user time
    return { busy: total - cpu[3] - cpu[4], steal: cpu[7] ?? 0, total }; // busy: less idle and iowait
  } catch {
    return { busy: 0, steal: 0, total: 0 };
  }
}

/**
 * A process that does nothing but watch its own event loop, beside the server: the longest stall it sees while the
 * server is loaded is what the machine's scheduling alone costs any process (two cores shared by the server's
 * threads, this bench's client and the rest). A server stall well above it is the server's own.
 */
function startIdleCanary(): { reset(): Promise<void>; read(): Promise<{ maxStallMs: number }>; stop(): void } {
  const child = spawn(
    process.execPath,
    [
      "-e",
      "const h=require('node:perf_hooks').monitorEventLoopDelay({resolution:5});h.enable();" +
        "process.stdin.on('data',()=>{process.stdout.write(JSON.stringify({maxStallMs:h.max/1e6})+'\\n');h.reset()})",
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const ask = () =>
    new Promise<{ maxStallMs: number }>((resolve) => {
      child.stdout!.once("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString().trim().split("\n")[0])));
      child.stdin!.write("\n");
    });
  return { reset: async () => void (await ask()), read: ask, stop: () => child.kill() };
}

/** Runs `work`, and says as text how busy the machine was meanwhile and how much the hypervisor took. */
async function withMachineUse<T>(work: () => Promise<T>): Promise<{ result: T; machine: string }> {
  const before = machineTicks();
  const result = await work();
  const after = machineTicks();
  const total = Math.max(1, after.total - before.total);
  const percent = (ticks: number) => `${((ticks / total) * 100).toFixed(0)}%`;
  return {
    result,
    machine: `the machine was busy ${percent(after.busy - before.busy)} of the time on all ${os.cpus().length} cores, ${percent(after.steal - before.steal)} stolen by the hypervisor`,
  };
}

/**
 * BENCH_PHASES=requests: where a turn's CPU goes. Server CPU per request for each kind of request a trainee makes,
 * each alone, and a turns-only loop at 10 trainees split by thread.
 */
async function requestCosts(port: number, server: ChildProcess, trainees: Trainee[], seconds: number, profile: boolean) {
  const [finisher, player] = [trainees[0], trainees[1]];
  await finisher.ensureAttempt();
  let report: string | null = null;
  while (!report) {
    report = await finisher.reply();
    finisher.turn += 1;
  }
  finisher.attemptId = null;
  await player.ensureAttempt();
  const kinds: Array<[string, () => Promise<Reply>]> = [
    ["GET /healthz", () => send(port, "GET", "/healthz")],
    [
      "a reply for a turn already played (409)",
      () =>
        send(port, "POST", PLAY_FORM_POST, {
          cookie: player.cookie,
          form: { intent: "reply", respond: "view", attemptId: player.attemptId!, turn: "99", text: "您好" },
        }),
    ],
    ["the play page's data", () => send(port, "GET", dataUrlOf(PLAY_PAGE), { cookie: player.cookie })],
    ["a finished call's report data", () => send(port, "GET", dataUrlOf(report), { cookie: finisher.cookie })],
  ];
  console.log("\nserver CPU per request, each kind alone, 10 concurrent for 3 s");
  for (const [name, request] of kinds) {
    const run = summary(await withServerCpu(port, () => closedLoop(10, 3, async () => (await request()).status < 500)));
    console.log(`  ${name.padEnd(42)} ${run.perSecond.toFixed(0).padStart(6)}/s  ${ms(run.cpuMsPerRequest)}`);
  }
  if (profile) await send(port, "POST", "/bench-metrics/profile/start");
  const before = threadTicks(server.pid!);
  const { result: loop, machine } = await withMachineUse(() =>
    withServerCpu(port, () =>
      closedLoop(
        10,
        seconds,
        (w) => trainees[w].takeTurn(),
        (w) => trainees[w].ensureAttempt(),
      ),
    ),
  );
  const turns = summary(loop);
  const after = threadTicks(server.pid!);
  if (profile) await saveProfile(port, "the turns-only loop");
  if (!after.size) return;
  const perTurn = (tid: string) => ((after.get(tid)! - (before.get(tid) ?? 0)) * 10) / turns.count;
  const others = [...after.keys()].filter((tid) => tid !== String(server.pid) && perTurn(tid) >= 0.005).sort((a, b) => perTurn(b) - perTurn(a));
  const ms2 = (n: number) => `${n.toFixed(2)} ms`;
  console.log(`turns only, 10 trainees: ${turns.perSecond.toFixed(0)} turns/s, server CPU ${ms(turns.cpuMsPerRequest)} per turn; by thread (/proc):`);
  console.log(
    `  request thread ${ms2(perTurn(String(server.pid)))}; the others, largest first (engine, writer, GC helpers): ${others.map((tid) => ms2(perTurn(tid))).join(", ")}`,
  );
  console.log(`  this bench's own client ${ms2(turns.clientCpuMsPerRequest)} per turn; ${machine}`);
}

async function saveProfile(port: number, what: string) {
  mkdirSync(".cache/profiles", { recursive: true });
  const file = `.cache/profiles/server-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`;
  const body = (await send(port, "POST", "/bench-metrics/profile/stop")).body;
  writeFileSync(file, body);
  console.log(`\nCPU profile of ${what}: ${file} (open it in Chrome DevTools → Performance)`);
  // The bench's own metrics routes (starting the profiler) are not the server's work.
  const [longest] = longestTasks(JSON.parse(body), 1, /bench-metrics/);
  if (longest) console.log(`  longest single task in it: ${ms(longest.ms)} (at most), under ${longest.entry}, mostly ${longest.busiest}`);
}

/** A data directory with `count` trainees who each have a history (copied from a trainee of a live run). */
function storeWithHistory(template: string, count: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${count}-`));
  mkdirSync(path.join(dir, "users"));
  for (const f of readdirSync(template)) if (f.endsWith(".json") && f !== "users.json") cpSync(path.join(template, f), path.join(dir, f));
  const users = JSON.parse(readFileSync(path.join(template, "users.json"), "utf8"));
  const staff = users.users.filter((u: { role: string }) => u.role !== "trainee");
  // A trainee with an ordinary history (a few attempts from the fixed-rate phase), not one of the closed-loop ones:
  // the last that has finished a call (with short phases, bench199 may not have yet).
  const model = users.users
    .filter((u: { username: string }) => /^bench\d+$/.test(u.username) && Number(u.username.slice(5)) >= 50)
    .reverse()
    .find((u: { id: string }) => existsSync(path.join(template, "attempts", u.id)));
  if (!model) throw new Error("growth: no fixed-rate trainee has finished a call yet; run the other phases longer (BENCH_SECONDS)");
  // Reading progress, if the trainee has any (the bench trainees only play).
  const recordsFile = path.join(template, "users", `${model.id}.json`);
  const records = existsSync(recordsFile) ? readFileSync(recordsFile, "utf8") : null;
  const attemptsDir = path.join(template, "attempts", model.id);
  const finished = readdirSync(attemptsDir).map((f) => [f, readFileSync(path.join(attemptsDir, f), "utf8")] as const);
  const trainees = Array.from({ length: count }, (_, i) => {
    const id = `hist${String(i).padStart(8, "0")}`;
    if (records) writeFileSync(path.join(dir, "users", `${id}.json`), records.split(model.id).join(id));
    mkdirSync(path.join(dir, "attempts", id), { recursive: true });
    for (const [f, text] of finished) writeFileSync(path.join(dir, "attempts", id, f), text.split(model.id).join(id));
    return { ...model, id, username: `hist${i}`, displayName: `历史学员${i}` };
  });
  writeFileSync(path.join(dir, "users.json"), JSON.stringify({ ...users, users: [...staff, ...trainees] }));
  return dir;
}

/** The schema a connection string's search_path names (test-database.ts urlForSchema). */
function schemaOf(url: string): string {
  const schema = /search_path=([a-z0-9_]+)/.exec(new URL(url).searchParams.get("options") ?? "")?.[1];
  if (!schema) throw new Error(`no schema in ${redactUrl(url)}`);
  return schema;
}

/**
 * PostgreSQL's growth store: the staff, teams and content of the live run's schema, and `count` copies of one of
 * its trainees who has finished a call (the one with the shortest history: 20,000 long ones would take the disk,
 * not measure the app), each copy renamed (hist00000000 …) in every row that names the original, JSONB included.
 * Sessions and sign-in counters are not history and are not copied.
 */
async function copyWithHistory(fromUrl: string, toUrl: string, count: number): Promise<void> {
  await migrate({ url: toUrl });
  const [src, dst] = [schemaOf(fromUrl), schemaOf(toUrl)];
  await admin(async (db) => {
    // Rows go in table by table; the foreign keys held in the source, and every copy is renamed consistently.
    await db.query("SET session_replication_role = replica");
    const tables = (
      await db.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename NOT IN ('pgmigrations', 'sessions', 'known_addresses', 'sign_in_throttle')",
        [src],
      )
    ).rows.map((r) => r.name);
    const trainees = (await db.query<{ id: string }>(`SELECT id FROM ${src}.users WHERE role = 'trainee'`)).rows.map((r) => `%${r.id}%`);
    const model = (
      await db.query<{ id: string; username: string }>(
        `SELECT u.id, u.username FROM ${src}.users u JOIN ${src}.roleplay_attempts a ON a.user_id = u.id
         WHERE u.username ~ '^bench[0-9]+$' GROUP BY u.id HAVING bool_or(a.status = 'finished') ORDER BY count(*), u.username LIMIT 1`,
      )
    ).rows[0];
    if (!model) throw new Error("growth: no bench trainee has finished a call yet; run the other phases longer (BENCH_SECONDS)");
    for (const table of tables) {
      const columns = (
        await db.query<{ name: string }>(
          "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' ORDER BY ordinal_position",
          [dst, table],
        )
      ).rows
        .map((r) => `"${r.name}"`)
        .join(", ");
      // What belongs to no trainee (staff, teams, the organisation's questions and scenarios, team assignments).
      await db.query(
        `INSERT INTO ${dst}.${table} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM ${src}.${table} s WHERE NOT (row_to_json(s)::text LIKE ANY ($1))`,
        [trainees],
      );
      // The model trainee's rows, once per copy, with the id and the username replaced.
      await db.query(
        `INSERT INTO ${dst}.${table} (${columns}) OVERRIDING SYSTEM VALUE
         SELECT ${columns} FROM (
           SELECT (json_populate_record(null::${dst}.${table}, replace(replace(row_to_json(s)::text, $1, h.id), $2, h.username)::json)).*
           FROM ${src}.${table} s CROSS JOIN (SELECT 'hist' || lpad(g::text, 8, '0') AS id, '"hist' || g || '"' AS username FROM generate_series(0, $3 - 1) g) h
           WHERE row_to_json(s)::text LIKE '%' || $1 || '%'
         ) copies`,
        [model.id, `"${model.username}"`, count],
      );
    }
    for (const table of tables) await db.query(`ANALYZE ${dst}.${table}`);
  }, fromUrl);
}

/**
 * The growth runs offer a steady 100 turns/s (10 trainees each replying every 100 ms), well under what the server
 * can take, so that what changes between a store of 10 and of 2,000 trainees is the store, not the queue.
 */
const GROWTH_RATE = 100;

/** A server on a store with history, its 10 playing trainees signed in, warmed up and mid-attempt. */
async function growthServer(store: BenchStore) {
  const server = await startServer(store, false);
  // Copies of a bench trainee, who chose "password123-own" at the first sign-in (firstSignIn).
  const cookies = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(server.port, `hist${i}`, "password123-own")));
  const trainees = cookies.map((c) => new Trainee(server.port, c));
  await closedLoop(
    10,
    2,
    (w) => trainees[w].takeTurn(),
    (w) => trainees[w].ensureAttempt(),
  ); // warm-up
  await Promise.all(trainees.map((t) => t.ensureAttempt()));
  await send(server.port, "POST", "/bench-metrics/reset");
  return { ...server, trainees };
}

/**
 * The stores of 10 and of 2,000 trainees are served side by side and loaded in turn, a second each, so that a
 * change in the machine's speed during the run falls on both alike.
 */
async function growthRuns(small: BenchStore, large: BenchStore, seconds: number) {
  const servers = [await growthServer(small), await growthServer(large)];
  try {
    const runs: Run[][] = [[], []];
    const { machine } = await withMachineUse(async () => {
      for (let slice = 0; slice < seconds; slice++) {
        for (const [i, server] of servers.entries()) runs[i].push(await openLoop(server.trainees, GROWTH_RATE, 1));
      }
    });
    const results = await Promise.all(
      servers.map(async (server, i) => ({ run: summary(merged(runs[i].map((r) => ({ ...r, cpuMsPerRequest: 0 })))), stall: await stall(server.port) })),
    );
    return { small: results[0], large: results[1], machine };
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
  }
}

async function main() {
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
  // BENCH_PHASES picks phases, e.g. BENCH_PHASES=closed (the growth phase needs the history the others leave).
  const PHASES = new Set((process.env.BENCH_PHASES ?? "closed,open,growth").split(","));
  const PROFILE = process.env.BENCH_PROFILE === "1";
  // STORE=postgres: the same phases on PostgreSQL (DATABASE_URL, else the test database), BENCH_SERVERS=2 with two
  // server processes on it, the trainees spread over both as a load balancer would.
  const STORE = process.env.STORE === "postgres" ? "postgres" : "lowdb";
  const SERVERS = Number(process.env.BENCH_SERVERS ?? 1);
  if (STORE === "lowdb" && SERVERS !== 1) throw new Error("lowdb serves from one process per data directory: BENCH_SERVERS=2 needs STORE=postgres");
  // The growth phase's large store: 2,000 trainees on lowdb (its files are read at start), 20,000 on PostgreSQL.
  const GROWTH_N = Number(process.env.BENCH_GROWTH_N ?? (STORE === "postgres" ? 20_000 : 2_000));
  const store =
    STORE === "postgres" ? await postgresStore(process.env.DATABASE_URL ?? TEST_DATABASE_URL) : lowdbStore(mkdtempSync(path.join(os.tmpdir(), "bench-")));
  console.log(
    `npm run bench — ${os.cpus().length} cores, Node ${process.version}, ${SECONDS} s per phase; ${store.describe}, ${SERVERS} server process${SERVERS > 1 ? "es" : ""}\n`,
  );
  const cluster = await Promise.all(Array.from({ length: SERVERS }, () => startServer(store)));
  const ports = cluster.map((s) => s.port);
  const [{ port, child }] = cluster;
  const atStart = await clusterMetrics(ports);
  try {
    const cookies = await createTrainees(port, 200, "bench");
    const trainees = cookies.map((c, i) => new Trainee(ports[i % ports.length], c));
    await Promise.all(trainees.slice(0, 50).map((t) => t.ensureAttempt()));
    await closedLoop(
      10,
      2,
      (w) => trainees[w].takeTurn(),
      (w) => trainees[w].ensureAttempt(),
    ); // warm-up

    // BENCH_PROFILE=1 writes a CPU profile of the server during the closed-loop and fixed-rate phases (and one of
    // the requests phase's turns-only loop).
    const profilePhases = PROFILE && (PHASES.has("closed") || PHASES.has("open"));
    if (profilePhases) await send(port, "POST", "/bench-metrics/profile/start");
    if (PHASES.has("closed")) {
      console.log("closed loop: each concurrent trainee replies again as soon as answered (server CPU per request, measured in the server)");
      console.log("  trainees   turns/s  p50       p95       p99       CPU/turn | healthz/s  p50      p99      CPU/req | turn ÷ healthz");
      for (const c of [1, 10, 50]) {
        // Turns and healthz take turns in one-second slices, so that both see the machine in the same state.
        const turnSlices: Array<Run & { cpuMsPerRequest: number }> = [];
        const healthSlices: Array<Run & { cpuMsPerRequest: number }> = [];
        for (let slice = 0; slice < SECONDS; slice++) {
          turnSlices.push(
            await withServerCpu(ports, () =>
              closedLoop(
                c,
                1,
                (w) => trainees[w].takeTurn(),
                (w) => trainees[w].ensureAttempt(),
              ),
            ),
          );
          healthSlices.push(
            await withServerCpu(ports, () => closedLoop(c, 0.5, async (w) => (await send(ports[w % ports.length], "GET", "/healthz")).status === 200)),
          );
        }
        const turns = summary(merged(turnSlices));
        const health = summary(merged(healthSlices));
        console.log(
          `  ${String(c).padStart(8)}   ${turns.perSecond.toFixed(0).padStart(7)}  ${ms(turns.p50).padEnd(9)} ${ms(turns.p95).padEnd(9)} ${ms(turns.p99).padEnd(9)} ${ms(turns.cpuMsPerRequest).padEnd(8)} | ${health.perSecond.toFixed(0).padStart(9)}  ${ms(health.p50).padEnd(8)} ${ms(health.p99).padEnd(8)} ${ms(health.cpuMsPerRequest).padEnd(7)} | ${(turns.perSecond / health.perSecond).toFixed(2)}${turns.failed ? `  (${turns.failed} failed)` : ""}`,
        );
      }
    }

    if (PHASES.has("open")) {
      const rate = 350;
      // Every trainee is mid-attempt when the clock starts, as on a shift that is under way, and trainees are at
      // different points of the call: started together, all 200 would finish and start again in the same half
      // second, a wave no real shift makes. Attempts that end during the phase are restarted inside it.
      for (let i = 0; i < trainees.length; i += 20) {
        await Promise.all(
          trainees.slice(i, i + 20).map(async (t, k) => {
            await t.ensureAttempt();
            while (t.turn - 1 < (i + k) % REPLIES.length && t.attemptId) await t.takeTurn();
          }),
        );
      }
      const canary = startIdleCanary();
      await canary.reset();
      await Promise.all(ports.map((p) => send(p, "POST", "/bench-metrics/reset")));
      const { result: offered, machine } = await withMachineUse(() => withServerCpu(ports, () => openLoop(trainees, rate, SECONDS)));
      const open = summary(offered);
      const loop = await clusterMetrics(ports);
      const idle = await canary.read();
      canary.stop();
      console.log(`\nfixed offered rate: ${rate} turns/s for ${SECONDS} s over ${trainees.length} trainees (≈5,000 trainees replying every 15 s)`);
      console.log(
        `  achieved ${open.perSecond.toFixed(0)} turns/s, p50 ${ms(open.p50)}, p95 ${ms(open.p95)}, p99 ${ms(open.p99)}, failed ${open.failed} of ${open.count}; server CPU ${ms(open.cpuMsPerRequest)} per turn (this bench's own client ${ms(open.clientCpuMsPerRequest)}); longest event-loop stall ${ms(loop.maxStallMs)}`,
      );
      console.log(`  ${machine}; a process doing nothing beside the server saw its longest stall ${ms(idle.maxStallMs)}`);
      console.log(`  garbage collection: ${gcSummary(loop)}`);
    }

    if (profilePhases) await saveProfile(port, "those phases");
    if (PHASES.has("requests")) await requestCosts(port, child, trainees, SECONDS, PROFILE);

    reportFailures();
    console.log(`\nserver memory: ${mb(atStart)} when started (demo data seeded); ${mb(await clusterMetrics(ports))} after these phases`);

    if (PHASES.has("growth")) {
      const stores = [await store.withHistory(10), await store.withHistory(GROWTH_N)];
      const { small, large, machine } = await growthRuns(stores[0], stores[1], SECONDS).finally(() => Promise.all(stores.map((s) => s.drop())));
      console.log(`\ngrowth: 10 trainees offering ${GROWTH_RATE} turns/s in all, store with N trainees who have a history`);
      console.log(
        `  N = 10:    p50 ${ms(small.run.p50)}, p95 ${ms(small.run.p95)}, p99 ${ms(small.run.p99)}, ${small.run.perSecond.toFixed(0)} turns/s, failed ${small.run.failed}, longest event-loop stall ${ms(small.stall.maxStallMs)}`,
      );
      console.log(
        `  N = ${GROWTH_N.toLocaleString("en")}: p50 ${ms(large.run.p50)}, p95 ${ms(large.run.p95)}, p99 ${ms(large.run.p99)}, ${large.run.perSecond.toFixed(0)} turns/s, failed ${large.run.failed}, longest event-loop stall ${ms(large.stall.maxStallMs)}`,
      );
      console.log(
        `  ratio (${GROWTH_N.toLocaleString("en")} ÷ 10), p50: ${(large.run.p50 / small.run.p50).toFixed(2)}   p95: ${(large.run.p95 / small.run.p95).toFixed(2)}`,
      );
      console.log(`  server memory at the end: N = 10: ${mb(small.stall)}; N = ${GROWTH_N.toLocaleString("en")}: ${mb(large.stall)}`);
      console.log(`  garbage collection: N = 10: ${gcSummary(small.stall)}; N = ${GROWTH_N.toLocaleString("en")}: ${gcSummary(large.stall)}`);
      console.log(`  ${machine}`);
      reportFailures();
    }
  } finally {
    for (const server of cluster) server.child.kill("SIGTERM");
    await Promise.all(cluster.map((server) => new Promise((r) => (server.child.exitCode === null ? server.child.once("exit", r) : r(null)))));
    await store.drop();
    agent.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
