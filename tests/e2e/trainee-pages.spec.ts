import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parseYaml } from "../../app/utils/yaml";
import { settings } from "../../app/config.server";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { formatDate, formatDateTime } from "../../app/utils/dates";
import { createAccount, expectNoSeriousViolations, signIn, uniqueName } from "./helpers";
import { answerQuiz } from "./knowledge";

/** Issue 18, items 13–16: what a trainee sees on the quiz, role-play, progress and certificate pages. */

async function newTrainee(page: Page, name = "页面学员") {
  const username = uniqueName("tp");
  await createAccount({ username, displayName: name });
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

/** The demo's certified trainee's certificate, as the store holds it. */
function liufangCertificate(): { id: string; issuedAt: string; expiresAt: string; name: string } {
  const stored = JSON.parse(readFileSync(path.resolve(process.env.E2E_DATA_DIR!, "certificates.json"), "utf8")) as {
    certificates: Array<{ id: string; issuedAt: string; expiresAt: string; name: string }>;
  };
  return stored.certificates.find((c) => c.name === "刘芳")!;
}

const A4 = { width: 595.28, height: 841.89 }; // points
const MM = 96 / 25.4; // CSS pixels per millimetre

test("item 16: the certificate names its issuer, holder, dates and a short code with its address and QR code, prints on one A4 page, and verifies by code", async ({
  page,
  browser,
  baseURL,
}) => {
  const stored = liufangCertificate();
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await signIn(page, "liufang");
  await page.getByRole("link", { name: m["cert.view"] }).click();
  await expect(page).toHaveURL(new RegExp(`/certificates/${stored.id}$`));

  await expect(page.getByTestId("cert-issuer")).toHaveText(settings.organisationName());
  await expect(page.getByTestId("cert-name")).toHaveText(stored.name);
  await expect(page.getByTestId("cert-issued")).toHaveText(formatDate(stored.issuedAt, "zh-CN"));
  await expect(page.getByTestId("cert-expires")).toHaveText(formatDate(stored.expiresAt, "zh-CN"));
  await expect(page.getByTestId("cert-status")).toHaveText(m["cert.valid"]);
  const code = await page.getByTestId("cert-code").innerText();
  // Ten characters in two groups, none of them 0/O or 1/I/L.
  expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
  const url = `${baseURL}/certificates/${code}`;
  await expect(page.getByTestId("cert-url")).toHaveText(url);
  const qr = page.getByRole("img", { name: m["cert.qrLabel"](url) });
  await expect(qr).toBeVisible();
  expect(await qr.innerHTML()).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);

  // The print button prints; printed, the certificate fills the A4 sheet inside its margins, alone, on one page.
  await page.getByRole("button", { name: m["cert.print"] }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(1);
  const [, width, height] = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString("latin1"))!;
  expect(Math.abs(Number(width) - A4.width)).toBeLessThan(1);
  expect(Math.abs(Number(height) - A4.height)).toBeLessThan(1);
  await page.emulateMedia({ media: "print" });
  const box = (await page.getByRole("article").boundingBox())!;
  expect(box.height).toBeGreaterThan(250 * MM);
  expect(box.width).toBeGreaterThan(170 * MM);
  await expect(page.getByRole("button", { name: m["cert.print"] })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // Anyone, signed out, checks it by its code as read out: any case, without the dash, with spaces.
  const stranger = await browser.newPage();
  const byCode = await stranger.goto(`/certificates/${encodeURIComponent(` ${code.toLowerCase().replace("-", " ")} `)}`);
  expect(byCode?.status()).toBe(200);
  await expect(stranger.getByTestId("cert-name")).toHaveText(stored.name);
  // Valid or not is in the page the server sent, not worked out by a script.
  expect(await byCode!.text()).toContain(m["cert.valid"]);
  // Whoever came by the code is not handed the link's secret.
  expect(await byCode!.text()).not.toContain(stored.id);

  // Or types it into the verification form, which leads to the certificate.
  await stranger.goto("/certificates");
  await stranger.getByLabel(m["cert.lookup.field"]).fill(code.replace("-", "").toLowerCase());
  await stranger.getByRole("button", { name: m["cert.lookup.submit"] }).click();
  await expect(stranger).toHaveURL(new RegExp(`/certificates/${code}$`));
  await expect(stranger.getByTestId("cert-status")).toHaveText(m["cert.valid"]);
  // A code that is no certificate's is refused in words, with a 404.
  const wrong = code.startsWith("2") ? code.replace(/^2/, "3") : `2${code.slice(1)}`;
  await stranger.goto("/certificates");
  await stranger.getByLabel(m["cert.lookup.field"]).fill(wrong);
  await stranger.getByRole("button", { name: m["cert.lookup.submit"] }).click();
  await expect(stranger.getByText(m["cert.lookup.notFound"](wrong))).toBeVisible();
  expect((await stranger.request.get(`/certificates?code=${wrong}`)).status()).toBe(404);
  expect((await stranger.request.get(`/certificates/${wrong}`)).status()).toBe(404);
  await stranger.close();
});

test("the pages changed for items 13–16 have no serious accessibility violations, at 1280 and 375 px", async ({ page }) => {
  test.setTimeout(120_000);
  const certificate = `/certificates/${liufangCertificate().id}`;
  await newTrainee(page, "无障碍页面学员");
  await page.goto("/practice/angry-owner?mode=practice");
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  // The call has started once its first turn shows: leaving before that can cancel the start (seen once).
  await expect(page.getByText(m["practice.suggestions"], { exact: true })).toBeVisible();
  await page.goto("/quiz/core-process");
  await page.getByRole("button", { name: m["quiz.start"] }).click();
  await answerQuiz(page, false);
  await page.getByRole("button", { name: m["quiz.submit"] }).click();
  await expect(page.getByTestId("quiz-next-try")).toBeVisible();
  const result = new URL(page.url()).pathname;
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    // Home and the quiz list are checked at 1280 px by accessibility.spec.ts: here only on the phone.
    const checkedElsewhere = width === 1280 ? ["/", "/quiz"] : [];
    for (const url of [
      "/quiz",
      "/quiz/core-process",
      "/quiz/communication-skills",
      result,
      "/learn/service-overview",
      "/",
      certificate,
      "/certificates",
      "/certificates?code=AAAAA",
    ].filter((url) => !checkedElsewhere.includes(url))) {
      await page.goto(url);
      await expectNoSeriousViolations(page, `${url} @${width}`);
    }
    await page.goto("/practice/angry-owner?mode=practice");
    await page.getByText(m["practice.suggestions"], { exact: true }).click();
    await expectNoSeriousViolations(page, `practice with the suggestions open @${width}`);
  }
});
