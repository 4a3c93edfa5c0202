import { expect, test } from "@playwright/test";
import { createAccount, hydrated, INITIAL_PASSWORD, replaceInitialPassword, signIn, signOut, uniqueName } from "./helpers";
import { zhCN as m } from "../../app/i18n/zh-CN";

test.describe("signing in", () => {
  test("each role signs in and lands on its own home", async ({ page }) => {
    await signIn(page, "trainee");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: m["home.trainee.progress"] })).toBeVisible();
    await expect(page.locator(".module-card")).toHaveCount(6);
    await signOut(page);

    await signIn(page, "trainer");
    await expect(page.getByText(m["home.trainer.intro"])).toBeVisible();
    await expect(page.getByRole("heading", { name: "阳光花园" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "翠湖苑" })).toBeVisible();
    await expect(page.getByRole("link", { name: m["nav.users"] })).toHaveCount(0);
    await signOut(page);

    await signIn(page, "supervisor");
    await expect(page.getByRole("link", { name: m["home.supervisor.manageUsers"] })).toBeVisible();
    await expect(page.getByRole("row", { name: /刘芳/ })).toBeVisible();
  });

  test("a wrong password shows an error and keeps the user on the login page", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel(m["login.username"]).fill("trainer");
    await page.getByLabel(m["login.password"]).fill("not-the-password");
    await page.getByRole("button", { name: m["login.title"] }).click();
    await expect(page.getByRole("alert")).toHaveText(m["login.error.invalid"]);
    await expect(page).toHaveURL(/\/login/);
  });

  test("anonymous visitors are sent to the login page and back afterwards", async ({ page }) => {
    await page.goto("/learn/core-process");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Flearn%2Fcore-process/);
    await page.getByLabel(m["login.username"]).fill("trainee");
    await page.getByLabel(m["login.password"]).fill("demo1234");
    await page.getByRole("button", { name: m["login.title"] }).click();
    await expect(page).toHaveURL(/\/learn\/core-process$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("核心流程结构");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("signing in works with plain form posts", async ({ page }) => {
      await signIn(page, "trainee");
      await expect(page.getByRole("heading", { name: m["home.trainee.progress"] })).toBeVisible();
      await signOut(page);
    });
  });
});

test("a trainee opens a module, finishes it and sees the progress after a reload", async ({ page }) => {
  const username = uniqueName("learner");
  await createAccount({ username, displayName: "测试学员" });
  await signIn(page, username, "password123");
  await page.goto("/learn");
  const card = page.locator('.module-card[data-slug="service-overview"]');
  await expect(card).toHaveAttribute("data-state", "not-started");
  await card.getByRole("link", { name: m["learn.start"] }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("服务概述");
  await hydrated(page);

  // Completing before reading everything is refused with the sections still to read.
  await page.getByRole("button", { name: m["learn.complete"] }).click();
  await expect(page.getByRole("alert")).toContainText("还有小节没有读完");

  const buttons = page.getByRole("button", { name: m["learn.markRead"] });
  const total = await buttons.count();
  expect(total).toBeGreaterThanOrEqual(2);
  for (let read = 1; read <= total; read++) {
    await buttons.first().click();
    await expect(page.locator(".sections-read").first()).toHaveText(`已读 ${read}/${total} 节`);
  }
  await page.getByRole("button", { name: m["learn.complete"] }).click();
  await expect(page.getByRole("status")).toContainText(m["learn.complete"]);

  await page.reload();
  await expect(page.getByRole("status")).toContainText(m["learn.complete"]);
  await page.goto("/learn");
  await expect(card).toHaveAttribute("data-state", "completed");
  await expect(card).toContainText(`已读 ${total}/${total} 节`);
  await page.goto("/");
  await expect(page.locator('.module-card[data-slug="service-overview"]')).toHaveAttribute("data-state", "completed");
});

test("a trainee who stops mid-module resumes at the next unread section", async ({ page }) => {
  const username = uniqueName("resumer");
  await createAccount({ username, displayName: "续学学员" });
  await signIn(page, username, "password123");
  await page.goto("/learn/core-process");
  await hydrated(page);
  await page.getByRole("button", { name: m["learn.markRead"] }).first().click();
  await expect(page.locator(".sections-read").first()).toHaveText(/已读 1\//);
  await page.goto("/");
  await expect(page.getByRole("link", { name: /继续学习/ })).toHaveAttribute("href", "/learn/core-process#first-contact-responsibility");
});

test("a trainee is refused the account management page", async ({ page }) => {
  await signIn(page, "trainee");
  const response = await page.goto("/supervisor/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: m["error.forbidden.title"] })).toBeVisible();
});

test("a supervisor creates an account that can then sign in", async ({ page }) => {
  const username = uniqueName("newhire");
  await signIn(page, "supervisor");
  await page.goto("/supervisor/users");
  const form = page.locator("form", { has: page.getByRole("heading", { name: m["users.create"] }) });
  await form.getByLabel(m["users.displayName"]).fill("新同事");
  await form.getByLabel(m["users.username"]).fill(username);
  await form.getByLabel(m["users.team"]).selectOption({ label: "翠湖苑" });
  await form.getByLabel(m["users.initialPassword"]).fill(INITIAL_PASSWORD);
  await form.getByRole("button", { name: m["users.createSubmit"] }).click();
  await expect(page.getByRole("status")).toContainText(username);
  await signOut(page);
  await replaceInitialPassword(username, "first-pass-1");
  await signIn(page, username, "first-pass-1");
  await expect(page.getByRole("heading", { name: "新同事，您好" })).toBeVisible();
});

test("a deactivated account cannot sign in and its open session stops working", async ({ browser }) => {
  const username = uniqueName("leaver");
  await createAccount({ username, displayName: "离职员工" });
  const admin = await browser.newPage();
  const user = await browser.newPage();
  await signIn(user, username, "password123");

  await signIn(admin, "supervisor");
  await admin.goto("/supervisor/users");
  await admin.getByRole("link", { name: "修改 离职员工" }).click();
  await admin.getByRole("button", { name: m["users.deactivate"] }).click();
  await admin.getByRole("button", { name: m["users.deactivateConfirm.yes"] }).click();
  await expect(admin.getByRole("status")).toHaveText(m["users.deactivated"]("离职员工"));

  await user.goto("/learn");
  await expect(user).toHaveURL(/\/login/);
  await user.getByLabel(m["login.username"]).fill(username);
  await user.getByLabel(m["login.password"]).fill("password123");
  await user.getByRole("button", { name: m["login.title"] }).click();
  await expect(user.getByRole("alert")).toHaveText(m["login.error.inactive"]);
});

test("switching to English shows English and is remembered", async ({ page }) => {
  await signIn(page, "trainee");
  await page.getByRole("button", { name: m["lang.switchLabel"] }).click();
  await expect(page.getByRole("heading", { name: "Your progress" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/learn/problem-handling");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Problem/i);
  await expect(page.getByRole("button", { name: "Mark this section as read" }).first()).toBeVisible();
  await page.getByRole("button", { name: "Switch the interface to Chinese" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("问题处理策略");
});

test("a user changes their own password", async ({ page }) => {
  const username = uniqueName("changer");
  await createAccount({ username, displayName: "改密学员" });
  await signIn(page, username, "password123");
  await page.goto("/account");
  await page.getByLabel(m["account.currentPassword"]).fill("password123");
  await page.getByLabel(/^新密码/).fill("short");
  await page.getByLabel(m["account.confirmPassword"]).fill("short");
  await page.getByRole("button", { name: m["account.save"] }).click();
  await expect(page.getByText(m["form.passwordTooShort"])).toBeVisible();
  await page.getByLabel(m["account.currentPassword"]).fill("password123");
  await page.getByLabel(/^新密码/).fill("a-better-pass");
  await page.getByLabel(m["account.confirmPassword"]).fill("a-better-pass");
  await page.getByRole("button", { name: m["account.save"] }).click();
  await expect(page.getByRole("status")).toHaveText(m["account.saved"]);
  await signOut(page);
  await signIn(page, username, "a-better-pass");
});

test.describe("bad requests", () => {
  test("unknown pages and modules are 404 inside the layout", async ({ page }) => {
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: m["error.notFound.title"] })).toBeVisible();
    await signIn(page, "trainee");
    const module = await page.goto("/learn/no-such-module");
    expect(module?.status()).toBe(404);
    await expect(page.getByRole("link", { name: m["nav.learn"] })).toBeVisible();
  });

  test("invalid, oversized and cross-site posts get a 4xx with a message", async ({ request }) => {
    const empty = await request.post("/login", { form: { username: "", password: "" } });
    expect(empty.status()).toBe(400);
    const huge = await request.post("/login", { form: { username: "x", password: "y".repeat(70_000) } });
    expect(huge.status()).toBe(413);
    expect(await huge.text()).toContain("64 KB");
    const crossSite = await request.post("/login", { form: { username: "trainee", password: "demo1234" }, headers: { Origin: "https://evil.example" } });
    expect(crossSite.status()).toBe(403);
    const wrongType = await request.post("/login", { data: { username: "trainee" } });
    expect(wrongType.status()).toBe(415);
  });

  test("a page is sent gzipped, whole and with its length to a client that takes gzip, and plain to one that does not", async ({ request }) => {
    const gzipped = await request.get("/login", { headers: { "Accept-Encoding": "gzip" } });
    expect(gzipped.headers()["content-encoding"]).toBe("gzip");
    const html = await gzipped.text(); // decoded by the client
    expect(Number(gzipped.headers()["content-length"])).toBeLessThan(Buffer.byteLength(html) / 2);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("streamController.close()"); // the page's data, the last thing rendered
    const plain = await request.get("/login", { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    expect(await plain.text()).toContain(m["login.submit"]);
  });

  test("the health check answers without signing in", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
  });
});
