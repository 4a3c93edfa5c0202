import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo1234";

/** Signs in through the real login form. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);
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
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}

let counter = 0;
/** A username unique to this run, so tests sharing the store never collide. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`.toLowerCase().slice(0, 32);
}

/** Creates an account through the supervisor's form and signs the supervisor out again. */
export async function createAccount(page: Page, account: { username: string; displayName: string; role?: string; password?: string; team?: string }) {
  await signIn(page, "supervisor");
  await page.goto("/supervisor/users");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "新建账号" }) });
  await form.getByLabel("姓名").fill(account.displayName);
  await form.getByLabel("用户名").fill(account.username);
  if (account.role) await form.getByLabel("角色").selectOption({ label: account.role });
  if (account.team) await form.getByLabel("团队（项目）").selectOption({ label: account.team });
  await form.getByLabel("初始密码").fill(account.password ?? "password123");
  await form.getByRole("button", { name: "创建账号" }).click();
  await expect(page.getByRole("status")).toContainText(account.username);
  await signOut(page);
}

/** Plays a started practice attempt to its end with one suggested reply per turn, the way the form posts it. */
export async function finishWithSuggestions(request: import("@playwright/test").APIRequestContext, scenario: string, attemptId: string, index = 0) {
  for (let turn = 1; turn < 20; turn++) {
    const res = await request.post(`/practice/${scenario}?mode=practice`, {
      form: { intent: "choose", attemptId, turn: String(turn), index: String(index) },
      maxRedirects: 0,
    });
    if (res.headers()["location"]?.includes("/attempts/")) return;
  }
  throw new Error(`${scenario} did not end`);
}
