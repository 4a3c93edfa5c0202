import { expect, test } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { createAccount, hydrated, signIn, uniqueName } from "./helpers";
import { answerQuiz, bankQuestion, bestReplies, drawnKeys, playToReport } from "./knowledge";

async function newTrainee(page: import("@playwright/test").Page, name = "测验学员") {
  const username = uniqueName("qz");
  await createAccount({ username, displayName: name });
  await signIn(page, username, "password123");
  return username;
}

test("a trainee fails a quiz, waits out the cooldown on the test clock, and passes", async ({ page }) => {
  await newTrainee(page);
  await page.goto("/quiz/core-process");
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  expect(await drawnKeys(page)).toHaveLength(8);
  await answerQuiz(page, false);
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await expect(page.getByTestId("quiz-verdict")).toHaveText(m["report.notPassed"]);
  await expect(page.getByText(m["quiz.result.explanation"]).first()).toBeVisible();

  // The cooldown: no retake yet, a countdown instead.
  await page.goto("/quiz/core-process");
  await expect(page.getByRole("timer")).toContainText("距离可以再考还有");
  await expect(page.getByRole("button", { name: m["quiz.retake"] })).toHaveCount(0);
  const refused = await page.request.post("/quiz/core-process", { form: { intent: "start" }, maxRedirects: 0 });
  expect(refused.status()).toBe(429);

  // Ten minutes later on the server's clock.
  expect((await page.request.post("/test-clock", { form: { minutes: "11" } })).status()).toBe(200);
  await page.goto("/quiz/core-process");
  await page.getByRole("button", { name: m["quiz.retake"] }).click();
  await answerQuiz(page, true);
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await expect(page.getByTestId("quiz-verdict")).toHaveText(m["report.passed"]);
  await expect(page.getByTestId("quiz-score")).toContainText("答对 8/8 题");
});

test("the quiz page before submission carries neither answers nor explanations", async ({ page }) => {
  await newTrainee(page);
  await page.goto("/quiz/final");
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  const keys = await drawnKeys(page);
  expect(keys).toHaveLength(20);
  const html = await page.content();
  const source = await (await page.request.get("/quiz/final")).text();
  for (const key of keys) {
    const q = bankQuestion(key);
    // A distinctive piece of the explanation (not its link) must appear in neither the page nor its loader data.
    const snippet = q.explanation
      .replace(/\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/[\s>]/g, "")
      .slice(0, 14);
    expect(html).not.toContain(snippet);
    expect(source).not.toContain(snippet);
  }
  expect(source).not.toMatch(/"correct"\s*:/);
  expect(source).not.toContain("explanation");
});

test("bad quiz submissions are refused and nothing is recorded twice", async ({ page, browser }) => {
  await newTrainee(page);
  await page.goto("/quiz/service-overview");
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  const attemptId = await page.locator('input[name="attemptId"]').inputValue();
  const keys = await drawnKeys(page);
  // Missing answers (the browser's own checks are bypassed, as a script or an old browser would).
  const missing = await page.request.post("/quiz/service-overview", { form: { attemptId }, maxRedirects: 0 });
  expect(missing.status()).toBe(400);
  expect(await missing.text()).toContain("题没有作答");
  // An answer to a question that was not drawn.
  const foreign = await page.request.post("/quiz/service-overview", { form: { attemptId, "a.core-process/cp-01": "a" }, maxRedirects: 0 });
  expect(foreign.status()).toBe(400);
  // Another trainee's attempt.
  const other = await browser.newPage();
  await newTrainee(other, "另一位学员");
  expect((await other.request.post("/quiz/service-overview", { form: { attemptId, [`a.${keys[0]}`]: "a" }, maxRedirects: 0 })).status()).toBe(403);
  expect((await other.goto(`/quiz/service-overview/result/${attemptId}`))?.status()).toBe(403);
  // Submitted once, then again.
  await page.goto("/quiz/service-overview");
  await answerQuiz(page, true);
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await expect(page.getByTestId("quiz-verdict")).toHaveText(m["report.passed"]);
  const again = await page.request.post("/quiz/service-overview", { form: { attemptId, [`a.${keys[0]}`]: "a" }, maxRedirects: 0 });
  expect(again.status()).toBe(409);
});

test("certification appears once every requirement is met, and verifies signed out", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await newTrainee(page, "认证学员");
  await expect(page.getByTestId("cert-state")).toContainText(m["cert.state.in-progress"](0, 15));

  // Six modules: every section read, then completed (as the module pages post them).
  for (const slug of ["service-overview", "core-process", "communication-skills", "tools-and-systems", "problem-handling", "evaluation-and-improvement"]) {
    await page.goto(`/learn/${slug}`);
    const ids = await page.locator('input[name="sectionId"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    for (const sectionId of ids) await page.request.post(`/learn/${slug}`, { form: { intent: "read", sectionId }, maxRedirects: 0 });
    expect((await page.request.post(`/learn/${slug}`, { form: { intent: "complete" }, maxRedirects: 0 })).status()).toBe(302);
  }

  // The final exam instead of six module quizzes.
  await page.goto("/quiz/final");
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  await answerQuiz(page, true);
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await expect(page.getByTestId("quiz-verdict")).toHaveText(m["report.passed"]);
  // The quiz list says so for each module quiz, not 未参加.
  await page.goto("/quiz");
  await expect(page.locator('[data-quiz="core-process"] .badge')).toHaveText(m["quiz.coveredByFinal"]);
  await expect(page.locator('[data-quiz="final"] .badge')).toHaveText(m["quiz.passed"]);

  // The three assessments, typed as free text.
  for (const scenario of ["angry-owner", "group-complaint", "lift-entrapment"]) {
    const replies = bestReplies(scenario);
    await page.goto(`/practice/${scenario}?mode=assessment`);
    await page.getByRole("button", { name: m["practice.start.button"] }).click();
    await playToReport(page, (line) => replies.get(line) ?? "您好，我马上帮您处理，30分钟内给您回复。");
    await expect(page.getByTestId("verdict"), scenario).toHaveText(m["report.passed"]);
  }

  await page.goto("/");
  await expect(page.getByTestId("cert-state")).toContainText("已认证，有效期至");
  // Freshly certified: every item done, none shown as expired, no next step.
  await expect(page.locator('.checklist li[data-done="true"]')).toHaveCount(15);
  await expect(page.locator('.checklist li[data-expired="true"]')).toHaveCount(0);
  await expect(page.getByText(m["cert.next"])).toHaveCount(0);
  await page.getByRole("link", { name: m["cert.view"] }).click();
  await expect(page.getByTestId("cert-name")).toHaveText("认证学员");
  const url = page.url();

  // Signed out, anyone with the link can verify it.
  const stranger = await browser.newPage();
  const response = await stranger.goto(url);
  expect(response?.status()).toBe(200);
  await expect(stranger.getByTestId("cert-status")).toHaveText(m["cert.valid"]);
  await expect(stranger.getByTestId("cert-name")).toHaveText("认证学员");
  expect(await stranger.content()).not.toContain("倾听");
  expect((await stranger.goto("/certificates/not-a-real-certificate-id"))?.status()).toBe(404);
});

test("answers being chosen survive a reload", async ({ page }) => {
  await newTrainee(page);
  await page.goto("/quiz/final");
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  await hydrated(page);
  await answerQuiz(page, true);
  await page.reload();
  await hydrated(page);
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await page.waitForURL(/\/quiz\/final\/result\//);
  await expect(page.getByTestId("quiz-score")).toContainText("答对 20/20 题");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a submission refused for a missing answer comes back with every other answer as it was", async ({ page }) => {
    await newTrainee(page);
    await page.goto("/quiz/final");
    await page.getByRole("button", { name: m["quiz.start"] }).click();
    const keys = await drawnKeys(page);
    const skipped = keys.find((key) => bankQuestion(key).type === "single")!;
    await answerQuiz(page, true);
    // The same page without one answer: a radio cannot be unchecked, so that question's inputs go.
    await page.locator(`input[name="a.${skipped}"]`).evaluateAll((inputs) => inputs.forEach((input) => input.remove()));
    await page.getByRole("button", { name: m["quiz.submit"] }).click();
    await expect(page.getByRole("alert")).toContainText("题没有作答");
    const q = bankQuestion(skipped);
    await page.locator(`input[name="a.${skipped}"][value="${q.correct[0]}"]`).check();
    await page.getByRole("button", { name: m["quiz.submit"] }).click();
    await page.waitForURL(/\/quiz\/final\/result\//);
    await expect(page.getByTestId("quiz-score")).toContainText("答对 20/20 题");
  });

  test("every question type can be answered with plain form posts", async ({ page }) => {
    await newTrainee(page);
    await page.goto("/quiz/final");
    await page.getByRole("button", { name: m["quiz.start"] }).click();
    await expect(page.getByRole("button", { name: m["quiz.submit"] })).toBeVisible();
    const types = await page.locator(".quiz-question").evaluateAll((els) => els.map((e) => e.getAttribute("data-type")));
    expect(new Set(types).size).toBeGreaterThanOrEqual(4);
    await answerQuiz(page, true);
    await page.getByRole("button", { name: m["quiz.submit"] }).click();
    await page.waitForURL(/\/quiz\/final\/result\//);
    await expect(page.getByTestId("quiz-score")).toContainText("答对 20/20 题");
  });
});
