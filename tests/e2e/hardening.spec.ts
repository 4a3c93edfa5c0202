import { readFileSync, readdirSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { createAccount, createSignedInTrainees, signIn, uniqueName } from "./helpers";
import { foldEvents } from "../../app/store/attempt-events";

const base = `http://localhost:${process.env.E2E_PORT}`;

async function signedIn(username: string, password = "demo1234"): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: base });
  const res = await ctx.post("/login", { form: { username, password }, maxRedirects: 0 });
  expect(res.status(), `sign in ${username}`).toBe(302);
  return ctx;
}

test.describe("security headers", () => {
  test("every response carries them, and the page's scripts carry the nonce", async ({ page, request }) => {
    const check = (headers: Record<string, string>, what: string) => {
      const csp = headers["content-security-policy"] ?? "";
      expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(
        csp.split(";").find((d) => d.trim().startsWith("script-src")),
        what,
      ).not.toContain("unsafe-inline");
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], what).toBe("nosniff");
      expect(headers["referrer-policy"], what).toBeTruthy();
    };
    for (const url of ["/login", "/healthz", "/favicon.ico", "/no-such-page", "/certificates/unknown-certificate-id"])
      check((await request.get(url)).headers(), url);
    check((await request.post("/login", { form: { username: "", password: "" } })).headers(), "POST /login");
    const response = await page.goto("/login");
    check(response!.headers(), "document");
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"])![1];
    const scripts = await page
      .locator("script")
      .evaluateAll((els) => els.map((e) => ({ inline: !(e as HTMLScriptElement).src, nonce: (e as HTMLScriptElement).nonce })));
    for (const s of scripts.filter((x) => x.inline)) expect(s.nonce).toBe(nonce);
    const asset = await page.locator("link[rel=stylesheet]").first().getAttribute("href");
    check((await request.get(asset!)).headers(), "static asset");
  });
});

test("hostile input to every action: never a 5xx; each refusal a 4xx that says why", async ({ request }) => {
  test.setTimeout(120_000);
  const trainee = await signedIn("trainee");
  const trainer = await signedIn("trainer");
  const supervisor = await signedIn("supervisor");
  const hostile = [
    "",
    "<script>alert(1)</script>",
    "\u0000\u0007\u001b[31m",
    "=cmd|' /C calc'!A0",
    "'; DROP TABLE users; --",
    "../../../etc/passwd",
    "%00",
    "😀".repeat(3000),
    "a".repeat(70_000),
  ];
  const forged = ["", "x", "../users", "AAAAAAAAAAAAAAAAAAAAAAAA", "' OR 1=1"];
  const actions: Array<[APIRequestContext, string, string[]]> = [
    [request, "/login", ["username", "password", "redirectTo"]],
    [request, "/language", ["lang", "redirectTo"]],
    [trainee, "/?index", ["intent"]],
    [trainee, "/account", ["currentPassword", "newPassword", "confirmPassword"]],
    [trainee, "/learn/core-process", ["intent", "sectionId"]],
    [trainee, "/practice/angry-owner?mode=practice", ["intent", "attemptId", "turn", "text", "index"]],
    [trainee, "/practice/angry-owner?mode=sideways", ["intent"]],
    [trainee, "/quiz/core-process", ["intent", "attemptId", "a.core-process/cp-01", "o.core-process/cp-02.a"]],
    [trainee, "/quiz/final", ["attemptId"]],
    [trainer, "/trainer", ["intent", "assignmentId"]],
    [trainer, "/trainer/assignments/new", ["work", "audience", "due", "note"]],
    [trainer, "/trainer/attempts/AAAAAAAAAAAAAAAA", ["intent", "turn", "text", "dimension", "score", "reason"]],
    [supervisor, "/supervisor/users", ["intent", "username", "displayName", "role", "teamId", "password", "name"]],
    [supervisor, "/supervisor/users/aaaaaaaaaaaaaaaaaaaa", ["intent", "displayName", "role", "teamId", "password", "active"]],
    // Test-only (TEST_CLOCK=1, as here); every value below moves the clock by nothing or is refused.
    [request, "/test-clock", ["minutes"]],
    // Last: it signs the trainee out, and every action above must be reached signed in.
    [trainee, "/logout", ["x"]],
  ];
  const statuses: string[] = [];
  for (const [ctx, url, fields] of actions) {
    const attempts: Array<Parameters<APIRequestContext["post"]>[1]> = [
      { form: {} },
      ...hostile.map((v) => ({ form: Object.fromEntries(fields.map((f) => [f, v])) })),
      ...forged.map((v) => ({ form: Object.fromEntries(fields.map((f) => [f, v])) })),
      { data: { anything: "json" } },
      { headers: { "Content-Type": "text/plain" }, data: "plain text" },
      { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: "x".repeat(1024 * 1024) },
      { multipart: { intent: "start", file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("hi") } } },
    ];
    for (const options of attempts) {
      const res = await ctx.post(url, { ...options, maxRedirects: 0 });
      statuses.push(`${url} ${res.status()}`);
      expect(res.status(), `${url} ${JSON.stringify(options).slice(0, 80)}`).toBeLessThan(500);
      // Refused by the action itself, not bounced to the sign-in page before it ran.
      if (ctx !== request && url !== "/logout") expect(res.headers()["location"] ?? "", `${url} signed in`).not.toMatch(/^\/login/);
      if (res.status() >= 400) expect((await res.text()).length, `${url} explains a ${res.status()}`).toBeGreaterThan(0);
    }
  }
  expect(statuses.some((s) => / 4\d\d$/.test(s))).toBe(true);
  // The trainer's filters are a query string: a value that is none of the choices is no filter, never an error.
  for (const value of [...hostile.slice(0, 7), ...forged]) {
    const query = new URLSearchParams(["scenario", "trainee", "mode", "result", "reviewed"].map((name) => [name, value]));
    expect((await trainer.get(`/trainer?${query}`)).status(), value).toBe(200);
  }
});

test("hostile text shows escaped in the report, the trainer's review, the dashboard and the CSV", async ({ browser }) => {
  const supervisor = await signedIn("supervisor");
  const username = uniqueName("xss");
  const name = "=1+1<b>粗</b>";
  await createAccount({ username, displayName: name }, supervisor);
  const page = await browser.newPage();
  await signIn(page, username, "password123");
  await page.goto("/practice/angry-owner?mode=practice");
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  const attemptId = await page.locator('input[name="attemptId"]').first().inputValue();
  const evil = '<script>window.pwned=1</script><img src=x onerror=alert(1)>=HYPERLINK("http://evil")';
  let turn = 1;
  for (; turn < 15; turn++) {
    const res = await page.request.post("/practice/angry-owner?mode=practice", {
      form: { intent: "reply", attemptId, turn: String(turn), text: evil },
      maxRedirects: 0,
    });
    if (res.headers()["location"]?.includes("/attempts/")) break;
  }
  for (const [ctx, url] of [
    [page.request, `/practice/angry-owner/attempts/${attemptId}`],
    [supervisor, `/trainer/attempts/${attemptId}`],
    [supervisor, "/supervisor"],
  ] as const) {
    const html = await (await ctx.get(url)).text();
    expect(html, url).not.toContain("<script>window.pwned");
    expect(html, url).not.toContain("<img src=x");
    expect(html, url).not.toContain("<b>粗</b>");
  }
  const reportHtml = await (await page.request.get(`/practice/angry-owner/attempts/${attemptId}`)).text();
  expect(reportHtml).toContain("&lt;script&gt;window.pwned=1&lt;/script&gt;");
  await page.goto(`/practice/angry-owner/attempts/${attemptId}`);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  const csv = (await (await supervisor.get("/supervisor/export.csv")).body()).toString("utf8");
  const row = csv.split("\r\n").find((l) => l.includes(username))!;
  expect(row).toContain(`"'${name}"`);
});

test("500 turn posts from 50 trainees at once: each turn recorded once, nothing corrupted or mixed up", async () => {
  test.setTimeout(180_000);
  const trainees = await createSignedInTrainees(50, "cc", await signedIn("supervisor"));
  const attemptIds = await Promise.all(
    trainees.map(async (ctx) => {
      await ctx.post("/practice/angry-owner?mode=practice", { form: { intent: "start" }, maxRedirects: 0 });
      const html = await (await ctx.get("/practice/angry-owner?mode=practice")).text();
      return /name="attemptId" value="([^"]+)"/.exec(html)![1];
    }),
  );
  // Five turns each, every post sent twice at once (a double click): 50 × 5 × 2 = 500 posts.
  const statuses: number[] = [];
  for (let turn = 1; turn <= 5; turn++) {
    const posts = trainees.flatMap((ctx, i) =>
      [0, 1].map(() =>
        ctx.post("/practice/angry-owner?mode=practice", {
          form: { intent: "reply", attemptId: attemptIds[i], turn: String(turn), text: `第${turn}轮：您好，我马上帮您处理。` },
          maxRedirects: 0,
        }),
      ),
    );
    for (const res of await Promise.all(posts)) statuses.push(res.status());
  }
  expect(statuses).toHaveLength(500);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);

  // Read the store the server wrote: one log per attempt, in its trainee's directory, each with exactly its own
  // turns 1…n once.
  for (const attemptId of attemptIds) {
    // An attempt id names its log: attempts/<userId>/<random part>.jsonl.
    const [owner, random] = attemptId.split(".");
    const ownDir = path.resolve(process.env.E2E_DATA_DIR!, "attempts", owner);
    expect(readdirSync(ownDir)).toEqual([`${random}.jsonl`]);
    const lines = readFileSync(path.join(ownDir, `${random}.jsonl`), "utf8")
      .split("\n")
      .filter(Boolean);
    const attempt = foldEvents(lines.map((line) => JSON.parse(line)));
    expect(attempt.id).toBe(attemptId);
    const ns = attempt.turns.map((t) => t.n);
    expect(ns).toEqual(Array.from({ length: ns.length }, (_, i) => i + 1));
    expect(ns.length).toBeGreaterThanOrEqual(1);
    for (const t of attempt.turns) expect(t.text).toBe(`第${t.n}轮：您好，我马上帮您处理。`);
  }
});

test("a kept-alive connection left idle for 6 s still takes the next request", async () => {
  // Node's default closes idle connections after 5 s: a client posting just then got ECONNRESET (seen in CI,
  // the 50 trainees above signing in over several seconds).
  const socket = connect(Number(process.env.E2E_PORT), "localhost");
  socket.setEncoding("utf8");
  let received = "";
  let closed = false;
  socket.on("data", (chunk: string) => (received += chunk));
  socket.on("close", () => (closed = true));
  socket.on("error", () => (closed = true));
  const answered = async () => {
    await expect.poll(() => received.includes("\r\n\r\n") || closed).toBe(true);
    const answer = received;
    received = "";
    return answer;
  };
  const get = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n";
  socket.write(get);
  expect(await answered()).toMatch(/^HTTP\/1\.1 200/);
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  expect(closed, "the server closed the idle connection").toBe(false);
  socket.write(get);
  expect(await answered()).toMatch(/^HTTP\/1\.1 200/);
  socket.destroy();
});
