import AxeBuilder from "@axe-core/playwright";
import { expect, request, type APIRequestContext, type Page } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";

export const DEMO_PASSWORD = "demo1234";

/**
 * Signs in as the sign-in form does (a post of its two fields, the session cookie kept by the page's context), then
 * opens the page the server sends her to. The form itself is filled in by the tests of signing in; everywhere else
 * this saves loading and rendering the sign-in page for each of some seventy sign-ins.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  const response = await page.request.post("/login", { form: { username, password }, maxRedirects: 0 });
  expect(response.status(), `signing in as ${username}`).toBe(302);
  await page.goto(response.headers()["location"]);
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Runs axe on the page as it is now and fails on any serious or critical violation, naming it and where. `within`
 * (a CSS selector) checks only the part a step has just changed, on a page checked whole elsewhere; `leavingOut`
 * skips parts of it (rows that repeat the markup of those checked).
 *
 * Axe runs in the page itself ("legacy mode"), not through a blank page opened beside it to merge the results of
 * each frame: the app has no frames, the violations and passes are the same, and each check costs half the time
 * (0.5 s against 1.1 s on /trainer, quiet; the suite runs some sixty of them).
 */
export async function expectNoSeriousViolations(page: Page, where: string, within?: string, leavingOut?: string) {
  const axe = new AxeBuilder({ page }).setLegacyMode();
  if (within) axe.include(within);
  if (leavingOut) axe.exclude(leavingOut);
  const results = await axe.analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    ),
  ).toEqual([]);
}

/** Waits until React has hydrated, so client-side behaviour is live. */
export async function hydrated(page: Page) {
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
}

/** Signs out with the header's button, once the page is hydrated (a click during hydration can be lost). */
export async function signOut(page: Page) {
  // With JavaScript disabled the page's inline scripts never run, so there is nothing to wait for.
  const javaScript = await page.evaluate(() => "__remixContext" in window);
  if (javaScript) await hydrated(page);
  await page.getByRole("button", { name: m["nav.logout"] }).click();
  await expect(page).toHaveURL(/\/login/);
}

let counter = 0;
/** A username unique to this run, so tests sharing the store never collide. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`.toLowerCase().slice(0, 32);
}

/** The password a supervisor gives a new account in these tests; its owner replaces it at the first sign-in. */
export const INITIAL_PASSWORD = "initial-pass-1";

/**
 * Signs in with the password a supervisor set and replaces it with `password`, as the owner of a new (or reset)
 * account must before anything else opens.
 */
export async function replaceInitialPassword(username: string, password: string, initial = INITIAL_PASSWORD) {
  await (await signInChoosingPassword(username, password, initial)).dispose();
}

/** The first sign-in of replaceInitialPassword, returning the owner's signed-in request context. */
async function signInChoosingPassword(username: string, password: string, initial = INITIAL_PASSWORD): Promise<APIRequestContext> {
  const owner = await request.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT}` });
  expect((await owner.post("/login", { form: { username, password: initial }, maxRedirects: 0 })).status(), `first sign-in of ${username}`).toBe(302);
  const change = await owner.post("/account", {
    form: { intent: "password", currentPassword: initial, newPassword: password, confirmPassword: password },
    maxRedirects: 0,
  });
  expect(change.status(), `${username} chooses a password`).toBe(302);
  return owner;
}

/** The value of the `<option>` named `label` in a page's HTML: what a select posts for that choice. */
function optionValue(html: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const value = new RegExp(`<option value="([^"]+)">${escaped}</option>`).exec(html)?.[1];
  if (!value) throw new Error(`no choice named ${label}`);
  return value;
}

/**
 * Creates an account as the supervisor's form posts it (the form itself is tested in foundation.spec.ts) and has
 * its owner replace the initial password with `password` (default password123) at the first sign-in, so that it
 * opens directly. Setup over HTTP against the real server, not what a test looks at; returns the account's id.
 * A test creating many accounts passes its supervisor's signed-in context; otherwise one signs in and out for this.
 */
export async function createAccount(
  account: {
    username: string;
    displayName: string;
    role?: "trainee" | "trainer" | "supervisor";
    /** A team's name; the form's first choice (the demo's 阳光花园) when not given. */
    team?: string;
    password?: string;
  },
  signedInSupervisor?: APIRequestContext,
): Promise<string> {
  const supervisor = signedInSupervisor ?? (await request.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT}` }));
  if (!signedInSupervisor)
    expect((await supervisor.post("/login", { form: { username: "supervisor", password: DEMO_PASSWORD }, maxRedirects: 0 })).status()).toBe(302);
  const teamId = optionValue(await (await supervisor.get("/supervisor/users")).text(), account.team ?? "阳光花园");
  const created = await supervisor.post("/supervisor/users", {
    form: {
      intent: "create-user",
      username: account.username,
      displayName: account.displayName,
      role: account.role ?? "trainee",
      teamId,
      password: INITIAL_PASSWORD,
    },
  });
  expect(created.status(), `create ${account.username}`).toBe(200);
  // The answer is the list of accounts with the new one in it, and the link to its page.
  const id = new RegExp(`data-username="${account.username}"[\\s\\S]*?/supervisor/users/([a-z0-9]+)"`).exec(await created.text())?.[1];
  expect(id, `${account.username} is listed`).toBeTruthy();
  if (!signedInSupervisor) {
    await supervisor.post("/logout", { maxRedirects: 0 });
    await supervisor.dispose();
  }
  await replaceInitialPassword(account.username, account.password ?? "password123");
  return id!;
}

/**
 * `count` new trainees of 阳光花园, each having chosen her own password and signed in, in a request context of her
 * own: setup for the load tests, not what they look at. The accounts are posted eight at a time to the page's data
 * URL, as the supervisor's page posts them with JavaScript, so the list of every account is not rendered back each
 * time; each trainee then signs in and replaces the initial password as the product requires (four password hashes).
 */
export async function createSignedInTrainees(count: number, prefix: string, supervisor: APIRequestContext): Promise<APIRequestContext[]> {
  const teamId = optionValue(await (await supervisor.get("/supervisor/users")).text(), "阳光花园");
  const names = Array.from({ length: count }, () => uniqueName(prefix));
  const trainees: APIRequestContext[] = [];
  for (let i = 0; i < names.length; i += 8) {
    const batch = names.slice(i, i + 8);
    const created = await Promise.all(
      batch.map((username) =>
        supervisor.post("/supervisor/users.data?index", {
          form: { intent: "create-user", username, displayName: `并发${username.slice(-4)}`, role: "trainee", teamId, password: INITIAL_PASSWORD },
        }),
      ),
    );
    created.forEach((res, k) => expect(res.status(), `create ${batch[k]}`).toBe(200));
    trainees.push(...(await Promise.all(batch.map((username) => signInChoosingPassword(username, "password123")))));
  }
  return trainees;
}

/** A call as a trainee plays it, turn by turn: a number sends that suggested reply, a string is typed and scored. */
export type CallPlan = ReadonlyArray<number | string>;

/**
 * angry-owner played by a trainee who gets every fact right and never once meets the owner's feeling: resolved, no
 * critical error, listening and wording at their pass marks, empathy under its mark.
 */
export const FACTS_WITHOUT_FEELING: CallPlan = ["3栋1202卫生间漏水，已登记，师傅30分钟内上门。", 0, 0, "楼上1302今天去沟通，维修今天安排。", 0, 0, 0];

/**
 * Plays a started practice attempt to its end the way the form posts it: with the plan's answers, then the first
 * suggested reply at every turn the plan does not reach (a number alone: that suggestion at every turn). A call
 * whose first turns were already posted goes on from `fromTurn`.
 */
export async function finishWithSuggestions(
  request: import("@playwright/test").APIRequestContext,
  scenario: string,
  attemptId: string,
  plan: CallPlan | number = 0,
  fromTurn = 1,
) {
  for (let turn = fromTurn; turn < 20; turn++) {
    const step = typeof plan === "number" ? plan : (plan[turn - 1] ?? 0);
    const form: Record<string, string> = typeof step === "number" ? { intent: "choose", index: String(step) } : { intent: "reply", text: step };
    const res = await request.post(`/practice/${scenario}?mode=practice`, {
      form: { ...form, attemptId, turn: String(turn) },
      maxRedirects: 0,
    });
    expect(res.status(), `turn ${turn} of ${scenario} is played`).toBeLessThan(400);
    if (res.headers()["location"]?.includes("/attempts/")) return;
  }
  throw new Error(`${scenario} did not end`);
}

/** Starts a practice call of a scenario on the page and plays it to its end with suggested replies; returns its id. */
export async function playPracticeCall(page: Page, scenario: string, plan: CallPlan | number = 0): Promise<string> {
  await page.goto(`/practice/${scenario}?mode=practice`);
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  const attemptId = await page.locator('input[name="attemptId"]').first().inputValue();
  await finishWithSuggestions(page.request, scenario, attemptId, plan);
  return attemptId;
}

/**
 * Tomorrow's date in China (YYYY-MM-DD), as a due date. Take it once per test: called again after midnight in
 * China (16:00 UTC) it is another day, and "the same assignment" is no longer the same.
 */
export function tomorrow(): string {
  return new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
}
