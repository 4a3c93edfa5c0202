import { readFileSync } from "node:fs";
import { expect, request, test, type Browser, type Page } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { parseCorrectionLines } from "../../app/calibration/corrections";
import { createAccount, expectNoSeriousViolations, finishWithSuggestions, hydrated, signIn, uniqueName } from "./helpers";

/**
 * Corrections that teach (issue 20, item 3): a trainer marks a finding wrong in review, with a reason; it appears on
 * the disagreements page and in the JSONL export, beside a score the trainer changed; bad input and every role.
 */

/** A reply the scorer finds fault with: impatient, and pushing the owner to deal with it herself. */
const RUDE = "喂，急什么，这不是我们的责任，你自己去找楼上。";
const HOSTILE_REASON = '<script>alert("x")</script> 业主先骂人，这里的“喂”是在接电话，不算不耐烦';

async function as(browser: Browser, username: string, password = "demo1234"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username, password);
  return page;
}

/** A new trainee of 阳光花园 (the demo trainer trains it) finishes a practice angry-owner, typing RUDE first; its id. */
async function rudeCall(browser: Browser): Promise<string> {
  const username = uniqueName("corr");
  await createAccount({ username, displayName: "纠错学员", team: "阳光花园" });
  const trainee = await as(browser, username, "password123");
  await trainee.goto("/practice/angry-owner?mode=practice");
  await trainee.getByRole("button", { name: m["practice.start.button"] }).click();
  const attemptId = await trainee.locator('input[name="attemptId"]').first().inputValue();
  const first = await trainee.request.post("/practice/angry-owner?mode=practice", {
    form: { intent: "reply", attemptId, turn: "1", text: RUDE },
    maxRedirects: 0,
  });
  expect(first.status()).toBe(302);
  await finishWithSuggestions(trainee.request, "angry-owner", attemptId, 0, 2);
  await trainee.context().close();
  return attemptId;
}

/** The export as the page downloads it, parsed by the calibration reader. */
async function downloadExport(page: Page) {
  await page.goto("/trainer/disagreements");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: m["disagree.export"] }).click()]);
  return parseCorrectionLines(readFileSync((await download.path())!, "utf8"), download.suggestedFilename());
}

test("a trainer marks a finding wrong, and it appears on the disagreements page and in the JSONL export, beside a changed score", async ({ browser }) => {
  test.setTimeout(180_000);
  const attemptId = await rudeCall(browser);
  const trainer = await as(browser, "trainer");
  await trainer.goto(`/trainer/attempts/${attemptId}`);
  await hydrated(trainer);

  // Under each finding of the reply: "this feedback is wrong". An empty reason is refused at its field; nothing is saved.
  const turn = trainer.locator('[data-turn="1"]');
  const rule = (await turn.getByRole("listitem").first().getAttribute("data-rule"))!;
  // Held by its rule: once marked, it no longer offers the action.
  const finding = turn.locator(`[data-rule="${rule}"]`).first();
  await finding.getByText(m["corrections.markWrong"], { exact: true }).click();
  await finding.getByRole("button", { name: m["corrections.submit"] }).click();
  await expect(finding.getByText(m["corrections.error.reason"])).toBeVisible();
  await expect(finding.getByLabel(m["corrections.reason"])).toHaveAttribute("aria-invalid", "true");
  await expect(trainer.getByTestId("finding-mark")).toHaveCount(0);

  // With a reason (hostile text is shown as text), the mark is kept and shown under the finding.
  await finding.getByLabel(m["corrections.reason"]).fill(HOSTILE_REASON);
  await finding.getByRole("button", { name: m["corrections.submit"] }).click();
  await expect(finding.getByRole("status")).toHaveText(m["corrections.marked"]);
  await expect(finding.getByTestId("finding-mark")).toContainText(HOSTILE_REASON);
  await expect(finding.getByText(m["corrections.markWrong"], { exact: true })).toHaveCount(0);

  // The score changed in review is an example too.
  await trainer.getByLabel(m["review.dimension"]).selectOption({ label: m["dimension.empathy"] });
  await trainer.getByLabel(m["review.newScore"]).fill("66");
  await trainer.getByLabel(m["review.reason"]).fill("复核录音：后面几轮其实一直在安抚业主");
  await trainer.getByRole("button", { name: m["review.adjustSubmit"] }).click();
  await expect(trainer.getByRole("status").filter({ hasText: m["review.adjusted"]("", "").slice(0, 4) })).toBeVisible();

  // The disagreements page: the rule named by what it tells trainees, not its id, with the example and its review.
  await trainer.goto("/trainer");
  await trainer.getByRole("link", { name: m["disagree.nav"] }).click();
  await expect(trainer.getByRole("heading", { level: 1 })).toHaveText(m["disagree.title"]);
  const example = trainer.getByRole("listitem").filter({ hasText: HOSTILE_REASON });
  await expect(example).toHaveCount(1);
  await expect(example).toContainText(RUDE);
  await expect(example).toContainText(m["disagree.kind.finding"]);
  await expect(example.getByRole("link", { name: m["disagree.open"] })).toHaveAttribute("href", `/trainer/attempts/${attemptId}#turn-1`);
  const examples = trainer.getByTestId("rule-examples").filter({ has: example });
  const ruleName = await examples.getByRole("heading").innerText();
  expect(ruleName).not.toContain(rule);
  await expect(trainer.getByRole("row").filter({ hasText: ruleName }).first()).toBeVisible();
  const scores = trainer.getByRole("region", { name: m["disagree.scores"], exact: true }).first();
  await expect(scores.getByRole("row").filter({ hasText: "后面几轮其实一直在安抚业主" })).toContainText("→ 66");
  await expectNoSeriousViolations(trainer, "the disagreements page");

  // The export holds both, in the calibration set's format, as the calibration reader reads them.
  const lines = (await downloadExport(trainer)).filter((l) => l.correction.attemptId === attemptId);
  const marked = lines.find((l) => l.kind === "finding");
  const rescored = lines.find((l) => l.kind === "score");
  expect(marked).toMatchObject({ category: "angry-owner", text: RUDE, correction: { reason: HOSTILE_REASON, by: "王建国", n: 1 } });
  expect(marked?.kind === "finding" && marked.notExpected[0].rule).toBe(rule);
  expect(rescored).toMatchObject({ score: { dimension: "empathy", trainer: 66 }, expect: { empathy: "mid" } });

  // Its author takes the mark back: gone from the page and the export, and the finding can be marked again.
  await trainer.goto(`/trainer/attempts/${attemptId}`);
  await hydrated(trainer);
  await trainer.getByRole("button", { name: m["corrections.withdraw"] }).click();
  await expect(trainer.getByRole("status").filter({ hasText: m["corrections.withdrawn"] })).toBeVisible();
  await expect(trainer.getByTestId("finding-mark")).toHaveCount(0);
  expect((await downloadExport(trainer)).filter((l) => l.correction.attemptId === attemptId).map((l) => l.kind)).toEqual(["score"]);
});

test("bad input and every role: refused with a clear message and a 4xx, nothing saved", async ({ browser }) => {
  test.setTimeout(180_000);
  const attemptId = await rudeCall(browser);
  const trainer = await as(browser, "trainer");
  const review = `/trainer/attempts/${attemptId}`;
  const post = (page: Page, form: Record<string, string>) => page.request.post(review, { form, maxRedirects: 0 });
  const dispute = (fields: Record<string, string>) => ({ intent: "dispute-finding", turn: "1", finding: "0", reason: "理由", ...fields });

  for (const [fields, status, message] of [
    [{ reason: "" }, 400, m["corrections.error.reason"]],
    [{ reason: "   " }, 400, m["corrections.error.reason"]],
    [{ reason: "长".repeat(501) }, 400, m["corrections.error.reason"]],
    [{ finding: "999" }, 404, m["corrections.error.noFinding"]],
    [{ finding: "abc" }, 400, m["corrections.error.noFinding"]],
    [{ turn: "99" }, 404, m["corrections.error.noFinding"]],
  ] as const) {
    const res = await post(trainer, dispute(fields));
    expect(res.status(), JSON.stringify(fields)).toBe(status);
    expect(await res.text()).toContain(message);
  }
  const saved = await post(trainer, dispute({ reason: "这条提示不适用" }));
  expect(saved.status()).toBe(200);
  const again = await post(trainer, dispute({ reason: "再来一次" }));
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain(m["corrections.error.alreadyMarked"]);

  // Someone else's mark: the supervisor may review the call, but not take the trainer's mark back.
  const supervisor = await as(browser, "supervisor");
  const [mark] = (await downloadExport(supervisor)).filter((l) => l.correction.attemptId === attemptId);
  const disputeId = mark.id.replace(/^finding:/, "");
  const foreign = await post(supervisor, { intent: "withdraw-dispute", disputeId });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toContain(m["corrections.error.notAuthor"]);
  expect((await post(trainer, { intent: "withdraw-dispute", disputeId: "nosuchmark" })).status()).toBe(404);

  // A trainee and an anonymous visitor may neither post nor see the page or the export.
  const username = uniqueName("corrx");
  await createAccount({ username, displayName: "旁观学员", team: "阳光花园" });
  const trainee = await as(browser, username, "password123");
  expect((await post(trainee, dispute({ reason: "学员自己改" }))).status()).toBe(403);
  expect((await post(trainee, { intent: "withdraw-dispute", disputeId })).status()).toBe(403);
  expect((await trainee.goto("/trainer/disagreements"))?.status()).toBe(403);
  expect((await trainee.request.get("/trainer/disagreements.jsonl", { maxRedirects: 0 })).status()).toBe(403);
  const anonymous = await request.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT}` });
  for (const res of [
    await anonymous.post(review, { form: dispute({ reason: "匿名" }), maxRedirects: 0 }),
    await anonymous.get("/trainer/disagreements", { maxRedirects: 0 }),
    await anonymous.get("/trainer/disagreements.jsonl", { maxRedirects: 0 }),
  ]) {
    expect(res.status()).toBe(302);
    expect(res.headers()["location"]).toMatch(/^\/login/);
  }
  await anonymous.dispose();
  const page = await (await browser.newContext()).newPage();
  await page.goto("/trainer/disagreements");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ftrainer%2Fdisagreements/);

  // Nothing of the refused posts was saved: the one mark, by the trainer, still there; the supervisor sees it too.
  expect((await downloadExport(supervisor)).filter((l) => l.correction.attemptId === attemptId).map((l) => [l.kind, l.correction.reason])).toEqual([
    ["finding", "这条提示不适用"],
  ]);
  await supervisor.goto("/supervisor");
  await supervisor.getByRole("link", { name: m["disagree.nav"] }).click();
  await expect(supervisor.getByRole("listitem").filter({ hasText: "这条提示不适用" })).toHaveCount(1);
});
