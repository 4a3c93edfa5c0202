import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { settings } from "../../app/config.server";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { formatDateTime } from "../../app/utils/dates";
import { createAccount, signIn, uniqueName } from "./helpers";
import { answerQuiz } from "./knowledge";

/** Issue 18, items 13–16: what a trainee sees on the quiz, role-play, progress and certificate pages. */

async function newTrainee(page: Page, name = "页面学员") {
  const username = uniqueName("tp");
  await createAccount(page, { username, displayName: name });
  await signIn(page, username, "password123");
  return username;
}

// The server runs with the default settings; the test reads them where the server does.
const passPercent = Math.round(settings.quizPassMark() * 100);
const cooldownMinutes = settings.quizCooldownMinutes();
const MODULE_QUESTIONS = 8;
const leastRight = Math.ceil(MODULE_QUESTIONS * settings.quizPassMark() - 1e-9);

test("item 13: a quiz states its rules, the result page offers a retake only when allowed, and a finished module leads to its quiz", async ({ page }) => {
  await newTrainee(page);

  // Finishing a module: every section read, then completed, as the module page posts them.
  await page.goto("/learn/service-overview");
  const ids = await page.locator('input[name="sectionId"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  for (const sectionId of ids) await page.request.post("/learn/service-overview", { form: { intent: "read", sectionId }, maxRedirects: 0 });
  await page.goto("/learn/service-overview");
  await page.getByRole("button", { name: m["learn.complete"] }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await page.getByRole("link", { name: m["learn.quizNext"](MODULE_QUESTIONS, passPercent) }).click();
  await expect(page).toHaveURL(/\/quiz\/service-overview$/);

  // The start page: how many questions, the pass mark, the cooldown, the attempts so far.
  const rules = page.getByRole("region", { name: m["quiz.rules.title"] });
  await expect(rules).toContainText(m["quiz.rules.questionsValue"](MODULE_QUESTIONS));
  await expect(rules).toContainText(m["quiz.rules.passMarkValue"](passPercent, leastRight, MODULE_QUESTIONS));
  await expect(rules).toContainText(m["quiz.rules.cooldownValue"](cooldownMinutes));
  await expect(rules).toContainText(m["quiz.rules.attemptsValue"](0));

  // A failed attempt: the result page says when the next try opens, in China time, and offers no retake.
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  await answerQuiz(page, false);
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await expect(page.getByTestId("quiz-verdict")).toHaveText(m["report.notPassed"]);
  const resultUrl = page.url();
  const nextTry = page.getByTestId("quiz-next-try");
  const until = await nextTry.getAttribute("datetime");
  expect(until).toBeTruthy();
  await expect(nextTry).toHaveText(m["quiz.nextTry"](formatDateTime(until!, "zh-CN")));
  await expect(page.getByRole("link", { name: m["quiz.retake"] })).toHaveCount(0);

  // The start page now counts the attempt and shows the best result.
  await page.goto("/quiz/service-overview");
  await expect(rules).toContainText(m["quiz.rules.attemptsValue"](1));
  await expect(rules.getByRole("link", { name: new RegExp(m["quiz.notYet"]) })).toBeVisible();

  // Once the cooldown is over on the server's clock, the result page offers the retake.
  expect((await page.request.post("/test-clock", { form: { minutes: String(cooldownMinutes + 1) } })).status()).toBe(200);
  await page.goto(resultUrl);
  await expect(page.getByTestId("quiz-next-try")).toHaveCount(0);
  await page.getByRole("link", { name: m["quiz.retake"] }).click();
  await expect(page.getByRole("button", { name: m["quiz.retake"] })).toBeVisible();
});

/** The angry owner's first turn, from the script a trainer wrote: its best and its worst suggested reply. */
function openingSuggestions() {
  const script = parseYaml(readFileSync(path.resolve("scenarios/angry-owner.yaml"), "utf8")) as {
    start: string;
    turns: Record<string, { suggestions: Array<{ text: string; scores: Record<string, number> }> }>;
  };
  const total = (s: { scores: Record<string, number> }) => Object.values(s.scores).reduce((a, b) => a + b, 0);
  const sorted = [...script.turns[script.start].suggestions].sort((a, b) => total(b) - total(a));
  return { best: sorted[0].text, worst: sorted.at(-1)!.text, all: sorted.map((s) => s.text) };
}

test("item 14: deliberately bad suggested replies are set apart as what not to say, and are not offered to use", async ({ page }) => {
  await newTrainee(page);
  const { best, worst, all } = openingSuggestions();
  await page.goto("/practice/angry-owner?mode=practice");
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  await page.getByText(m["practice.suggestions"], { exact: true }).click();

  const use = page.getByRole("region", { name: m["practice.suggestions.use"] });
  const avoid = page.getByRole("region", { name: m["practice.suggestions.avoid"] });
  await expect(use).toContainText(best);
  await expect(use).not.toContainText(worst);
  await expect(use.getByRole("button", { name: m["practice.useSuggestion"] })).toHaveCount(1);
  await expect(avoid).toContainText(worst);
  await expect(avoid).toContainText(m["practice.suggestions.avoidTag"]);
  await expect(avoid).toContainText(m["practice.suggestions.why"]);
  await expect(avoid.getByRole("button")).toHaveCount(0);

  // A good one is still used with one click, and the call goes on.
  await use.getByRole("button", { name: m["practice.useSuggestion"] }).click();
  await expect(page.getByRole("heading", { name: m["practice.lastFeedback"] })).toBeVisible();

  // Assessment stays as strict as it was: no suggestions of either kind reach the page or its data.
  await page.goto("/practice/angry-owner?mode=assessment");
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  await expect(page.getByTestId("owner-line")).toBeVisible();
  await expect(page.getByText(m["practice.suggestions"], { exact: true })).toHaveCount(0);
  const source = await (await page.request.get("/practice/angry-owner?mode=assessment")).text();
  for (const text of all) expect(source).not.toContain(text);
});

test("item 15: the certification count says what it counts, and the mood meter says which way is worse", async ({ page, browser }) => {
  const username = await newTrainee(page, "进度学员");
  // The trainee's own path, before anything is done.
  await expect(page.getByTestId("cert-state")).toContainText(m["cert.requirementsDone"](0, 15));

  // The owner's mood: the label says higher is more upset, the bar's ends are named.
  await page.goto("/practice/angry-owner?mode=practice");
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  const meter = page.getByRole("meter");
  await expect(meter).toHaveAccessibleName(`${m["practice.emotion"]}${m.paren(m["practice.emotionDirection"])}`);
  await expect(page.getByText(m["practice.meterLow"], { exact: true })).toBeVisible();
  await expect(page.getByText(m["practice.emotionHigh"], { exact: true })).toBeVisible();
  // A group's tension, the same way.
  await page.goto("/practice/group-complaint?mode=practice");
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  await expect(page.getByRole("meter")).toHaveAccessibleName(`${m["practice.tension"]}${m.paren(m["practice.tensionDirection"])}`);

  // The supervisor's dashboard says the same of the same trainee.
  const supervisor = await browser.newPage();
  await signIn(supervisor, "supervisor");
  await supervisor.goto("/supervisor");
  await expect(supervisor.getByRole("row", { name: new RegExp(username) })).toContainText(m["cert.requirementsDone"](0, 15));
  await supervisor.close();
});
