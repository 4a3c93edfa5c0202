import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseYaml } from "../../app/utils/yaml";
import { test as base, expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { DEMO_PASSWORD, expectNoSeriousViolations, finishWithSuggestions, hydrated, signIn, signOut, tomorrow } from "./helpers";
import { startOwnServer, type OwnServer } from "./servers";

/**
 * Scenario authoring (issue 20, item 1) on a server of its own: a scenario published to a team joins that team's
 * practice list, which the shared server's specs count on.
 */

const test = base.extend<object, { server: OwnServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter
    async ({}, use) => {
      const server = await startOwnServer({ env: { TEST_CLOCK: "1", SEED_DEMO: "1" } });
      await use(server);
      await server.discard();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ server }, provide) => provide(server.base),
});

const ANGRY_TITLE = /^ {2}zh: (.+)$/m.exec(readFileSync("scenarios/angry-owner.yaml", "utf8"))![1];
const stored = (server: OwnServer) =>
  (existsSync(path.join(server.dataDir, "scenarios.json"))
    ? JSON.parse(readFileSync(path.join(server.dataDir, "scenarios.json"), "utf8")).scenarios
    : []) as Array<{
    id: string;
    draft: { yaml: string } | null;
    versions: Array<{ version: number; audience: unknown }>;
    retiredAt: string | null;
  }>;

/** A signed-in request context of a demo account on this spec's server. */
async function signedIn(baseURL: string, username: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  expect((await context.post("/login", { form: { username, password: DEMO_PASSWORD }, maxRedirects: 0 })).status()).toBe(302);
  return context;
}

/** Opens a turn's fields in the form (each turn is a disclosure) and returns them. */
async function turnFields(page: Page, turn: string) {
  const details = page.locator("details.turn-fields").filter({ has: page.locator("summary", { hasText: m["scenarioAuthor.turn"](turn) }) });
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  return details;
}

async function saveForm(page: Page) {
  await page.getByRole("button", { name: m["scenarioAuthor.saveForm"] }).click();
}

/** Plays a practice call of a scenario through to its report with the first suggested reply; returns the report's URL. */
async function playToReport(page: Page, scenarioId: string): Promise<string> {
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  const attemptId = await page.locator('input[name="attemptId"]').first().inputValue();
  await finishWithSuggestions(page.request, scenarioId, attemptId);
  const report = `/practice/${scenarioId}/attempts/${attemptId}`;
  await page.goto(report);
  return report;
}

test("a trainer copies angry-owner, renames the owner and changes a branch, fixes a problem, tries the draft and publishes it; the team's trainee plays v1 and v2, and the v1 report keeps v1", async ({
  page,
  server,
}) => {
  test.setTimeout(240_000);
  // The trainer finds the authoring pages from the trainer page and copies angry-owner.
  await signIn(page, "trainer");
  await page.goto("/trainer");
  await page.getByRole("link", { name: m["scenarioAuthor.link"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: m["scenarioAuthor.title"] })).toBeVisible();
  await page.getByRole("button", { name: m["scenarioAuthor.copyOf"](ANGRY_TITLE) }).click();
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.copied"]("angry-owner"));
  const editUrl = page.url().replace(/\?.*$/, "");
  const id = /\/(org-[a-z0-9]{10})$/.exec(editUrl)![1];
  await expect(page.getByTestId("scenario-status")).toHaveText(m["scenarioAuthor.status.draft"]);
  await hydrated(page);

  // The owner's name, in the form.
  await page.getByLabel(m["scenarioAuthor.personaName"]("owner")).fill("王女士");
  // A branch that leaves a turn unreachable: upstairs now skips the fee threat.
  const upstairs = await turnFields(page, "upstairs");
  await upstairs.getByLabel(m["scenarioAuthor.branch"](1, false)).selectOption("wrap-up");
  await saveForm(page);
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.savedWithProblems"](1));
  // Named in words: the turn's place among angry-owner's turns, and its name.
  const feeTurn = Object.keys((parseYaml(readFileSync("scenarios/angry-owner.yaml", "utf8")) as { turns: object }).turns).indexOf("fee-threat") + 1;
  const place = m["scenarioAuthor.place.turn"](feeTurn, "fee-threat");
  const unreachable = m["scenarioAuthor.problem.unreachable"]({ place, value: "fee-threat", limit: "", expected: "" });
  await expect(page.locator("#problems")).toContainText(unreachable);
  // The problem is shown at the turn it concerns in the form, and at its line of the script.
  await expect((await turnFields(page, "fee-threat")).getByText(unreachable)).toBeVisible();
  const yamlBox = page.getByRole("textbox", { name: m["scenarioAuthor.yaml"] });
  await expect(yamlBox).toHaveValue(/name: \{ zh: 王女士, en: Ms Liu \}/);
  const feeLine = (await yamlBox.inputValue()).split("\n").findIndex((l) => l === "  fee-threat:") + 1;
  await expect(page.locator("#problems")).toContainText(m["scenarioAuthor.atLine"](feeLine));
  await expect(page.getByRole("link", { name: m["scenarioAuthor.try"] })).toHaveCount(0);

  // Fixed: upstairs goes to the fee threat again; the branch changed instead is firm-answer's (a second miss of a
  // concrete time now brings the fee threat, not the hotline at once).
  await (await turnFields(page, "upstairs")).getByLabel(m["scenarioAuthor.branch"](1, false)).selectOption("fee-threat");
  await (await turnFields(page, "firm-answer")).getByLabel(m["scenarioAuthor.branch"](1, true)).selectOption("fee-threat");
  await saveForm(page);
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.saved"]);
  await expect(page.getByText(m["scenarioAuthor.noProblems"])).toBeVisible();
  await expect(yamlBox).toHaveValue(/\{ if: \{ movesMissing: \[ ?give-time ?\] \}, goto: fee-threat \}/);
  // The script's comments survived the form.
  await expect(yamlBox).toHaveValue(/^# 愤怒的业主：楼上漏水，第三次报修\n/);

  // The map is drawn from the draft.
  await page.getByRole("link", { name: m["scenarioAuthor.map"] }).click();
  await expect(page.getByText(/王女士/).first()).toBeVisible();
  await page.goBack();

  // The trainer tries the draft: the owner is 王女士; the try is on nobody's record.
  await page.getByRole("link", { name: m["scenarioAuthor.try"] }).click();
  await expect(page.getByText(m["scenarioAuthor.tryingDraft"])).toBeVisible();
  await playToReport(page, `draft-${id}`);
  await expect(page.getByText(/王女士/).first()).toBeVisible();

  // Published to 阳光花园 (the demo trainee's team): version 1.
  await page.goto(editUrl);
  await page.getByRole("checkbox", { name: "阳光花园" }).check();
  await page.getByRole("button", { name: m["scenarioAuthor.publishButton"] }).click();
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.published"](1));
  await expect(page.getByTestId("scenario-status")).toHaveText(m["scenarioAuthor.status.published"](1));
  await signOut(page);

  // The trainee of that team finds it in practice and plays version 1.
  await signIn(page, "trainee");
  await page.goto("/practice");
  const card = page.locator(`[data-scenario="${id}"]`);
  await expect(card.getByRole("heading", { name: ANGRY_TITLE })).toBeVisible();
  await page.goto(`/practice/${id}?mode=practice`);
  await expect(page.getByText(m["scenarioAuthor.tryingDraft"])).toHaveCount(0);
  const firstReport = await playToReport(page, id);
  await expect(page.getByText(/王女士/).first()).toBeVisible();
  await signOut(page);

  // The trainer renames her again and publishes version 2.
  await signIn(page, "trainer");
  await page.goto(editUrl);
  await page.getByLabel(m["scenarioAuthor.personaName"]("owner")).fill("赵女士");
  await saveForm(page);
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.saved"]);
  await expect(page.getByTestId("scenario-status")).toHaveText(m["scenarioAuthor.status.changed"](1));
  await page.getByRole("checkbox", { name: "阳光花园" }).check();
  await page.getByRole("button", { name: m["scenarioAuthor.publishButton"] }).click();
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.published"](2));
  // The page has reloaded its versions (the draft is gone): until then the compare form still offers the draft.
  await expect(page.getByTestId("scenario-status")).toHaveText(m["scenarioAuthor.status.published"](2));
  // The two versions compared: the name's line changed.
  await page.getByRole("button", { name: m["scenarioAuthor.compareButton"] }).click();
  await expect(page.getByTestId("diff").locator("del")).toContainText(["王女士"]);
  await expect(page.getByTestId("diff").locator("ins")).toContainText(["赵女士"]);
  await signOut(page);

  // The trainee plays version 2; the first report still shows version 1's owner.
  await signIn(page, "trainee");
  await page.goto(`/practice/${id}?mode=practice`);
  await playToReport(page, id);
  await expect(page.getByText(/赵女士/).first()).toBeVisible();
  await expect(page.getByText(/王女士/)).toHaveCount(0);
  await page.goto(firstReport);
  await expect(page.getByText(/王女士/).first()).toBeVisible();
  await expect(page.getByText(/赵女士/)).toHaveCount(0);
  await signOut(page);

  const [row] = stored(server).filter((s) => s.id === id);
  expect(row.versions.map((v) => v.version)).toEqual([1, 2]);
  expect(row.draft).toBeNull();
});

test("a bad import, a 2 MB upload and hostile text: a 4xx with a message at the field, nothing saved half-way, authored text escaped", async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, "trainer");
  await page.goto("/trainer/scenarios");
  await hydrated(page);
  const before = stored(server).length;

  // A file that is not YAML: refused with what is wrong, nothing created.
  await page
    .getByLabel(m["scenarioAuthor.importFile"])
    .setInputFiles({ name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from("id: [unclosed\ntitle: x\n") });
  await page.getByRole("button", { name: m["scenarioAuthor.importButton"] }).click();
  await expect(page.getByRole("alert")).toContainText(m["scenarioAuthor.importRefused"]);
  expect(stored(server)).toHaveLength(before);

  // A 2 MB upload: refused before it is read.
  const trainer = await signedIn(server.base, "trainer");
  const huge = await trainer.post("/trainer/scenarios", {
    multipart: { intent: "import", file: { name: "huge.yaml", mimeType: "application/yaml", buffer: Buffer.alloc(2 * 1024 * 1024, "a") } },
  });
  expect(huge.status()).toBe(413);
  expect(stored(server)).toHaveLength(before);

  // A good file imports as a draft.
  await page.getByLabel(m["scenarioAuthor.importFile"]).setInputFiles("scenarios/noise-dispute.yaml");
  await page.getByRole("button", { name: m["scenarioAuthor.importButton"] }).click();
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.imported"]);
  const edit = page.url().replace(/\?.*$/, "");
  const id = /\/(org-[a-z0-9]{10})$/.exec(edit)![1];
  await hydrated(page);

  // Hostile text in a field: kept as typed, shown as text.
  const script = '<script>window.__hacked=1</script>"><img src=x onerror="window.__hacked=1">';
  await page.getByLabel(m["scenarioAuthor.titleZh"]).fill(`${script}噪音`);
  await saveForm(page);
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.saved"]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m["scenarioAuthor.editTitle"](`${script}噪音`));
  await page.goto("/trainer/scenarios");
  await expect(page.getByRole("rowheader", { name: `${script}噪音` })).toBeVisible();
  expect(await page.evaluate(() => (window as { __hacked?: number }).__hacked)).toBeUndefined();
  await expect(page.locator("main img")).toHaveCount(0);

  // Published to the demo trainee's team: the trainee's list and the call show it as text too.
  await page.goto(edit);
  await page.getByRole("checkbox", { name: "阳光花园" }).check();
  await page.getByRole("button", { name: m["scenarioAuthor.publishButton"] }).click();
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.published"](1));
  await signOut(page);
  await signIn(page, "trainee");
  for (const url of ["/practice", `/practice/${id}?mode=practice`]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { name: `${script}噪音` })).toBeVisible();
    expect(await page.evaluate(() => (window as { __hacked?: number }).__hacked)).toBeUndefined();
    await expect(page.locator("main img")).toHaveCount(0);
  }
  await signOut(page);
  await signIn(page, "trainer");

  // A control character in a field: refused at the field, nothing saved.
  await page.goto(edit);
  await hydrated(page);
  const row = () => JSON.stringify(stored(server).find((s) => s.id === id));
  const saved = row();
  await page.getByLabel(m["scenarioAuthor.titleEn"]).fill("Noise\u0007 at night");
  await saveForm(page);
  await expect(page.getByRole("alert").first()).toHaveText(m["scenarioAuthor.notSaved"]);
  await expect(page.getByText(m["scenarioAuthor.fieldControlChars"])).toBeVisible();
  await expect(page.getByLabel(m["scenarioAuthor.titleEn"])).toHaveAttribute("aria-invalid", "true");
  expect(row()).toBe(saved);

  // Malformed YAML in the script box: refused at its line, the text kept in the box, nothing saved.
  await page.goto(edit);
  await hydrated(page);
  const box = page.getByRole("textbox", { name: m["scenarioAuthor.yaml"] });
  await box.fill("id: [unclosed\n");
  await page.getByRole("button", { name: m["scenarioAuthor.saveYaml"] }).click();
  await expect(page.getByRole("alert").first()).toHaveText(m["scenarioAuthor.notSaved"]);
  await expect(page.locator("#problems")).toContainText(m["scenarioAuthor.problem.yaml"]());
  await expect(page.locator("#problems a").first()).toHaveText(/^第 \d+ 行$/);
  await expect(box).toHaveValue("id: [unclosed\n");
  expect(row()).toBe(saved);

  // Over HTTP: every hostile post is a 4xx with a message, never a 5xx.
  const hostile = [
    "",
    "<script>alert(1)</script>",
    "\u0000\u0007\u001b[31m",
    "a: &a [x]\nb: *a\n".repeat(20),
    "长".repeat(3000),
    "- not\n- a mapping\n",
    "startEmotion: 1e309\n",
  ];
  for (const value of hostile) {
    const forms: Array<Record<string, string>> = [
      { intent: "save-yaml", yaml: value },
      { intent: "save-form", "title.zh": value },
      { intent: "publish", team: value },
      { intent: "rollback", version: value },
      { intent: value },
    ];
    for (const form of forms) {
      const res = await trainer.post(edit, { multipart: form, maxRedirects: 0 });
      const what = `${JSON.stringify(form).slice(0, 80)}`;
      // A 5xx names what the server logged about it.
      expect(res.status(), res.status() >= 500 ? `${what}\nserver stderr: ${server.stderr().slice(-2000)}` : what).toBeLessThan(500);
      if (res.status() >= 400) expect((await res.text()).length, what).toBeGreaterThan(0);
    }
  }
  expect(dialogs).toEqual([]);
  await trainer.dispose();
});

test("every role: trainers and supervisors author, only supervisors publish for everyone and retire, trainees are refused, anonymous visitors sign in", async ({
  server,
}) => {
  test.setTimeout(120_000);
  const trainer = await signedIn(server.base, "trainer");
  const created = await trainer.post("/trainer/scenarios", { form: { intent: "new" }, maxRedirects: 0 });
  expect(created.status()).toBe(302);
  const edit = created.headers()["location"].replace(/\?.*$/, "");
  const id = /\/(org-[a-z0-9]{10})$/.exec(edit)![1];
  const pages = ["/trainer/scenarios", edit, `${edit}/export?version=draft`, `/practice/draft-${id}?mode=practice`, `/practice/draft-${id}/map`];
  const posts: Array<[string, Record<string, string>]> = [
    ["/trainer/scenarios", { intent: "new" }],
    ["/trainer/scenarios", { intent: "copy", scenario: "angry-owner" }],
    [edit, { intent: "save-yaml", yaml: "id: x\n" }],
    [edit, { intent: "save-form", "title.zh": "学员改的标题" }],
    [edit, { intent: "publish", everyone: "yes" }],
    [edit, { intent: "request-everyone" }],
    [edit, { intent: "rollback", version: "1" }],
    [edit, { intent: "discard" }],
    [edit, { intent: "retire", confirmed: "yes" }],
    [`/practice/draft-${id}?mode=practice`, { intent: "start" }],
  ];
  const count = () => stored(server).length;
  const before = count();

  const anonymous = await playwrightRequest.newContext({ baseURL: server.base });
  const trainee = await signedIn(server.base, "trainee");
  for (const url of pages) {
    expect((await anonymous.get(url, { maxRedirects: 0 })).headers()["location"], url).toMatch(/^\/login/);
    const status = (await trainee.get(url)).status();
    // The authoring pages are refused; a draft is not there at all for a trainee.
    expect(status, `trainee ${url}`).toBe(url.startsWith("/practice/") ? 404 : 403);
  }
  for (const [url, form] of posts) {
    expect((await anonymous.post(url, { form, maxRedirects: 0 })).headers()["location"], url).toMatch(/^\/login/);
    const status = (await trainee.post(url, { form, maxRedirects: 0 })).status();
    expect(status, `trainee ${url} ${form.intent}`).toBe(url.startsWith("/practice/") ? 404 : 403);
  }
  expect(count(), "nothing the refused posts sent was kept").toBe(before);
  expect(stored(server).find((s) => s.id === id)).toMatchObject({ versions: [], retiredAt: null });

  // The trainer: every page; publishing for everyone and retiring are refused; the draft can be played.
  for (const url of pages) expect((await trainer.get(url)).status(), `trainer ${url}`).toBe(200);
  expect((await trainer.post(edit, { form: { intent: "publish", everyone: "yes" } })).status()).toBe(403);
  expect((await trainer.post(edit, { form: { intent: "retire", confirmed: "yes" } })).status()).toBe(403);
  expect((await trainer.post(edit, { form: { intent: "request-everyone" } })).status()).toBe(200);
  expect(stored(server).find((s) => s.id === id)).toMatchObject({ versions: [], retiredAt: null });

  // The supervisor sees the request, publishes for everyone, and retires.
  const supervisor = await signedIn(server.base, "supervisor");
  for (const url of pages) expect((await supervisor.get(url)).status(), `supervisor ${url}`).toBe(200);
  expect(await (await supervisor.get("/trainer/scenarios")).text()).toContain(m["scenarioAuthor.everyoneRequested"]("王建国"));
  expect((await supervisor.post(edit, { form: { intent: "publish", everyone: "yes" } })).status()).toBe(200);
  expect((await trainee.get(`/practice/${id}?mode=practice`)).status()).toBe(200);
  expect((await supervisor.post(edit, { form: { intent: "retire", confirmed: "yes" } })).status()).toBe(200);
  expect((await trainee.get(`/practice/${id}?mode=practice`)).status()).toBe(404);
  expect(await (await trainee.get("/practice")).text()).not.toContain(id);
  expect(stored(server).find((s) => s.id === id)).toMatchObject({ versions: [{ version: 1, audience: "everyone" }] });
  // Unknown scenarios and versions are not found.
  expect((await trainer.get("/trainer/scenarios/org-aaaaaaaaaa")).status()).toBe(404);
  expect((await trainer.get(`${edit}/export?version=9`)).status()).toBe(404);
  await Promise.all([anonymous, trainee, trainer, supervisor].map((c) => c.dispose()));
});

test("a published authored scenario can be assigned to the team it is published to, not to another; the trainee finds it in their list, and sees it retired when it is", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const title = "自编情景：停水通知";
  // The trainer writes a scenario from the template, names it, and publishes it to 阳光花园 only.
  await signIn(page, "trainer");
  const created = await page.request.post("/trainer/scenarios", { form: { intent: "new" }, maxRedirects: 0 });
  const edit = created.headers()["location"].replace(/\?.*$/, "");
  const id = /\/(org-[a-z0-9]{10})$/.exec(edit)![1];
  expect((await page.request.post(edit, { form: { intent: "save-form", "title.zh": title, "title.en": "Our own: water cut notice" } })).status()).toBe(200);
  await page.goto(edit);
  await page.getByRole("checkbox", { name: "阳光花园" }).check();
  await page.getByRole("button", { name: m["scenarioAuthor.publishButton"] }).click();
  await expect(page.getByRole("status").first()).toHaveText(m["scenarioAuthor.published"](1));

  // It is offered among the work to assign, and assigned to 阳光花园.
  await page.goto("/trainer/assignments/new");
  await hydrated(page); // a choice or a click made while React hydrates can be lost
  const label = m["assign.kind.scenario"](title, m["practice.mode.practice"]);
  await page.getByLabel(m["assign.what"]).selectOption({ label });
  await page.getByLabel(m["assign.who"]).selectOption({ label: m["assign.wholeTeam"]("阳光花园") });
  const lakeside = await page.locator('select[name="audience"] option', { hasText: m["assign.wholeTeam"]("翠湖苑") }).getAttribute("value");
  const due = tomorrow();
  await page.getByLabel(m["assign.due"]).fill(due);
  await page.getByRole("button", { name: m["assign.submit"] }).click();
  await expect(page).toHaveURL(/\/trainer$/);
  await expect(page.getByRole("region", { name: m["assign.open"] }).first()).toContainText(title);

  // The other team the trainer trains is refused by the server, in the trainer's language, and nothing is written.
  const toLakeside = { work: `scenario:${id}:practice`, audience: lakeside!, due, note: "" };
  const refused = await page.request.post("/trainer/assignments/new", { form: toLakeside, maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain(m["assign.error.notPublishedTo"](title));
  await page.context().addCookies([{ name: "lang", value: "en", url: page.url() }]);
  const refusedEn = await page.request.post("/trainer/assignments/new", { form: toLakeside, maxRedirects: 0 });
  expect(refusedEn.status()).toBe(403);
  expect(await refusedEn.text()).toContain(en["assign.error.notPublishedTo"]("Our own: water cut notice"));
  await page.context().clearCookies({ name: "lang" });
  await signOut(page);

  // The trainee of 阳光花园 sees it in their list, linked to the call.
  await signIn(page, "trainee");
  await page.goto("/");
  const mine = page.getByRole("region", { name: m["assign.mine"] });
  const link = mine.getByRole("link", { name: m["assign.kind.scenario"](title, m["practice.mode.practice"]) });
  await expect(link).toHaveAttribute("href", `/practice/${id}?mode=practice`);
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await signOut(page);

  // Retired by a supervisor, it stays in the trainee's list by its title, saying so, with no link to a call
  // that can no longer be played.
  await signIn(page, "supervisor");
  expect((await page.request.post(edit, { form: { intent: "retire", confirmed: "yes" } })).status()).toBe(200);
  await signOut(page);
  await signIn(page, "trainee");
  await page.goto("/");
  const entry = page.getByRole("region", { name: m["assign.mine"] }).locator("li", { hasText: title });
  await expect(entry).toContainText(m["assign.scenarioRetired"]);
  await expect(entry.getByRole("link")).toHaveCount(0);
  await signOut(page);
});

test("the authoring pages have no serious accessibility violations, at 1280 and 375 px, in Chinese and English", async ({ page, server }) => {
  test.setTimeout(180_000);
  const trainer = await signedIn(server.base, "trainer");
  const created = await trainer.post("/trainer/scenarios", { form: { intent: "copy", scenario: "angry-owner" }, maxRedirects: 0 });
  const edit = created.headers()["location"].replace(/\?.*$/, "");
  await trainer.post(edit, {
    form: { intent: "save-yaml", yaml: readFileSync("scenarios/angry-owner.yaml", "utf8").replace("goto: hotline-threat", "goto: nowhere") },
  });
  await trainer.dispose();
  await signIn(page, "trainer");
  for (const lang of ["zh-CN", "en"]) {
    if (lang === "en") await page.context().addCookies([{ name: "lang", value: "en", url: server.base }]);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of ["/trainer/scenarios", edit]) {
        await page.goto(url);
        await expectNoSeriousViolations(page, `${url} at ${width}px, ${lang}`);
      }
    }
  }
});
