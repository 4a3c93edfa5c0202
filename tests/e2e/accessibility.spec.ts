import { expect, test, type Page } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { createAccount, expectNoSeriousViolations, finishWithSuggestions, hydrated, signIn, signOut, uniqueName } from "./helpers";
import { answerQuiz } from "./knowledge";

/** Opens the page, runs axe on it and fails on any serious or critical violation, naming it and where. */
async function expectAccessible(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBeLessThan(400);
  // Text a screen reader can read whole: no NUL bytes where a character met the renderer's buffer boundary
  // (React 18 Node streaming renderer, react#24985; the entry renders with the web-streams build: app/entry.server.test.ts).
  expect((await response!.body()).includes(0), `${url}: NUL bytes in the HTML`).toBe(false);
  await expectNoSeriousViolations(page, url);
}

test("pages signed out have no serious accessibility violations", async ({ page }) => {
  for (const url of ["/login", "/no-such-page"]) {
    await page.goto(url);
    await expectNoSeriousViolations(page, url);
  }
});

test("every trainee page has no serious accessibility violations", async ({ page }) => {
  test.setTimeout(120_000);
  const username = uniqueName("a11y");
  await createAccount({ username, displayName: "无障碍学员" });
  await signIn(page, username, "password123");
  for (const url of ["/", "/learn", "/learn/communication-skills", "/practice", "/practice/angry-owner/map", "/quiz", "/account"])
    await expectAccessible(page, url);
  await page.goto("/practice/angry-owner?mode=practice");
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  await expect(page.getByTestId("owner-line")).toBeVisible();
  await expectAccessible(page, "/practice/angry-owner?mode=practice");
  // Finish the role-play with suggested replies, then its report.
  const attemptId = await page.locator('input[name="attemptId"]').first().inputValue();
  await finishWithSuggestions(page.request, "angry-owner", attemptId, 0);
  await expectAccessible(page, `/practice/angry-owner/attempts/${attemptId}`);
  await expectAccessible(page, "/practice/angry-owner"); // with the history of that call
  await page.goto("/quiz/core-process");
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  await expect(page.getByRole("button", { name: m["quiz.submit"] })).toBeVisible();
  await expectAccessible(page, "/quiz/core-process");
  await answerQuiz(page, true);
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await expect(page.getByTestId("quiz-verdict")).toBeVisible();
  await expectAccessible(page, new URL(page.url()).pathname);

  // The trainer's review of that attempt and record of the trainee, and the supervisor's view of the trainee.
  await signOut(page);
  await signIn(page, "trainer");
  await expectAccessible(page, `/trainer/attempts/${attemptId}`);
  await expectAccessible(page, `/trainer/trainees/${attemptId.split(".")[0]}`);
  await signOut(page);
  await signIn(page, "supervisor");
  await expectAccessible(page, `/supervisor/trainees/${attemptId.split(".")[0]}`);
});

test("every trainer and supervisor page has no serious accessibility violations", async ({ page }) => {
  test.setTimeout(120_000); // six axe runs over pages that grow with what the other specs created
  await signIn(page, "trainer");
  for (const url of ["/", "/trainer", "/trainer/assignments/new"]) await expectAccessible(page, url);
  await signOut(page);
  await signIn(page, "supervisor");
  for (const url of ["/supervisor", "/supervisor/print", "/supervisor/users"]) await expectAccessible(page, url);
});

test("a scenario can be played with the keyboard alone", async ({ page }) => {
  const username = uniqueName("kbd");
  await createAccount({ username, displayName: "键盘学员" });
  await signIn(page, username, "password123");
  await page.goto("/practice/angry-owner?mode=practice");
  await hydrated(page);
  // Tab to the start button and press Enter.
  const start = page.getByRole("button", { name: m["practice.start.button"] });
  for (let i = 0; i < 40 && !(await start.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("owner-line")).toBeVisible();
  await hydrated(page);
  const reply = page.getByLabel(m["practice.reply"]);
  for (let i = 0; i < 40 && !(await reply.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.type("刘女士您好，真是抱歉，我跟您确认一下是3栋1202漏水，对吗？");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: m["practice.send"] })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(".chat > li")).toHaveCount(1);
});
