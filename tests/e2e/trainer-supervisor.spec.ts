import { expect, test, type Browser, type Page } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { createAccount, FACTS_WITHOUT_FEELING, finishWithSuggestions, hydrated, signIn, signOut, tomorrow, uniqueName } from "./helpers";
import { bestReplies, playToReport } from "./knowledge";

async function as(browser: Browser, username: string, password = "demo1234"): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, username, password);
  return page;
}

async function createTeam(page: Page, name: string) {
  await signIn(page, "supervisor");
  await page.goto("/supervisor/users");
  await page.getByLabel(m["users.teamName"]).fill(name);
  await page.getByRole("button", { name: m["users.createTeam"] }).click();
  await expect(page.getByRole("status")).toContainText(name);
  await signOut(page);
}

test("a trainer assigns lift-entrapment to a team, the trainee completes it, the trainer coaches, the supervisor sees and exports it", async ({ browser }) => {
  test.setTimeout(120_000);
  const username = uniqueName("team");
  await createAccount({ username, displayName: "翠湖学员", team: "翠湖苑" });

  // The trainer assigns the scenario, in assessment mode, to the whole team.
  const trainer = await as(browser, "trainer");
  await trainer.goto("/trainer/assignments/new");
  await hydrated(trainer); // a choice or a click made while React hydrates can be lost
  await trainer.getByLabel(m["assign.what"]).selectOption({ label: "情景考核：深夜电梯困人：母子被困5栋2号梯" });
  await trainer.getByLabel(m["assign.who"]).selectOption({ label: "整个团队：翠湖苑" });
  await trainer.getByLabel(m["assign.due"]).fill(tomorrow());
  await trainer.getByLabel(m["assign.note"]).fill("本周内完成，注意先问人数。");
  await trainer.getByRole("button", { name: m["assign.submit"] }).click();
  await expect(trainer).toHaveURL(/\/trainer$/);
  await expect(trainer.getByRole("row", { name: /深夜电梯困人/ }).first()).toContainText("翠湖苑");

  // The trainee sees it as due, completes it, and sees it as done.
  const trainee = await as(browser, username, "password123");
  const item = trainee.locator(".assignments li", { hasText: "深夜电梯困人" });
  await expect(item).toHaveAttribute("data-state", "due");
  await expect(item).toContainText("本周内完成");
  await item.getByRole("link").click();
  await expect(trainee).toHaveURL(/\/practice\/lift-entrapment\?mode=assessment/);
  await trainee.getByRole("button", { name: m["practice.start.button"] }).click();
  const replies = bestReplies("lift-entrapment");
  await playToReport(trainee, (line) => replies.get(line) ?? "您好，请不要扒门，我一直在这儿陪着您。");
  const reportUrl = trainee.url();
  await trainee.goto("/");
  await expect(trainee.locator(".assignments li", { hasText: "深夜电梯困人" })).toHaveAttribute("data-state", "done");

  // The trainer finds the attempt, reads it, and comments on the first turn.
  await trainer.goto("/trainer");
  await trainer.locator('select[name="trainee"]').selectOption({ label: "翠湖学员" });
  await trainer.locator('select[name="reviewed"]').selectOption({ label: "还没点评" });
  await trainer.getByRole("button", { name: m["trainer.filter"] }).click();
  // The newest call is in the unfiltered list too: wait for the filtered page, or the link clicked may be the old one's.
  await expect(trainer).toHaveURL(/[?&]reviewed=/);
  await trainer
    .getByRole("row", { name: /翠湖学员/ })
    .getByRole("link", { name: m["trainer.open"] })
    .click();
  await expect(trainer.getByRole("heading", { level: 1 })).toContainText("翠湖学员");
  const firstTurn = trainer.locator('.report-turn[data-turn="1"]');
  // The trainee's lines are theirs, not the reader's.
  await expect(firstTurn.locator(".bubble--trainee > strong")).toHaveText(/^翠湖学员/);
  await firstTurn.getByLabel("对第 1 轮的点评").fill("第一句就报身份、问人数，做得好；可以再说一句“别害怕”。");
  await firstTurn.getByRole("button", { name: m["review.addComment"] }).click();
  await expect(trainer.getByRole("status")).toContainText("点评已保存");
  // The next call nobody has reviewed is one click away (most of the demo trainees' calls are unreviewed): after this
  // one in the queue, or, this being the newest, back at the oldest.
  const next = trainer.getByRole("region", { name: m["review.queue"] }).getByRole("link");
  await expect(next).toHaveAttribute("href", /^\/trainer\/attempts\//);
  expect(await next.getAttribute("href")).not.toBe(new URL(trainer.url()).pathname);
  // Reviewed now: it leaves the trainer's "not yet reviewed" list.
  await trainer.goBack();
  await trainer.reload();
  const calls = trainer.getByRole("region", { name: m["trainer.recent"] });
  await expect(calls.getByRole("row", { name: /翠湖学员/ })).toHaveCount(0);
  await expect(calls.getByText(m["trainer.noAttempts"])).toBeVisible();

  // The trainee sees it on their home page, and from there in the report, at that turn.
  await trainee.goto("/");
  const coaching = trainee.getByRole("region", { name: m["coaching.title"] });
  await expect(coaching).toContainText("第一句就报身份");
  await expect(coaching).toContainText("1 条新点评");
  // The menu counts it on every page.
  await trainee.goto("/learn");
  await expect(trainee.getByRole("link", { name: /^首页\s*（1 条新点评）$/ })).toBeVisible();
  await trainee.goto("/");
  // Marked read, it is no longer new, after a reload too.
  await coaching.getByRole("button", { name: m["coaching.markRead"] }).click();
  await expect(coaching.getByText("1 条新点评")).toHaveCount(0);
  await expect(trainee.getByTestId("unread-coaching")).toHaveCount(0);
  await trainee.reload();
  await expect(coaching.locator('li[data-new="true"]')).toHaveCount(0);
  await expect(coaching).toContainText("第一句就报身份");
  await coaching.getByRole("link", { name: /深夜电梯困人.*第 1 轮/ }).click();
  await expect(trainee).toHaveURL(new RegExp(`${new URL(reportUrl).pathname}#turn-1$`));
  await expect(trainee.getByTestId("coach-comment")).toContainText("第一句就报身份");
  // …and finds the call again from the scenario list, in the scenario's history.
  await trainee.goto("/practice");
  await trainee.locator('[data-scenario="lift-entrapment"]').getByRole("link", { name: "已完成 1 次" }).click();
  const historyRow = trainee.locator("#history tbody tr");
  await expect(historyRow).toHaveCount(1);
  await expect(historyRow).toContainText(m["practice.mode.assessment"]);
  await expect(historyRow).toContainText("1 条点评");
  await historyRow.getByRole("link", { name: m["practice.openReport"] }).click();
  await expect(trainee).toHaveURL(reportUrl);
  // During a call of that scenario the history is folded under the conversation; the same link unfolds it.
  await trainee.goto("/practice/lift-entrapment?mode=practice");
  await trainee.getByRole("button", { name: m["practice.start.button"] }).click();
  await expect(trainee.getByTestId("owner-line")).toBeVisible();
  await expect(trainee.locator("#history tbody tr")).toBeHidden();
  await trainee.goto("/practice");
  await trainee.locator('[data-scenario="lift-entrapment"]').getByRole("link", { name: "已完成 1 次" }).click();
  await expect(trainee.getByTestId("owner-line")).toBeVisible();
  await expect(trainee.locator("#history tbody tr")).toBeVisible();

  // The supervisor sees the trainee's status and exports the table with the scores.
  const supervisor = await as(browser, "supervisor");
  await supervisor.goto("/supervisor");
  await expect(supervisor.locator(`tr[data-trainee="${username}"]`)).toContainText(m["learn.status.inProgress"]);
  const csv = await supervisor.request.get("/supervisor/export.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = (await csv.body()).toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  // Scenario columns are named by title, in the supervisor's language (the last four are lift-entrapment's).
  expect(text.split("\r\n")[0]).toMatch(/"深夜电梯困人：[^"]*措辞","深夜电梯困人：[^"]*结果"$/);
  const row = text.split("\r\n").find((line) => line.includes(username))!;
  expect(row).toContain("翠湖学员");
  expect(row).toMatch(new RegExp(`"\\d{2,3}","\\d{2,3}","\\d{2,3}","(${m["report.passed"]}|${m["report.notPassed"]})"$`));
});

test("trainees see only their own work; trainers only the teams they train", async ({ browser }) => {
  test.setTimeout(120_000);
  const team = `新城花园${Date.now().toString(36)}`;
  const admin = await browser.newPage();
  await createTeam(admin, team);
  const outsider = uniqueName("out");
  const outsiderId = await createAccount({ username: outsider, displayName: "外组学员", team });
  const insider = uniqueName("in");
  await createAccount({ username: insider, displayName: "本组学员", team: "阳光花园" });

  // The outsider finishes a role-play.
  const out = await as(browser, outsider, "password123");
  await out.goto("/practice/angry-owner?mode=practice");
  await out.getByRole("button", { name: m["practice.start.button"] }).click();
  const attemptId = await out.locator('input[name="attemptId"]').first().inputValue();
  await finishWithSuggestions(out.request, "angry-owner", attemptId, 0);

  // Another trainee may not open it, nor the trainer pages.
  const other = await as(browser, insider, "password123");
  expect((await other.goto(`/practice/angry-owner/attempts/${attemptId}`))?.status()).toBe(403);
  expect((await other.goto(`/trainer/attempts/${attemptId}`))?.status()).toBe(403);
  expect((await other.goto("/trainer"))?.status()).toBe(403);
  expect((await other.goto("/supervisor"))?.status()).toBe(403);

  // The trainer does not train the new team: no review, no history, no assignment, nothing written.
  const trainer = await as(browser, "trainer");
  expect((await trainer.goto(`/trainer/attempts/${attemptId}`))?.status()).toBe(403);
  const supervisor = await as(browser, "supervisor");
  expect((await trainer.goto(`/supervisor/trainees/${outsiderId}`))?.status()).toBe(403);
  const assign = await trainer.request.post("/trainer/assignments/new", {
    form: { work: "module:core-process", audience: `trainee:${outsiderId}`, due: tomorrow() },
    maxRedirects: 0,
  });
  expect(assign.status()).toBe(403);
  const comment = await trainer.request.post(`/trainer/attempts/${attemptId}`, { form: { intent: "comment", turn: "1", text: "越权点评" }, maxRedirects: 0 });
  expect(comment.status()).toBe(403);

  // The supervisor sees everyone.
  expect((await supervisor.goto(`/trainer/attempts/${attemptId}`))?.status()).toBe(200);
  await expect(supervisor.getByTestId("coach-comment")).toHaveCount(0);
});

test("bad assignments and score changes are refused with a message, and nothing is written", async ({ browser }) => {
  const trainer = await as(browser, "trainer");
  const past = await trainer.request.post("/trainer/assignments/new", {
    form: { work: "module:core-process", audience: "team:nonexistent00", due: "2020-01-01" },
    maxRedirects: 0,
  });
  expect(past.status()).toBe(400);
  await trainer.goto("/trainer/assignments/new");
  await hydrated(trainer); // a choice or a click made while React hydrates can be lost
  await trainer.getByLabel(m["assign.what"]).selectOption({ label: "学习模块：核心流程结构" });
  await trainer.getByLabel(m["assign.who"]).selectOption({ label: "整个团队：阳光花园" });
  await trainer.getByLabel(m["assign.due"]).fill("2020-01-01");
  await trainer.getByRole("button", { name: m["assign.submit"] }).click();
  await expect(trainer.getByText(m["assign.error.pastDue"])).toBeVisible();

  // A finished attempt of a trainee in a team the trainer trains.
  const username = uniqueName("adj");
  await createAccount({ username, displayName: "调分学员", team: "阳光花园" });
  const trainee = await as(browser, username, "password123");
  await trainee.goto("/practice/angry-owner?mode=practice");
  await trainee.getByRole("button", { name: m["practice.start.button"] }).click();
  const attemptId = await trainee.locator('input[name="attemptId"]').first().inputValue();
  await finishWithSuggestions(trainee.request, "angry-owner", attemptId, FACTS_WITHOUT_FEELING);
  const post = (form: Record<string, string>) => trainer.request.post(`/trainer/attempts/${attemptId}`, { form, maxRedirects: 0 });
  expect((await post({ intent: "adjust", dimension: "empathy", score: "85", reason: "" })).status()).toBe(400);
  expect((await post({ intent: "adjust", dimension: "empathy", score: "185", reason: "复核录音" })).status()).toBe(400);
  expect((await post({ intent: "adjust", dimension: "feelings", score: "85", reason: "复核录音" })).status()).toBe(400);
  await trainer.goto(`/trainer/attempts/${attemptId}`);
  await expect(trainer.getByTestId("audit")).toHaveCount(0);

  // A proper change is kept with who, when, from, to and why, and the trainee sees it.
  await trainer.getByLabel(m["review.dimension"]).selectOption({ label: "共情" });
  await trainer.getByLabel(m["review.newScore"]).fill("85");
  await trainer.getByLabel(m["review.reason"]).fill("复核录音后，语气比文字更体贴");
  await trainer.getByRole("button", { name: m["review.adjustSubmit"] }).click();
  await expect(trainer.getByTestId("audit")).toContainText("王建国 把共情从");
  await expect(trainer.getByTestId("audit")).toContainText("改为 85：复核录音后");
  await trainee.goto(`/practice/angry-owner/attempts/${attemptId}`);
  await expect(trainee.locator(".score-list")).toContainText("共情 85");
  await expect(trainee.getByTestId("audit")).toContainText("王建国");
  await trainee.goto("/practice/angry-owner");
  await expect(trainee.locator("#history tbody tr").first()).toContainText("共情 85");
  await expect(trainee.locator("#history tbody tr").first()).toContainText(m["attempts.adjusted"]);
});
