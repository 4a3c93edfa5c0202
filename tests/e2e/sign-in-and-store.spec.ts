import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { createAccount, uniqueName } from "./helpers";
import { startOwnServer } from "./servers";

/**
 * What an outsider's attack and fault tests found (issue 15), each as it was reproduced: one server per data
 * directory, a sign-in lock that holds under bursts, sessions that end, a store that refuses files it cannot
 * trust, a full disk that loses nothing, and the 500s on odd input.
 */

const base = `http://localhost:${process.env.E2E_PORT}`;

/** A request context that signs in as `username` from `address` (the server trusts a proxy on loopback). */
async function signedIn(username: string, password = "demo1234", address = "127.0.0.1", url = base): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: url, extraHTTPHeaders: { "X-Forwarded-For": address } });
  const res = await ctx.post("/login", { form: { username, password }, maxRedirects: 0 });
  expect(res.status(), `sign in ${username}`).toBe(302);
  return ctx;
}

async function newTrainee(supervisor: APIRequestContext) {
  const username = uniqueName("hard");
  await createAccount({ username, displayName: "测试学员" }, supervisor);
  return username;
}

async function userIdOf(supervisor: APIRequestContext, username: string): Promise<string> {
  const list = await (await supervisor.get("/supervisor/users")).text();
  return new RegExp(`data-username="${username}"[\\s\\S]*?/supervisor/users/([a-z0-9]+)"`).exec(list)![1];
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

test("a second server on the same data directory refuses to start, naming the directory and the running one", async () => {
  const second = await startOwnServer({ dataDir: process.env.E2E_DATA_DIR!, waitUntilUp: false });
  expect(await second.exited).toBe(1);
  expect(second.stderr()).toContain(path.resolve(process.env.E2E_DATA_DIR!));
  expect(second.stderr()).toMatch(/in use by another server process \(pid \d+/);
  // The first one is untouched, and still serves.
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
});

test("a burst of sign-ins cannot slip past the lock: 29 wrong passwords and the right one last, all at once", async () => {
  const supervisor = await signedIn("supervisor");
  const username = await newTrainee(supervisor);
  const stranger = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.21" } });
  const statuses = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      stranger.post("/login", { form: { username, password: i === 29 ? "password123" : "wrong-password" }, maxRedirects: 0 }).then((r) => r.status()),
    ),
  );
  expect(statuses.filter((s) => s === 302)).toEqual([]);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
});

test("a session ends on sign-out, the others when the password changes, all of them on a reset", async () => {
  const supervisor = await signedIn("supervisor");
  const username = await newTrainee(supervisor);
  const desk = await signedIn(username, "password123");
  const phone = await signedIn(username, "password123", "10.1.2.3");
  const spare = await signedIn(username, "password123", "10.1.2.4");
  const opens = async (ctx: APIRequestContext) => (await ctx.get("/account", { maxRedirects: 0 })).status() === 200;
  expect(await opens(spare)).toBe(true);

  // Sign-out ends that session on the server: its cookie, replayed, opens nothing.
  const cookie = (await spare.storageState()).cookies.find((c) => c.name === "__session")!;
  expect((await spare.post("/logout", { maxRedirects: 0 })).status()).toBe(302);
  const replay = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { Cookie: `__session=${cookie.value}` } });
  expect((await replay.get("/account", { maxRedirects: 0 })).headers()["location"]).toMatch(/^\/login/);

  // The account page lists the sessions still open.
  const page = await (await desk.get("/account")).text();
  expect(page).toContain("当前设备");
  expect(page).toContain("10.1.2.3");

  // Changing one's password ends every other session and keeps this one.
  const change = await desk.post("/account", {
    form: { intent: "password", currentPassword: "password123", newPassword: "new-password-456", confirmPassword: "new-password-456" },
  });
  expect(change.status()).toBe(200);
  expect(await opens(desk)).toBe(true);
  expect(await opens(phone)).toBe(false);

  // A supervisor's reset ends all of them.
  const userId = await userIdOf(supervisor, username);
  expect((await supervisor.post(`/supervisor/users/${userId}`, { form: { intent: "password", password: "reset-password-789" } })).status()).toBe(200);
  expect(await opens(desk)).toBe(false);
});

test("the health check stays quick while 200 sign-ins arrive at once", async () => {
  test.setTimeout(120_000);
  const server = await startOwnServer();
  try {
    const healthz: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const t = performance.now();
        await fetch(`${server.base}/healthz`);
        healthz.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const users = ["trainee", "trainer", "supervisor", "liufang", "zhangming", "zhaolei", "sunting", "zhoujie", "wujing"];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${server.base}/login`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ username: users[i % users.length], password: i % 2 ? "wrong-password" : "demo1234" }),
        }),
      ),
    );
    done = true;
    await poll;
    const p99 = percentile(healthz, 99);
    console.log(
      `GET /healthz during 200 concurrent sign-ins: ${healthz.length} requests, p50 ${percentile(healthz, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...healthz).toFixed(1)} ms`,
    );
    // The figure is printed; the bound is far above it (the old server took up to 16 s), so a slow machine passes.
    expect(p99).toBeLessThan(2000);
  } finally {
    await server.discard();
  }
});

test.describe("a store it cannot trust stops the server, naming the file, and nothing is seeded over it", () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ["users.json holding null", { "users.json": "null" }, /users\.json.*expected an object, found null/],
    ["users.json and teams.json holding null", { "users.json": "null", "teams.json": "null" }, /(users|teams)\.json.*found null/],
    ["teams.json without its list", { "teams.json": '{"schemaVersion":1}' }, /teams\.json.*teams/],
  ];
  for (const [what, files, message] of cases) {
    test(what, async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "wuye-e2e-shape-"));
      try {
        for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dataDir, name), text);
        const server = await startOwnServer({ dataDir, waitUntilUp: false });
        expect(await server.exited).toBe(1);
        expect(server.stderr()).toMatch(message);
        for (const [name, text] of Object.entries(files)) expect(readFileSync(path.join(dataDir, name), "utf8")).toBe(text);
        expect(
          readdirSync(dataDir)
            .filter((n) => !n.startsWith("."))
            .sort(),
        ).toEqual(Object.keys(files).sort());
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }

  test("a session secret shorter than 32 characters", async () => {
    const server = await startOwnServer({ env: { SESSION_SECRET: "short-secret" }, waitUntilUp: false });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain("SESSION_SECRET is 12 characters long; it must be at least 32");
    await server.discard();
  });
});

test("a full disk: a reply is refused with a message and not kept, the health check says so, and all works again once there is room", async () => {
  test.setTimeout(180_000);
  const disk = path.join(os.tmpdir(), `wuye-e2e-disk-${process.pid}-${Date.now()}`);
  mkdirSync(disk, { recursive: true });
  if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", disk]).status !== 0) {
    test.skip(true, "cannot mount a tmpfs here (needs root, as on CI)");
    return;
  }
  let server = await startOwnServer({ dataDir: disk });
  try {
    const trainee = await signedIn("trainee", "demo1234", "127.0.0.1", server.base);
    const play = "/practice/angry-owner?mode=practice";
    await trainee.post(play, { form: { intent: "start" } });
    const attemptId = /name="attemptId" value="([^"]+)"/.exec(await (await trainee.get(play)).text())![1];
    const reply = "刘女士您好，真是抱歉，同一个问题让您报了三次，换谁都会生气。我跟您确认一下：是3栋1202卫生间天花板又漏水了，对吗？";
    expect((await trainee.post(play, { form: { intent: "reply", attemptId, turn: "1", text: reply }, maxRedirects: 0 })).status()).toBe(302);

    // Fill the disk.
    const filler = path.join(disk, "filler");
    spawnSync("dd", ["if=/dev/zero", `of=${filler}`, "bs=4k", "count=4096"]);
    const refused = await trainee.post(play, {
      form: { intent: "reply", attemptId, turn: "2", text: "您做得对，千万别开灯。麻烦您先把配电箱里卫生间那一路的开关拉下来。" },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(503);
    expect(await refused.text()).toContain("存储空间不足，您的回复没有保存，请稍后再试");
    const health = await fetch(`${server.base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.text()).toContain("ENOSPC");
    // The turn was not played: the page still waits for turn 2.
    expect(await (await trainee.get(play)).text()).toMatch(/name="turn" value="2"/);

    // Room again: the health check recovers by itself, and the same reply goes through.
    rmSync(filler);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    expect(
      (
        await trainee.post(play, {
          form: { intent: "reply", attemptId, turn: "2", text: "您做得对，千万别开灯。麻烦您先把配电箱里卫生间那一路的开关拉下来。" },
          maxRedirects: 0,
        })
      ).status(),
    ).toBe(302);

    // After a restart, exactly the two acknowledged turns are there, and no temporary file is left.
    await server.stop();
    server = await startOwnServer({ dataDir: disk });
    const again = await signedIn("trainee", "demo1234", "127.0.0.1", server.base);
    expect(await (await again.get(play)).text()).toMatch(/name="turn" value="3"/);
    const leftovers = spawnSync("find", [disk, "-name", "*.tmp"], { encoding: "utf8" }).stdout.trim();
    expect(leftovers).toBe("");
  } finally {
    await server.stop();
    spawnSync("umount", [disk]);
  }
});

test("five wrong passwords from a stranger do not shut the owner out at her usual desk, and a supervisor can lift the lock", async () => {
  const supervisor = await signedIn("supervisor");
  const username = await newTrainee(supervisor);
  await (await signedIn(username, "password123", "10.9.8.7")).dispose();
  const stranger = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
  for (let i = 0; i < 5; i++) await stranger.post("/login", { form: { username, password: "guess" }, maxRedirects: 0 });
  expect((await stranger.post("/login", { form: { username, password: "password123" }, maxRedirects: 0 })).status()).toBe(429);
  // Her own desk still signs her in.
  await signedIn(username, "password123", "10.9.8.7");
  // The supervisor sees the lock and lifts it.
  const userId = await userIdOf(supervisor, username);
  expect(await (await supervisor.get(`/supervisor/users/${userId}`)).text()).toContain("登录锁定");
  expect((await supervisor.post(`/supervisor/users/${userId}`, { form: { intent: "unlock" } })).status()).toBe(200);
  expect((await stranger.post("/login", { form: { username, password: "password123" }, maxRedirects: 0 })).status()).toBe(302);
});

test("a redirect target in Chinese, or with U+3000 or U+2028, signs in and lands there (percent-encoded), never a 500", async () => {
  for (const redirectTo of ["/中文", "/learn\u3000x", "/a\u2028b"]) {
    const ctx = await playwrightRequest.newContext({ baseURL: base });
    const res = await ctx.post("/login", { form: { username: "trainee", password: "demo1234", redirectTo }, maxRedirects: 0 });
    expect(res.status(), redirectTo).toBe(302);
    expect(res.headers()["location"]).toBe(new URL(redirectTo, "http://x").pathname);
    expect(res.headers()["set-cookie"]).toContain("__session=");
    const language = await ctx.post("/language", { form: { lang: "en", redirectTo }, maxRedirects: 0 });
    expect(language.status(), `/language ${redirectTo}`).toBe(302);
  }
});

test("a quiz field named after Object's own properties is refused with a 400, not a 500", async () => {
  const trainee = await signedIn("trainee");
  const page = await (await trainee.post("/quiz/service-overview", { form: { intent: "start" } })).text();
  const attemptId =
    /name="attemptId" value="([^"]+)"/.exec(page)?.[1] ??
    /name="attemptId" value="([^"]+)"/.exec(await (await trainee.get("/quiz/service-overview")).text())![1];
  for (const field of ["o.__proto__.x", "o.constructor.x", "o.toString.x", "a.__proto__", "a.constructor"]) {
    const res = await trainee.post("/quiz/service-overview", { form: { intent: "submit", attemptId, [field]: "1" } });
    expect(res.status(), field).toBe(400);
  }
});

test("trainers review the trainees of the teams they train: not their own practice calls, not a supervisor's", async () => {
  const trainer = await signedIn("trainer");
  const supervisor = await signedIn("supervisor");
  const ownCall = async (ctx: APIRequestContext) => {
    await ctx.post("/practice/angry-owner?mode=practice", { form: { intent: "start" } });
    const attemptId = /name="attemptId" value="([^"]+)"/.exec(await (await ctx.get("/practice/angry-owner?mode=practice")).text())![1];
    for (let turn = 1; turn < 20; turn++) {
      const res = await ctx.post("/practice/angry-owner?mode=practice", {
        form: { intent: "choose", attemptId, turn: String(turn), index: "0" },
        maxRedirects: 0,
      });
      if (res.headers()["location"]?.includes("/attempts/")) break;
    }
    return attemptId;
  };
  const trainersCall = await ownCall(trainer);
  const supervisorsCall = await ownCall(supervisor);
  expect((await trainer.get(`/trainer/attempts/${trainersCall}`)).status()).toBe(403);
  expect(
    (
      await trainer.post(`/trainer/attempts/${trainersCall}`, { form: { intent: "adjust", dimension: "empathy", score: "100", reason: "自己给自己打分" } })
    ).status(),
  ).toBe(403);
  expect((await trainer.get(`/trainer/attempts/${supervisorsCall}`)).status()).toBe(403);
  expect((await trainer.post(`/trainer/attempts/${supervisorsCall}`, { form: { intent: "comment", turn: "1", text: "看看主管的" } })).status()).toBe(403);
});

test("names cannot disguise the text beside them, and full-width formula signs are neutralised in the export", async () => {
  const supervisor = await signedIn("supervisor");
  const username = uniqueName("bidi");
  const users = await supervisor.get("/supervisor/users");
  const teamId = /<option value="([a-z0-9]+)">阳光花园<\/option>/.exec(await users.text())![1];
  const displayName = "＝SUM(1)\u202e王\n芳";
  expect(
    (
      await supervisor.post("/supervisor/users", { form: { intent: "create-user", username, displayName, role: "trainee", teamId, password: "password123" } })
    ).status(),
  ).toBe(200);
  const dashboard = await (await supervisor.get("/supervisor")).text();
  expect(dashboard).toContain("＝SUM(1) 王 芳");
  expect(dashboard).not.toContain("\u202e");
  const csv = await (await supervisor.get("/supervisor/export.csv")).text();
  expect(csv).toContain(`"'＝SUM(1) 王 芳"`);
});
