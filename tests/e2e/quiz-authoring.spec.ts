import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";
import type { Question } from "../../app/quiz/bank";
import { DEMO_PASSWORD, expectNoSeriousViolations, hydrated, signIn, signOut } from "./helpers";
import { answerQuiz, drawnKeys } from "./knowledge";
import { startOwnServer, type OwnServer } from "./servers";

/**
 * Quiz authoring (issue 20, item 2) on a server of its own: published questions join the quizzes of everyone on a
 * server, and the shared server's specs answer quizzes from the built-in banks alone. On this server the
 * core-process bank is cut to 7 questions, so an 8-question quiz draws all of them and every published
 * organisation question of the module: the draw is certain without touching the server's randomness.
 */

const BANK_SIZE = 7;

const test = base.extend<object, { server: OwnServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter
    async ({}, use) => {
      const content = mkdtempSync(path.join(os.tmpdir(), "wuye-e2e-content-"));
      cpSync("content", content, { recursive: true });
      for (const lang of ["zh-CN", "en"]) {
        const file = path.join(content, "quizzes", "core-process", `${lang}.md`);
        const text = readFileSync(file, "utf8");
        writeFileSync(file, text.slice(0, text.indexOf(`\n## cp-0${BANK_SIZE + 1} `) + 1));
      }
      const server = await startOwnServer({ env: { CONTENT_DIR: content, TEST_CLOCK: "1", SEED_DEMO: "1" } });
      await use(server);
      await server.discard();
      rmSync(content, { recursive: true, force: true });
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ server }, provide) => provide(server.base),
});

const MODULE_TITLE = /^title: (.+)$/m.exec(readFileSync("content/courseware/core-process/zh-CN.md", "utf8"))![1];
const STEM_V1 = "地下车库进水时，业主打来电话，客服第一步应该做什么？";
const STEM_V2 = "暴雨天地下车库开始进水，业主来电，客服第一步应该做什么？";
const OPTIONS = ["通知工程部到场并提醒业主挪车", "请业主自己打电话报警处理", "告诉业主车库进水不归物业管"];
const EXPLANATION = "先止损：派人到场查看，同时提醒业主挪车，再登记跟进。";

/** The question as a trainee who studied it knows it: the first option written is the right one. */
function known(key: string): Map<string, Question> {
  const id = key.split("/")[1];
  const question: Question = {
    id,
    type: "single",
    stem: STEM_V1,
    options: OPTIONS.map((text, i) => ({ id: "abc"[i], text })),
    correct: ["a"],
    explanation: EXPLANATION,
    source: { module: "core-process", section: "emergency-plans" },
  };
  return new Map([[key, question]]);
}

/** The Chinese box of option n (its name also carries the option's error, when there is one). */
const optionBox = (page: Page, n: number) =>
  page.getByRole("textbox", { name: new RegExp(`^${m["quizAuthor.option"](n)}(?!${m["quizAuthor.optionEn"](n).slice(m["quizAuthor.option"](n).length)})`) });

async function fillOptions(page: Page, options: string[]) {
  for (const [i, text] of options.entries()) await optionBox(page, i + 1).fill(text);
}

test("a trainer adds a question, previews it, publishes it, and it is drawn in a quiz; version 2 leaves the earlier result on version 1", async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  // The trainer finds the bank from the trainer page.
  await signIn(page, "trainer");
  await page.goto("/trainer");
  await page.getByRole("link", { name: m["quizAuthor.link"] }).click();
  await expect(page.getByRole("heading", { level: 1, name: m["quizAuthor.title"] })).toBeVisible();
  await page.getByRole("link", { name: `${m["quizAuthor.open"]}: ${MODULE_TITLE}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: m["quizAuthor.moduleTitle"](MODULE_TITLE) })).toBeVisible();
  await expect(page.getByText(m["quizAuthor.orgEmpty"])).toBeVisible();

  // A first try with no explanation, no section and a key three times as long as the others: refused at the fields.
  await page.getByRole("link", { name: m["quizAuthor.new"] }).click();
  await hydrated(page);
  await page.getByRole("textbox", { name: m["quizAuthor.stem"], exact: true }).fill(STEM_V1);
  await fillOptions(page, ["马上通知工程部派人到场查看，同时提醒业主尽快挪车", "让业主报警", "说不归物业"]);
  await page.getByLabel(m["quizAuthor.keyedN"](1)).check();
  await page.getByRole("button", { name: m["quizAuthor.save"] }).click();
  await expect(page.getByRole("alert")).toHaveText(m["form.fixErrors"]);
  await expect(page.getByLabel(m["quizAuthor.explanation"])).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(m["quizAuthor.problem.explanationRequired"])).toBeVisible();
  await expect(page.getByText(m["quizAuthor.problem.section"])).toBeVisible();
  await expect(page.getByText(m["quizAuthor.problem.keyStandsOut"])).toBeVisible();
  await expect(optionBox(page, 1)).toHaveAttribute("aria-invalid", "true");
  await expect(optionBox(page, 2)).not.toHaveAttribute("aria-invalid");

  // Fixed: saved as a draft, not yet drawn.
  await fillOptions(page, OPTIONS);
  await page.getByLabel(m["quizAuthor.section"]).selectOption("emergency-plans");
  await page.getByLabel(m["quizAuthor.explanation"]).fill(EXPLANATION);
  await page.getByRole("button", { name: m["quizAuthor.save"] }).click();
  await expect(page.getByRole("status")).toHaveText(m["quizAuthor.created"]);
  await expect(page.getByTestId("question-status")).toHaveText(m["quizAuthor.status.draft"]);
  const editUrl = page.url().replace(/\?.*$/, "");
  const id = /\/(org-[a-z0-9]{10})$/.exec(editUrl)![1];
  const key = `core-process/${id}`;

  // The preview: the question as a trainee answers it (no key), then as graded, with the explanation and the section.
  await page.getByRole("link", { name: m["quizAuthor.preview"], exact: true }).click();
  await expect(page.getByText(m["quizAuthor.previewOf.draft"])).toBeVisible();
  const taking = page.getByRole("region", { name: m["quizAuthor.previewTaking"] });
  await expect(taking.getByText(STEM_V1)).toBeVisible();
  for (const option of OPTIONS) await expect(taking.getByRole("radio", { name: option })).not.toBeChecked();
  await expect(taking).not.toContainText(EXPLANATION);
  await expect(taking).not.toContainText(m["quiz.result.correctAnswer"]);
  const graded = page.getByRole("region", { name: m["quizAuthor.previewGraded"] });
  await expect(graded).toContainText(EXPLANATION);
  await expect(graded.getByRole("definition").nth(1)).toHaveText(OPTIONS[0]);
  await expect(graded.getByRole("link", { name: "应急预案" })).toHaveAttribute("href", "/learn/core-process#emergency-plans");

  // Published: version 1.
  await page.getByRole("link", { name: m["quizAuthor.backToEdit"] }).click();
  await page.getByRole("button", { name: m["quizAuthor.publish"], exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(m["quizAuthor.published"](1));
  await expect(page.getByTestId("question-status")).toHaveText(m["quizAuthor.status.published"](1));
  await signOut(page);

  // A trainee's quiz draws it: the whole (cut) bank and the new question.
  await signIn(page, "trainee", DEMO_PASSWORD);
  await page.goto("/quiz/core-process");
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  const keys = await drawnKeys(page);
  expect(keys).toHaveLength(BANK_SIZE + 1);
  expect(keys).toContain(key);
  await expect(page.getByText(STEM_V1)).toBeVisible();
  await answerQuiz(page, true, known(key));
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await expect(page.getByTestId("quiz-verdict")).toHaveText(m["report.passed"]);
  const firstResult = page.url();
  await expect(page.getByText(STEM_V1)).toBeVisible();
  await signOut(page);

  // The trainer rewrites the stem: version 2.
  await signIn(page, "trainer");
  await page.goto(editUrl);
  await page.getByRole("textbox", { name: m["quizAuthor.stem"], exact: true }).fill(STEM_V2);
  await page.getByRole("button", { name: m["quizAuthor.save"] }).click();
  await expect(page.getByRole("status")).toHaveText(m["quizAuthor.saved"]);
  await expect(page.getByTestId("question-status")).toHaveText(m["quizAuthor.status.changed"](1));
  await page.getByRole("button", { name: m["quizAuthor.publish"], exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(m["quizAuthor.published"](2));
  await expect(page.getByTestId("versions").getByRole("listitem")).toHaveCount(2);
  await signOut(page);

  // The earlier result still shows version 1; a new quiz draws version 2.
  await signIn(page, "trainee", DEMO_PASSWORD);
  await page.goto(firstResult);
  await expect(page.getByText(STEM_V1)).toBeVisible();
  await expect(page.getByText(STEM_V2)).toHaveCount(0);
  await page.getByRole("link", { name: m["quiz.retake"] }).click();
  await page.getByRole("button", { name: m["quiz.retake"] }).click();
  expect(await drawnKeys(page)).toContain(key);
  await expect(page.getByText(STEM_V2)).toBeVisible();
  await expect(page.getByText(STEM_V1)).toHaveCount(0);
  await signOut(page);

  // Rolled back to version 1's text as version 3; then retired: drawn no more, history kept.
  await signIn(page, "trainer");
  await page.goto(editUrl);
  await page.getByRole("button", { name: m["quizAuthor.rollBack"](1) }).click();
  await expect(page.getByRole("status")).toHaveText(m["quizAuthor.rolledBack"](1, 3));
  await expect(page.getByRole("textbox", { name: m["quizAuthor.stem"], exact: true })).toHaveValue(STEM_V1);
  await page.getByRole("button", { name: m["quizAuthor.retire"] }).click();
  await page.getByRole("button", { name: m["quizAuthor.retireConfirm"], exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(m["quizAuthor.retiredNow"]);
  await expect(page.getByTestId("question-status")).toHaveText(m["quizAuthor.status.retired"]);
  await expect(page.getByTestId("versions").getByRole("listitem")).toHaveCount(3);
  const stored = JSON.parse(readFileSync(path.join(server.dataDir, "quiz-questions.json"), "utf8"));
  expect(stored.questions.map((q: { id: string; versions: unknown[]; retiredAt: string | null }) => [q.id, q.versions.length, q.retiredAt !== null])).toEqual([
    [id, 3, true],
  ]);
});

/** A signed-in request context of a demo account on this spec's server. */
async function signedIn(base: string, username: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: base });
  expect((await context.post("/login", { form: { username, password: DEMO_PASSWORD }, maxRedirects: 0 })).status()).toBe(302);
  return context;
}

const validQuestion = (stem: string) => ({
  intent: "save",
  type: "single",
  section: "reception-registration",
  "zh.stem": stem,
  "zh.option.0": "问候并确认需求",
  "zh.option.1": "直接派单给工程部",
  "zh.option.2": "先查业主的欠费",
  correct: "a",
  "zh.explanation": "先问候、再确认需求。",
});

test("every role: trainers and supervisors write questions, trainees are refused, anonymous visitors are sent to sign in", async ({ server }) => {
  const trainer = await signedIn(server.base, "trainer");
  const created = await trainer.post("/trainer/quizzes/core-process/new", { form: validQuestion("访问检查用的题目：接到报修电话先做什么？"), maxRedirects: 0 });
  expect(created.status()).toBe(302);
  const edit = created.headers()["location"].replace(/\?.*$/, "");
  const pages = ["/trainer/quizzes", "/trainer/quizzes/core-process", "/trainer/quizzes/core-process/new", edit, `${edit}/preview`];
  const posts: Array<[string, Record<string, string>]> = [
    ["/trainer/quizzes/core-process", { intent: "copy", builtInId: "cp-01" }],
    ["/trainer/quizzes/core-process/new", validQuestion("学员不该能新建的题目？")],
    [edit, { intent: "publish" }],
    [edit, { intent: "retire", confirmed: "yes" }],
  ];

  const anonymous = await playwrightRequest.newContext({ baseURL: server.base });
  const trainee = await signedIn(server.base, "trainee");
  for (const url of pages) {
    expect((await anonymous.get(url, { maxRedirects: 0 })).headers()["location"], url).toMatch(/^\/login/);
    expect((await trainee.get(url)).status(), `trainee ${url}`).toBe(403);
  }
  for (const [url, form] of posts) {
    expect((await anonymous.post(url, { form, maxRedirects: 0 })).headers()["location"], url).toMatch(/^\/login/);
    expect((await trainee.post(url, { form, maxRedirects: 0 })).status(), `trainee ${url}`).toBe(403);
  }
  // Nothing the refused posts sent was kept: still one question, a draft.
  const stored = () => JSON.parse(readFileSync(path.join(server.dataDir, "quiz-questions.json"), "utf8")).questions;
  expect(stored().filter((q: { id: string }) => edit.endsWith(q.id))).toMatchObject([{ versions: [], retiredAt: null }]);

  // A supervisor may do everything a trainer may (publish for the whole organisation, retire).
  const supervisor = await signedIn(server.base, "supervisor");
  for (const url of pages) expect((await supervisor.get(url)).status(), `supervisor ${url}`).toBe(200);
  expect((await supervisor.post(edit, { form: { intent: "publish" }, maxRedirects: 0 })).status()).toBe(200);
  expect(stored().find((q: { id: string }) => edit.endsWith(q.id)).versions).toHaveLength(1);
  for (const url of pages) expect((await trainer.get(url)).status(), `trainer ${url}`).toBe(200);
  // A question of another module, or no question at all, is not found.
  expect((await trainer.get(edit.replace("core-process", "service-overview"))).status()).toBe(404);
  expect((await trainer.get("/trainer/quizzes/core-process/org-aaaaaaaaaa")).status()).toBe(404);
  expect((await trainer.get("/trainer/quizzes/no-such-module")).status()).toBe(404);
  await Promise.all([anonymous, trainee, trainer, supervisor].map((c) => c.dispose()));
});

test("hostile input: never a 5xx, each refusal a 4xx that says why, nothing written half-way, authored text escaped", async ({ page, server }) => {
  test.setTimeout(90_000);
  const trainer = await signedIn(server.base, "trainer");
  const created = await trainer.post("/trainer/quizzes/core-process/new", { form: validQuestion("敌意输入检查用的题目：先做什么？"), maxRedirects: 0 });
  const edit = created.headers()["location"].replace(/\?.*$/, "");
  const file = path.join(server.dataDir, "quiz-questions.json");
  const before = readFileSync(file, "utf8");
  const hostile = ["", "<script>alert(1)</script>", "\u0000\u0007\u001b[31m", "../../../etc/passwd", "😀".repeat(3000), "a".repeat(70_000)];
  const fields = ["intent", "type", "section", "zh.stem", "zh.option.0", "zh.option.1", "zh.option.2", "correct", "zh.explanation", "version", "builtInId"];
  for (const url of ["/trainer/quizzes/core-process", "/trainer/quizzes/core-process/new", edit]) {
    const attempts: Array<Parameters<APIRequestContext["post"]>[1]> = [
      { form: {} },
      ...hostile.map((v) => ({ form: Object.fromEntries(fields.map((f) => [f, v])) })),
      ...hostile.map((v) => ({ form: { ...validQuestion(v), "zh.explanation": "" } })),
      { form: { intent: "rollback", version: "-1" } },
      { form: { intent: "save", type: "single", correct: "z" } },
      { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: `intent=save&zh.stem=${"x".repeat(2 * 1024 * 1024)}` },
    ];
    for (const options of attempts) {
      const res = await trainer.post(url, { ...options, maxRedirects: 0 });
      const what = `${url} ${JSON.stringify(options).slice(0, 80)}`;
      expect(res.status(), what).toBeGreaterThanOrEqual(400);
      expect(res.status(), what).toBeLessThan(500);
      expect((await res.text()).length, what).toBeGreaterThan(0);
    }
  }
  expect(readFileSync(file, "utf8"), "nothing written by refused posts").toBe(before);

  // Hostile text that passes the checks is kept as typed and shown as text, in the editor, the list and the preview.
  const script = '<img src=x onerror="window.__hacked=1"><script>window.__hacked=1</script>';
  // In a wrong option: the key must not stand out by length.
  const saved = await trainer.post(edit, { form: { ...validQuestion(`${script}业主问：先做什么？`), "zh.option.1": `${script}派单` }, maxRedirects: 0 });
  expect(saved.status()).toBe(200);
  await signIn(page, "trainer");
  for (const url of [edit, "/trainer/quizzes/core-process", `${edit}/preview`]) {
    await page.goto(url);
    await expect(page.getByText(`${script}业主问：先做什么？`).first()).toBeVisible();
    expect(await page.evaluate(() => (window as { __hacked?: number }).__hacked)).toBeUndefined();
    await expect(page.locator("main img")).toHaveCount(0);
  }
  await trainer.dispose();
});

test("the authoring pages have no serious accessibility violations, at 1280 and 375 px", async ({ page, server }) => {
  test.setTimeout(180_000);
  const trainer = await signedIn(server.base, "trainer");
  const created = await trainer.post("/trainer/quizzes/core-process/new", { form: validQuestion("无障碍检查用的题目：先做什么？"), maxRedirects: 0 });
  const edit = created.headers()["location"].replace(/\?.*$/, "");
  await trainer.dispose();
  await signIn(page, "trainer");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const url of ["/trainer/quizzes", "/trainer/quizzes/core-process", "/trainer/quizzes/core-process/new?type=order", edit, `${edit}/preview`]) {
      await page.goto(url);
      await expectNoSeriousViolations(page, `${url} at ${width}px`);
    }
  }
});
