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
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../support/free-port";
import { agent, createTrainees, dataUrlOf, PLAY_FORM_POST, PLAY_PAGE, REPLIES, send, signIn, Trainee, type Reply } from "../support/http-trainee";

async function startServer(dataDir: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["build/server.js"], {
    // MALLOC_MMAP_THRESHOLD_ as `npm start` sets it (see package.json and the README's settings).
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: "1",
      SESSION_SECRET: "bench-session-secret-of-32-characters",
      BENCH_METRICS: "1",
      NODE_ENV: "production",
      MALLOC_MMAP_THRESHOLD_: "131072",
    },
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

/** The collector's pauses since the last reset, the longest of each kind: "major 3 × ≤ 41.0 ms, minor …". */
function gcSummary(metrics: Awaited<ReturnType<typeof stall>>): string {
  return Object.entries(metrics.gcPauses)
    .map(([kind, p]) => `${kind} ${p.count} × ≤ ${ms(p.maxMs)} (${ms(p.totalMs)} in all)`)
    .join(", ");
}

/** Runs `phase` and adds the server's CPU time per request it made (user + system, measured in the server). */
async function withServerCpu<T extends { count: number }>(
  port: number,
  phase: () => Promise<T>,
): Promise<T & { cpuMsPerRequest: number; clientCpuMsPerRequest: number }> {
  const before = (await stall(port)).cpuMs;
  const client = process.cpuUsage();
  const result = await phase();
  const clientUsed = process.cpuUsage(client);
  const after = (await stall(port)).cpuMs;
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
  writeFileSync(file, (await send(port, "POST", "/bench-metrics/profile/stop")).body);
  console.log(`\nCPU profile of ${what}: ${file} (open it in Chrome DevTools → Performance)`);
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

/**
 * The growth runs offer a steady 100 turns/s (10 trainees each replying every 100 ms), well under what the server
 * can take, so that what changes between a store of 10 and of 2,000 trainees is the store, not the queue.
 */
const GROWTH_RATE = 100;

/** A server on a store with history, its 10 playing trainees signed in, warmed up and mid-attempt. */
async function growthServer(dir: string) {
  const server = await startServer(dir);
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
async function growthRuns(small: string, large: string, seconds: number) {
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
  console.log(`npm run bench — ${os.cpus().length} cores, Node ${process.version}, ${SECONDS} s per phase\n`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const { port, child } = await startServer(dataDir);
  const atStart = await stall(port);
  try {
    const cookies = await createTrainees(port, 200, "bench");
    const trainees = cookies.map((c) => new Trainee(port, c));
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
            await withServerCpu(port, () =>
              closedLoop(
                c,
                1,
                (w) => trainees[w].takeTurn(),
                (w) => trainees[w].ensureAttempt(),
              ),
            ),
          );
          healthSlices.push(await withServerCpu(port, () => closedLoop(c, 0.5, async () => (await send(port, "GET", "/healthz")).status === 200)));
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
      await send(port, "POST", "/bench-metrics/reset");
      const { result: offered, machine } = await withMachineUse(() => withServerCpu(port, () => openLoop(trainees, rate, SECONDS)));
      const open = summary(offered);
      const loop = await stall(port);
      console.log(`\nfixed offered rate: ${rate} turns/s for ${SECONDS} s over ${trainees.length} trainees (≈5,000 trainees replying every 15 s)`);
      console.log(
        `  achieved ${open.perSecond.toFixed(0)} turns/s, p50 ${ms(open.p50)}, p95 ${ms(open.p95)}, p99 ${ms(open.p99)}, failed ${open.failed} of ${open.count}; server CPU ${ms(open.cpuMsPerRequest)} per turn (this bench's own client ${ms(open.clientCpuMsPerRequest)}); longest event-loop stall ${ms(loop.maxStallMs)}`,
      );
      console.log(`  ${machine}`);
      console.log(`  garbage collection: ${gcSummary(loop)}`);
    }

    if (profilePhases) await saveProfile(port, "those phases");
    if (PHASES.has("requests")) await requestCosts(port, child, trainees, SECONDS, PROFILE);

    reportFailures();
    console.log(`\nserver memory: ${mb(atStart)} when started (demo data seeded); ${mb(await stall(port))} after these phases`);

    if (PHASES.has("growth")) {
      const { small, large, machine } = await growthRuns(storeWithHistory(dataDir, 10), storeWithHistory(dataDir, 2000), SECONDS);
      console.log(`\ngrowth: 10 trainees offering ${GROWTH_RATE} turns/s in all, store with N trainees who have a history`);
      console.log(
        `  N = 10:    p50 ${ms(small.run.p50)}, p95 ${ms(small.run.p95)}, p99 ${ms(small.run.p99)}, ${small.run.perSecond.toFixed(0)} turns/s, failed ${small.run.failed}, longest event-loop stall ${ms(small.stall.maxStallMs)}`,
      );
      console.log(
        `  N = 2,000: p50 ${ms(large.run.p50)}, p95 ${ms(large.run.p95)}, p99 ${ms(large.run.p99)}, ${large.run.perSecond.toFixed(0)} turns/s, failed ${large.run.failed}, longest event-loop stall ${ms(large.stall.maxStallMs)}`,
      );
      console.log(`  ratio (2,000 ÷ 10), p50: ${(large.run.p50 / small.run.p50).toFixed(2)}   p95: ${(large.run.p95 / small.run.p95).toFixed(2)}`);
      console.log(`  server memory at the end: N = 10: ${mb(small.stall)}; N = 2,000: ${mb(large.stall)}`);
      console.log(`  garbage collection: N = 10: ${gcSummary(small.stall)}; N = 2,000: ${gcSummary(large.stall)}`);
      console.log(`  ${machine}`);
      reportFailures();
    }
  } finally {
    child.kill("SIGTERM");
    agent.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
