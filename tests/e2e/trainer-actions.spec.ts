import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { en } from "../../app/i18n/en";
import { endOfDueDate } from "../../app/assignments/status";
import { foldEvents } from "../../app/store/attempt-events";
import { formatDate } from "../../app/utils/dates";
import { createAccount, expectNoSeriousViolations, finishWithSuggestions, hydrated, INITIAL_PASSWORD, signIn, signOut, tomorrow, uniqueName } from "./helpers";

/**
 * What a trainer and a supervisor do to other people's work and accounts (issue 18, items 5, 6, 7 and 10): a review
 * queue that reaches every call, confirmations that name what goes and undo where it can come back, assignments
 * that are not given twice, and a first sign-in that must replace the password a supervisor chose.
 */

const ANGRY_OWNER = "愤怒的业主：楼上漏水第三次";
const CORE_PROCESS = m["assign.kind.module"]("核心流程结构");

/** A page of its own (a context of its own, as axe needs), signed in as `username`. */
async function as(browser: Browser, username: string, password = "demo1234"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username, password);
  return page;
}

/** A trainee of their own (password123 once the first sign-in is done), with their id. */
async function newTrainee(displayName: string, team = "阳光花园"): Promise<{ username: string; id: string }> {
  const username = uniqueName("act");
  return { username, id: await createAccount({ username, displayName, team }) };
}

/** Plays one practice call of angry-owner to its end, as the trainee signed in on `request`; returns its id. */
async function finishedCall(request: APIRequestContext): Promise<string> {
  await request.post("/practice/angry-owner?mode=practice", { form: { intent: "start" } });
  const attemptId = /name="attemptId" value="([^"]+)"/.exec(await (await request.get("/practice/angry-owner?mode=practice")).text())![1];
  await finishWithSuggestions(request, "angry-owner", attemptId, 0);
  return attemptId;
}

test("item 5: the review queue walks every call nobody has reviewed, oldest first, once; a call can be marked reviewed without a comment", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // A team of its own with a trainer of its own, so that no other test's calls join the queue.
  const team = `队列花园${Date.now().toString(36)}`;
  const supervisor = await as(browser, "supervisor");
  await supervisor.goto("/supervisor/users");
  await supervisor.getByLabel(m["users.teamName"]).fill(team);
  await supervisor.getByRole("button", { name: m["users.createTeam"] }).click();
  await expect(supervisor.getByRole("status")).toContainText(team);
  const coach = uniqueName("coach");
  await supervisor.goto(`/supervisor/users/${await createAccount({ username: coach, displayName: "排队培训师", role: "trainer", team })}`);
  await supervisor.getByRole("checkbox", { name: team }).check();
  await supervisor.getByRole("button", { name: m["users.saveTrainsTeams"] }).click();
  await expect(supervisor.getByRole("status")).toHaveText(m["users.trainsTeamsSaved"]("排队培训师"));

  // One trainee finishes three calls, one after the other.
  const { username } = await newTrainee("排队学员", team);
  const trainee = await as(browser, username, "password123");
  const calls = [await finishedCall(trainee.request), await finishedCall(trainee.request), await finishedCall(trainee.request)];

  // The trainer starts at the oldest and follows "next": each call once, in the order they were finished.
  const trainer = await as(browser, coach, "password123");
  await trainer.goto("/trainer");
  await expect(trainer.getByText(m["trainer.queue"](3))).toBeVisible();
  await trainer.getByRole("link", { name: m["trainer.queueStart"] }).click();
  const queue = trainer.getByRole("region", { name: m["review.queue"] });
  const visited: string[] = [];
  for (let i = 1; i <= 3; i++) {
    await expect(trainer).toHaveURL(new RegExp(`/trainer/attempts/${calls[i - 1].replace(".", "\\.")}$`));
    visited.push(trainer.url().split("/").pop()!);
    await expect(queue.getByText(m["review.queuePosition"](i, 3))).toBeVisible();
    if (i < 3) await queue.getByRole("link", { name: m["review.next"]("排队学员", ANGRY_OWNER) }).click();
  }
  expect(visited).toEqual(calls);
  // At the newest there is nothing after it: the way back to the oldest still waiting is named as such.
  await expect(queue.getByRole("link", { name: m["review.next"]("排队学员", ANGRY_OWNER) })).toHaveCount(0);
  await expect(queue.getByText(m["review.queueEnd"])).toBeVisible();
  await expect(queue.getByRole("link", { name: m["review.restart"]("排队学员", ANGRY_OWNER) })).toHaveAttribute("href", `/trainer/attempts/${calls[0]}`);
  await expectNoSeriousViolations(trainer, "the review page, unreviewed");

  // Nothing to add to the newest: marked reviewed, it leaves the queue, with no comment written.
  await queue.getByRole("button", { name: m["review.markReviewed"] }).click();
  await expect(queue.getByRole("status")).toHaveText(m["review.markedReviewed"]);
  await expect(queue).toContainText("排队培训师");
  await expect(queue.getByRole("button", { name: m["review.markReviewed"] })).toHaveCount(0);
  await expect(queue.getByText(m["review.queueWaiting"](2))).toBeVisible();
  await expect(trainer.getByTestId("coach-comment")).toHaveCount(0);
  // From the middle one, the queue is two long now and nothing waits after it.
  await trainer.goto(`/trainer/attempts/${calls[1]}`);
  await expect(queue.getByText(m["review.queuePosition"](2, 2))).toBeVisible();
  await expect(queue.getByRole("link", { name: m["review.restart"]("排队学员", ANGRY_OWNER) })).toBeVisible();
  // The trainer's list agrees: two not yet reviewed, the marked one reviewed.
  await trainer.goto("/trainer?reviewed=no");
  await expect(trainer.getByText(m["trainer.queue"](2))).toBeVisible();
  const list = trainer.getByRole("region", { name: m["trainer.recent"] });
  await expect(list.getByRole("link", { name: m["trainer.open"] })).toHaveCount(2);
  await trainer.goto("/trainer?reviewed=yes");
  await expect(list.getByRole("link", { name: m["trainer.open"] })).toHaveAttribute("href", `/trainer/attempts/${calls[2]}`);
});

test("item 6: cancelling a task asks first, names the task, lists it as cancelled and can be undone", async ({ browser }) => {
  test.setTimeout(90_000);
  const { id } = await newTrainee("取消学员");
  const due = tomorrow();
  const trainer = await as(browser, "trainer");
  await trainer.goto("/trainer/assignments/new");
  await hydrated(trainer); // a choice or a click made while React hydrates can be lost
  await trainer.getByLabel(m["assign.what"]).selectOption({ label: CORE_PROCESS });
  await trainer.getByLabel(m["assign.who"]).selectOption({ value: `trainee:${id}` });
  await trainer.getByLabel(m["assign.due"]).fill(due);
  await trainer.getByRole("button", { name: m["assign.submit"] }).click();
  await expect(trainer).toHaveURL(/\/trainer$/);
  await hydrated(trainer);

  const open = trainer.getByRole("region", { name: m["assign.open"] });
  // The row of the task for this trainee (team tasks name her too, among those who still have to do them).
  const rowFor = (list: Locator) => list.getByRole("row").filter({ has: trainer.getByRole("cell", { name: "取消学员", exact: true }) });
  const row = rowFor(open);
  await row.getByRole("button", { name: m["assign.cancel"] }).click();
  // The confirmation says which task, for whom, due when; nothing has happened yet.
  const confirm = trainer.getByRole("form", { name: m["assign.cancelConfirm.question"](CORE_PROCESS) });
  await expect(confirm).toContainText(m["assign.cancelConfirm.what"]("取消学员", formatDate(endOfDueDate(due), "zh-CN")));
  await expect(confirm.getByRole("heading")).toBeFocused();
  // The trainer's page is checked whole in accessibility.spec.ts; here, what this step adds to it.
  await expectNoSeriousViolations(trainer, "the trainer's page, confirming a cancellation", ".confirm-step");
  await confirm.getByRole("link", { name: m["assign.cancelConfirm.keep"] }).click();
  await expect(confirm).toHaveCount(0);
  await trainer.reload();
  await expect(row).toHaveCount(1);
  await expect(rowFor(trainer.getByRole("region", { name: m["assign.cancelledList"] }))).toHaveCount(0);

  await row.getByRole("button", { name: m["assign.cancel"] }).click();
  await confirm.getByRole("button", { name: m["assign.cancelConfirm.yes"] }).click();
  await expect(trainer.getByRole("status")).toContainText(m["assign.cancelledOk"](CORE_PROCESS, "取消学员"));
  await expect(row).toHaveCount(0);
  const cancelled = trainer.getByRole("region", { name: m["assign.cancelledList"] });
  await expect(rowFor(cancelled)).toContainText(CORE_PROCESS);
  await expectNoSeriousViolations(trainer, "the trainer's page, with cancelled tasks", 'section[aria-labelledby="cancelled-title"]');

  // Undone from the message, it is open again; cancelled again, it comes back from the list too.
  await trainer.getByRole("status").getByRole("button", { name: m["assign.undoCancel"] }).click();
  await expect(trainer.getByRole("status")).toHaveText(m["assign.restoredOk"](CORE_PROCESS, "取消学员"));
  await expect(row).toHaveCount(1);
  await expect(rowFor(cancelled)).toHaveCount(0);
  await row.getByRole("button", { name: m["assign.cancel"] }).click();
  await confirm.getByRole("button", { name: m["assign.cancelConfirm.yes"] }).click();
  await expect(row).toHaveCount(0);
  await rowFor(cancelled).getByRole("button", { name: m["assign.restore"] }).click();
  await expect(trainer.getByRole("status")).toHaveText(m["assign.restoredOk"](CORE_PROCESS, "取消学员"));
  await expect(row).toHaveCount(1);
});

test("item 6: deactivating an account and making someone a supervisor ask first and name the person; a deactivated account comes back", async ({ browser }) => {
  test.setTimeout(90_000);
  const { username, id } = await newTrainee("停用学员");
  const supervisor = await as(browser, "supervisor");
  await supervisor.goto(`/supervisor/users/${id}`);
  await hydrated(supervisor);
  const status = supervisor.getByRole("region", { name: m["users.dangerZone"] });

  await status.getByRole("button", { name: m["users.deactivate"] }).click();
  const deactivate = supervisor.getByRole("form", { name: m["users.deactivateConfirm.question"]("停用学员") });
  await expect(deactivate).toContainText(m["users.deactivateConfirm.what"]("停用学员"));
  await expectNoSeriousViolations(supervisor, "the account page, confirming a deactivation");
  await deactivate.getByRole("link", { name: m["users.deactivateConfirm.keep"] }).click();
  await expect(deactivate).toHaveCount(0);
  await expect(status.getByText(m["users.active"], { exact: true })).toBeVisible();
  await status.getByRole("button", { name: m["users.deactivate"] }).click();
  await deactivate.getByRole("button", { name: m["users.deactivateConfirm.yes"] }).click();
  await expect(status.getByRole("status")).toHaveText(m["users.deactivated"]("停用学员"));
  await expect(status.getByText(m["users.inactive"], { exact: true })).toBeVisible();

  // Reactivated (a step back, so it does not ask), the account signs in again.
  await status.getByRole("button", { name: m["users.activate"] }).click();
  await expect(status.getByRole("status")).toHaveText(m["users.activated"]("停用学员"));
  const trainee = await as(browser, username, "password123");
  await expect(trainee.getByRole("navigation", { name: m["nav.menu"] })).toBeVisible();

  // Made a supervisor: asked first, with what a supervisor can do; only the confirmation changes the role.
  const profile = supervisor.getByRole("form", { name: m["account.profile"] });
  await profile.getByLabel(m["users.role"]).selectOption({ label: m["role.supervisor"] });
  await profile.getByRole("button", { name: m["users.saveProfile"] }).click();
  const promote = supervisor.getByRole("form", { name: m["users.roleConfirm.question"]("停用学员", m["role.supervisor"]) });
  await expect(promote).toContainText(m["users.roleConfirm.what.supervisor"]("停用学员"));
  await expectNoSeriousViolations(supervisor, "the account page, confirming a role change", ".confirm-step");
  await supervisor.reload();
  await expect(profile.getByLabel(m["users.role"])).toHaveValue("trainee");
  await profile.getByLabel(m["users.role"]).selectOption({ label: m["role.supervisor"] });
  await profile.getByRole("button", { name: m["users.saveProfile"] }).click();
  await promote.getByRole("button", { name: m["users.roleConfirm.yes"](m["role.supervisor"]) }).click();
  await expect(supervisor.getByRole("status")).toHaveText(m["users.roleChanged"]("停用学员", m["role.supervisor"]));
  await expect(profile.getByLabel(m["users.role"])).toHaveValue("supervisor");
});

test("item 6: a trainer's comment can be changed and deleted by its author only; the change is shown and the earlier text kept", async ({ browser }) => {
  test.setTimeout(90_000);
  const { username, id } = await newTrainee("点评学员");
  const trainee = await as(browser, username, "password123");
  const attemptId = await finishedCall(trainee.request);

  const trainer = await as(browser, "trainer");
  await trainer.goto(`/trainer/attempts/${attemptId}`);
  const firstTurn = trainer.locator('.report-turn[data-turn="1"]');
  await firstTurn.getByLabel(m["review.commentLabel"](1)).fill("先道歉。");
  await firstTurn.getByRole("button", { name: m["review.addComment"] }).click();
  await expect(firstTurn.getByRole("status")).toHaveText(m["review.commentAdded"]);
  await hydrated(trainer);

  const comment = firstTurn.getByTestId("coach-comment");
  await comment.getByText(m["review.editComment"], { exact: true }).click();
  await comment.getByLabel(m["review.editLabel"]).fill("先道歉，再复述她说的楼号和“第三次”。");
  await comment.getByRole("button", { name: m["review.saveEdit"] }).click();
  await expect(firstTurn.getByRole("status")).toHaveText(m["review.commentEdited"]);
  await expect(comment).toContainText("先道歉，再复述她说的楼号和“第三次”。");
  await expect(comment).toContainText(m["review.editedAt"]("").slice(0, 3));
  await expectNoSeriousViolations(trainer, "the review page, with an edited comment");

  // The trainee reads the new text, marked as changed; the log keeps what it said before.
  await trainee.goto(`/practice/angry-owner/attempts/${attemptId}`);
  const seen = trainee.getByTestId("coach-comment");
  await expect(seen).toContainText("先道歉，再复述她说的楼号");
  await expect(seen).toContainText(m["review.editedAt"]("").slice(0, 3));
  await expect(seen.getByText(m["review.editComment"], { exact: true })).toHaveCount(0);
  await trainee.goto("/");
  const coaching = trainee.getByRole("region", { name: m["coaching.title"] });
  await expect(coaching).toContainText("先道歉，再复述她说的楼号");
  await expect(coaching).toContainText(m["review.editedAt"]("").slice(0, 3));
  const log = readFileSync(path.join(process.env.E2E_DATA_DIR!, "attempts", id, `${attemptId.split(".")[1]}.jsonl`), "utf8");
  const kept = foldEvents(
    log
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line)),
  ).comments[0];
  expect(kept.earlierTexts?.map((e) => e.text)).toEqual(["先道歉。"]);

  // Someone else (the supervisor, who may review every call) sees no way to change it, and a forged post is refused.
  const supervisor = await as(browser, "supervisor");
  await supervisor.goto(`/trainer/attempts/${attemptId}`);
  await expect(supervisor.getByTestId("coach-comment").getByText(m["review.editComment"], { exact: true })).toHaveCount(0);
  await expect(supervisor.getByTestId("coach-comment").getByRole("button", { name: m["review.deleteComment"] })).toHaveCount(0);
  for (const form of [
    { intent: "edit-comment", commentId: kept.id, text: "主管改的" } as Record<string, string>,
    { intent: "delete-comment", commentId: kept.id, confirmed: "yes" },
  ]) {
    const forged = await supervisor.request.post(`/trainer/attempts/${attemptId}`, { form, maxRedirects: 0 });
    expect(forged.status(), form.intent).toBe(403);
    expect(await forged.text()).toContain(m["review.error.notAuthor"]);
  }

  // Deleting asks first; kept, it stays; confirmed, it is gone for the trainee too.
  await comment.getByRole("button", { name: m["review.deleteComment"], exact: true }).click();
  const confirm = trainer.getByRole("form", { name: m["review.deleteConfirm.question"] });
  await expect(confirm).toContainText(m["review.deleteConfirm.what"]("点评学员"));
  await expectNoSeriousViolations(trainer, "the review page, confirming a deletion", ".confirm-step");
  await confirm.getByRole("link", { name: m["review.deleteConfirm.keep"] }).click();
  // Kept: the question goes away (wait for it: until then, 删除 would also name its 确认删除 button) and the comment stays.
  await expect(confirm).toHaveCount(0);
  await expect(comment).toContainText("先道歉，再复述");
  await comment.getByRole("button", { name: m["review.deleteComment"], exact: true }).click();
  await confirm.getByRole("button", { name: m["review.deleteConfirm.yes"] }).click();
  await expect(firstTurn.getByRole("status")).toHaveText(m["review.commentDeleted"]);
  await expect(comment).toHaveCount(0);
  await trainee.goto(`/practice/angry-owner/attempts/${attemptId}`);
  await expect(seen).toHaveCount(0);
});

test("item 7: the same assignment submitted twice is refused with a message, the form keeps what was typed, and there is one task", async ({ browser }) => {
  test.setTimeout(90_000);
  const { id } = await newTrainee("重复学员");
  const due = tomorrow();
  const trainer = await as(browser, "trainer");
  const assign = async (note: string) => {
    await trainer.goto("/trainer/assignments/new");
    await hydrated(trainer); // a choice or a click made while React hydrates can be lost
    await trainer.getByLabel(m["assign.what"]).selectOption({ label: CORE_PROCESS });
    await trainer.getByLabel(m["assign.who"]).selectOption({ value: `trainee:${id}` });
    await trainer.getByLabel(m["assign.due"]).fill(due);
    await trainer.getByLabel(m["assign.note"]).fill(note);
    await trainer.getByRole("button", { name: m["assign.submit"] }).click();
  };
  await assign("第一次");
  await expect(trainer).toHaveURL(/\/trainer$/);
  await assign("第二次");
  await expect(trainer.getByRole("alert")).toHaveText(m["assign.error.duplicate"](CORE_PROCESS, "重复学员", formatDate(endOfDueDate(due), "zh-CN")));
  await expect(trainer).toHaveURL(/\/trainer\/assignments\/new$/);
  await expect(trainer.getByLabel(m["assign.what"])).toHaveValue("module:core-process");
  await expect(trainer.getByLabel(m["assign.who"])).toHaveValue(`trainee:${id}`);
  await expect(trainer.getByLabel(m["assign.due"])).toHaveValue(due);
  await expect(trainer.getByLabel(m["assign.note"])).toHaveValue("第二次");
  await expectNoSeriousViolations(trainer, "the new assignment page, refused as a duplicate");

  // One row for her: team tasks name her too, among those who still have to do them.
  const rowsFor = (list: Locator) => list.getByRole("row").filter({ has: trainer.getByRole("cell", { name: "重复学员", exact: true }) });
  await trainer.goto("/trainer");
  await expect(rowsFor(trainer.getByRole("region", { name: m["assign.open"] }))).toHaveCount(1);

  // Posted again by a trainer who reads English: a 409 in English, and still one task.
  await trainer.context().addCookies([{ name: "lang", value: "en", url: trainer.url() }]);
  const again = await trainer.request.post("/trainer/assignments/new", {
    form: { work: "module:core-process", audience: `trainee:${id}`, due, note: "third time" },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain(en["assign.error.duplicate"](en["assign.kind.module"]("Core process"), "重复学员", formatDate(endOfDueDate(due), "en")));
  await trainer.goto("/trainer");
  await expect(rowsFor(trainer.getByRole("region", { name: en["assign.open"] }))).toHaveCount(1);
});

test("item 10: a new account's form is emptied; the account must choose its own password before anything opens, and again after a reset", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const username = uniqueName("first");
  const supervisor = await as(browser, "supervisor");
  await supervisor.goto("/supervisor/users");
  await hydrated(supervisor);
  const form = supervisor.getByRole("form", { name: m["users.create"] });
  await form.getByLabel(m["users.displayName"]).fill("首登学员");
  await form.getByLabel(m["users.username"]).fill(username);
  await form.getByLabel(m["users.initialPassword"]).fill(INITIAL_PASSWORD);
  await form.getByRole("button", { name: m["users.createSubmit"] }).click();
  await expect(form.getByRole("status")).toBeVisible();
  for (const field of [m["users.displayName"], m["users.username"], m["users.initialPassword"]]) await expect(form.getByLabel(field)).toHaveValue("");
  await expect(form.getByRole("status")).toHaveText(m["users.created"]("首登学员", username));
  await expect(supervisor.locator(`tr[data-username="${username}"]`)).toContainText(m["users.passwordPending"]);

  // Signed in with the supervisor's password, the new account finds only the password form, whatever it asks for.
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto("/login?redirectTo=%2Flearn");
  await newcomer.getByLabel(m["login.username"]).fill(username);
  await newcomer.getByLabel(m["login.password"]).fill(INITIAL_PASSWORD);
  await newcomer.getByRole("button", { name: m["login.submit"] }).click();
  await expect(newcomer).toHaveURL(/\/account\?redirectTo=%2Flearn$/);
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText(m["account.firstPassword.title"]);
  await expect(newcomer.getByRole("navigation", { name: m["nav.menu"] })).toHaveCount(0);
  await expectNoSeriousViolations(newcomer, "the first sign-in's password page");
  await newcomer.goto("/practice");
  await expect(newcomer).toHaveURL(/\/account\?redirectTo=%2Fpractice$/);
  // The server refuses it, not the browser: loaders and actions alike.
  for (const [method, url] of [
    ["get", "/"],
    ["get", "/quiz"],
    ["post", "/learn/core-process"],
  ] as const) {
    const res = await newcomer.request[method](url, { maxRedirects: 0, ...(method === "post" ? { form: { intent: "complete" } } : {}) });
    expect(res.status(), url).toBe(302);
    expect(res.headers()["location"], url).toMatch(/^\/account(\?|$)/);
  }
  // The session list is another page's business.
  expect((await newcomer.request.post("/account", { form: { intent: "end-others" }, maxRedirects: 0 })).status()).toBe(400);

  await newcomer.goto("/account?redirectTo=%2Flearn");
  await newcomer.getByLabel(m["account.firstPassword.current"]).fill(INITIAL_PASSWORD);
  await newcomer.getByLabel(new RegExp(`^${m["account.newPassword"]}`)).fill("my-own-pass-1");
  await newcomer.getByLabel(m["account.confirmPassword"]).fill("my-own-pass-1");
  await newcomer.getByRole("button", { name: m["account.firstPassword.save"] }).click();
  await expect(newcomer).toHaveURL(/\/learn$/);
  await expect(newcomer.getByRole("navigation", { name: m["nav.menu"] })).toBeVisible();
  await signOut(newcomer);
  await signIn(newcomer, username, "my-own-pass-1");
  await expect(newcomer).not.toHaveURL(/\/account/);

  // A supervisor's reset makes the password temporary again; the form does not keep it.
  await supervisor.goto("/supervisor/users");
  await supervisor.locator(`tr[data-username="${username}"]`).getByRole("link").click();
  await hydrated(supervisor);
  const reset = supervisor.getByRole("form", { name: m["users.resetPassword"] });
  await reset.getByLabel(m["users.newPassword"]).fill("temporary-pass-2");
  await reset.getByRole("button", { name: m["users.resetPassword"] }).click();
  await expect(reset.getByRole("status")).toHaveText(m["users.passwordReset"]("首登学员"));
  await expect(reset.getByLabel(m["users.newPassword"])).toHaveValue("");
  await newcomer.goto("/learn");
  await expect(newcomer).toHaveURL(/\/login/);
  await signIn(newcomer, username, "temporary-pass-2");
  await expect(newcomer).toHaveURL(/\/account$/);
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText(m["account.firstPassword.title"]);

  // The seeded demo accounts are not asked: the README's sign-ins go straight in.
  const demo = await as(browser, "trainer");
  await expect(demo).toHaveURL(/\/$/);
  await expect(demo.getByRole("navigation", { name: m["nav.menu"] })).toBeVisible();
});
