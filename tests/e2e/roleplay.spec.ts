import { expect, test, type Page } from "@playwright/test";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { createAccount, hydrated, signIn, signOut, uniqueName } from "./helpers";

/** Replies a well-trained trainee might type in angry-owner, by the owner's line. */
const GOOD_ANGRY_OWNER: Array<[RegExp, string]> = [
  [/第三次了/, "刘女士您好，真是抱歉，同一个问题让您报了三次，换谁都会生气。我跟您确认一下：是3栋1202卫生间天花板又漏水了，对吗？"],
  [/我现在就打12345/, "刘女士，真的对不起，让您更着急了。这件事我来负责，我现在就通知工程部值班师傅，20分钟内到您家。"],
  [/顺着卫生间的灯/, "理解您的担心，您做得对，千万别开灯。麻烦您先把配电箱里卫生间那一路的开关拉下来，拿个盆接一下水。楼上是1302对吧？方便留一个联系电话吗？"],
  [/什么时候来人/, "我现在就通知工程部值班师傅，30分钟内到您家先看漏点、做临时处理，到之前师傅会先给您打电话。"],
  [/准话/, "抱歉没说清楚，值班师傅30分钟内到，到之前他会先给您打电话。"],
  [/1302那家/, "1302这边由我们来联系，您不用再上去敲门了。我今晚就打他们登记的电话，有结果我第一时间告诉您。"],
  [/物业费就不交/, "理解您的不满，同一个问题反复出现，确实是我们没做好。这次我全程跟进：今晚先止住漏水，明天下午5点前工程部给您修复方案，修好后我会回访您。"],
  [/我姓刘/, "好的刘女士，电话13812345678我记下了。师傅30分钟内到，今晚10点前我再给您回个电话。给您添麻烦了，谢谢您的耐心。"],
];

const RUDE = "喂，急什么，这不是我们的责任，你自己去找楼上。";

async function newTrainee(page: Page) {
  const username = uniqueName("rp");
  await createAccount({ username, displayName: "演练学员" });
  await signIn(page, username, "password123");
  return username;
}

async function start(page: Page, scenario: string, mode: "practice" | "assessment") {
  await page.goto(`/practice/${scenario}?mode=${mode}`);
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  await expect(page.getByTestId("owner-line")).toBeVisible();
}

async function reply(page: Page, text: string) {
  const turn = await page.locator('input[name="turn"]').first().inputValue();
  await page.getByLabel(m["practice.reply"]).fill(text);
  await page.getByRole("button", { name: m["practice.send"] }).click();
  // The next turn, or the report.
  await expect(page.locator(`input[name="turn"][value="${turn}"]`)).toHaveCount(0);
}

async function playUntilReport(page: Page, answer: (ownerLine: string) => string) {
  for (let i = 0; i < 20; i++) {
    if (await page.getByTestId("verdict").isVisible()) return;
    const line = await page.getByTestId("owner-line").innerText();
    await reply(page, answer(line));
  }
  throw new Error("the scenario did not end");
}

test("a trainee handles angry-owner well in assessment mode and passes", async ({ page }) => {
  await newTrainee(page);
  await start(page, "angry-owner", "assessment");
  await hydrated(page);
  // Assessment mode: no hints, no suggested replies.
  await expect(page.getByText(m["practice.hint"])).toHaveCount(0);
  // The reply box is named by its label alone; the hint and the count describe it.
  await expect(page.getByRole("textbox", { name: m["practice.reply"], exact: true })).toHaveAccessibleDescription(/0\/2000/);
  await playUntilReport(page, (line) => GOOD_ANGRY_OWNER.find(([pattern]) => pattern.test(line))?.[1] ?? "好的，我马上处理。");
  await expect(page.getByTestId("verdict")).toHaveText(m["report.passed"]);
  for (const d of ["倾听", "共情", "措辞"]) await expect(page.locator(".score-list")).toContainText(new RegExp(`${d} \\d+`));
  await expect(page.locator(".report-turn")).toHaveCount(6);
});

test("a rude trainee fails angry-owner while the owner escalates", async ({ page }) => {
  await newTrainee(page);
  await start(page, "angry-owner", "assessment");
  const before = await page.getByTestId("emotion").innerText();
  await reply(page, RUDE);
  const after = await page.getByTestId("emotion").innerText();
  expect(parseInt(after)).toBeGreaterThan(parseInt(before));
  await expect(page.getByTestId("owner-line")).toContainText("12345");
  await playUntilReport(page, () => RUDE);
  await expect(page.getByTestId("verdict")).toHaveText(m["report.notPassed"]);
  await expect(page.getByText(m["report.outcome.escalated"]).first()).toBeVisible();
  // The report shows the trainee's own words marked, with a better wording.
  await expect(page.locator(".mark--issue").first()).toBeVisible();
  await expect(page.getByText("这件事我来帮您联系相关部门处理，有结果我第一时间告诉您。").first()).toBeVisible();
});

test("lift-entrapment: never calling the maintenance company fails on the critical error", async ({ page }) => {
  await newTrainee(page);
  await start(page, "lift-entrapment", "assessment");
  await expect(page.getByTestId("clock")).toBeVisible();
  await playUntilReport(page, () => "您好，请不要扒门，您别着急，我一直在这儿陪着您，请问电梯里一共几个人？有没有老人或者小孩？");
  await expect(page.getByTestId("verdict")).toHaveText(m["report.notPassed"]);
  await expect(page.locator(".critical")).toContainText("维保");
});

test("owners answer what they are asked: the neighbour at the counter before the guard's report, the son in his next line", async ({ page }) => {
  await newTrainee(page);
  await start(page, "elderly-alone", "assessment");
  await hydrated(page);
  await reply(page, "阿姨您先别急，这事不能等。您最后一次见王大爷是哪天？他平时身体怎么样？我马上让保安小孙上去敲门，再给王大爷打电话。");
  // Asked of Mrs Liu, she answers in the narration; the guard on the radio says only his own report.
  await expect(page.locator(".current-turn .narration")).toContainText("刘阿姨想了想：“周六下午四点多");
  await expect(page.locator(".current-turn .narration")).toContainText("他心脏不好");
  await expect(page.getByTestId("owner-line")).toHaveText(/^客服，我在6栋703门口/);

  await start(page, "lift-entrapment", "assessment");
  await reply(page, "陈先生，我听到了，您别慌。您在5栋几号梯，停在几楼？阿姨平时有没有高血压、心脏病？");
  await expect(page.getByTestId("owner-line")).toHaveText(/^我妈有高血压，降压药没带在身上。5栋！2号梯！/);
});

test("a reload mid-attempt resumes it where it was", async ({ page }) => {
  await newTrainee(page);
  await start(page, "angry-owner", "practice");
  await hydrated(page);
  await reply(page, GOOD_ANGRY_OWNER[0][1]);
  const line = await page.getByTestId("owner-line").innerText();
  await page.reload();
  await expect(page.getByTestId("owner-line")).toHaveText(line);
  await expect(page.locator(".chat > li")).toHaveCount(1);
  // Practice mode: feedback on the last reply, with its findings.
  await expect(page.getByRole("heading", { name: m["practice.lastFeedback"] })).toBeVisible();
});

test("a fault that costs several dimensions is listed once, with each dimension's points", async ({ page }) => {
  await newTrainee(page);
  await start(page, "angry-owner", "practice");
  await reply(page, "这个不归我们管，你找楼上去。");
  const taboo = page.locator('li[data-rule="brush-off"]');
  await expect(taboo).toHaveCount(1);
  await expect(taboo).toContainText(/倾听 -\d+.*共情 -\d+.*措辞 -\d+.*推诿/);
  await expect(taboo.locator(".finding__suggestion")).toHaveCount(1);
});

test("a reply to a turn already answered in another window is refused with a message, and what was typed is kept", async ({ page }) => {
  await newTrainee(page);
  await start(page, "angry-owner", "practice");
  const other = await page.context().newPage();
  await other.goto("/practice/angry-owner?mode=practice");
  await hydrated(page);
  await hydrated(other);
  await reply(page, GOOD_ANGRY_OWNER[0][1]);
  await other.getByLabel(m["practice.reply"]).fill("您好，请问有什么可以帮您？");
  await other.getByRole("button", { name: m["practice.send"] }).click();
  await expect(other.getByRole("alert")).toContainText("已经在别的窗口或设备上回复过了");
  // The other window catches up: the first window's reply is the recorded one, and the draft is still there.
  await expect(other.locator(".chat > li")).toHaveCount(1);
  await expect(other.locator(".chat > li")).toContainText("刘女士您好");
  await expect(other.getByLabel(m["practice.reply"])).toHaveValue("您好，请问有什么可以帮您？");
  await expect(other.locator('input[name="turn"]').first()).toHaveValue("2");
});

test("a reply being typed survives a reload, and is gone once sent", async ({ page }) => {
  await newTrainee(page);
  await start(page, "angry-owner", "practice");
  await hydrated(page);
  await page.getByLabel(m["practice.reply"]).fill("刘女士您好，我先跟您确认一下");
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel(m["practice.reply"])).toHaveValue("刘女士您好，我先跟您确认一下");
  await page.getByLabel(m["practice.reply"]).fill(GOOD_ANGRY_OWNER[0][1]);
  await page.getByRole("button", { name: m["practice.send"] }).click();
  await expect(page.locator('input[name="turn"]').first()).toHaveValue("2");
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel(m["practice.reply"])).toHaveValue("");

  // Signing out forgets what was kept in the tab: a desk computer is often shared.
  await page.getByLabel(m["practice.reply"]).fill("还没发出去的回复");
  await expect.poll(() => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("reply-draft:")).length)).toBe(1);
  await signOut(page);
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("reply-draft:")).length)).toBe(0);
});

test("with JavaScript a reply is one request, answered with the next turn and its feedback", async ({ page }) => {
  await newTrainee(page);
  await start(page, "angry-owner", "practice");
  await hydrated(page);
  const requests: string[] = [];
  page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  const first = await page.getByTestId("owner-line").innerText();
  await reply(page, GOOD_ANGRY_OWNER[0][1]);
  await expect(page.getByTestId("owner-line")).not.toHaveText(first);
  await expect(page.locator(".chat > li")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: m["practice.lastFeedback"] })).toBeVisible();
  expect(requests).toEqual(["POST /practice/angry-owner.data"]);
  // The page's own data, fetched again, agrees with what the reply's answer showed.
  const shown = await page.getByTestId("owner-line").innerText();
  await page.reload();
  await expect(page.getByTestId("owner-line")).toHaveText(shown);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a turn works with plain form posts", async ({ page }) => {
    await newTrainee(page);
    await start(page, "angry-owner", "practice");
    await page.getByLabel(m["practice.reply"]).fill(GOOD_ANGRY_OWNER[0][1]);
    await page.getByRole("button", { name: m["practice.send"] }).click();
    await expect(page.locator(".chat > li")).toHaveCount(1);
    await expect(page.getByTestId("owner-line")).not.toContainText("第三次了");
  });
});

test.describe("bad input", () => {
  test("over-long, replayed, finished and foreign turns are refused; unknown scenarios are 404", async ({ page, browser }) => {
    await newTrainee(page);
    expect((await page.goto("/practice/no-such-scenario"))?.status()).toBe(404);
    await start(page, "angry-owner", "practice");
    const attemptId = await page.locator('input[name="attemptId"]').first().inputValue();
    const post = (form: Record<string, string>) => page.request.post(`/practice/angry-owner?mode=practice`, { form, maxRedirects: 0 });

    const long = await post({ intent: "reply", attemptId, turn: "1", text: "好".repeat(2001) });
    expect(long.status()).toBe(400);

    // The same turn posted twice advances the machine once; a different reply to a turn already answered is refused.
    const first = await post({ intent: "reply", attemptId, turn: "1", text: GOOD_ANGRY_OWNER[0][1] });
    expect(first.status()).toBe(302);
    const again = await post({ intent: "reply", attemptId, turn: "1", text: GOOD_ANGRY_OWNER[0][1] });
    expect(again.status()).toBe(302);
    const different = await post({ intent: "reply", attemptId, turn: "1", text: RUDE });
    expect(different.status()).toBe(409);
    await page.reload();
    await expect(page.locator(".chat > li")).toHaveCount(1);
    await expect(page.locator(".chat > li")).toContainText("刘女士您好");

    // Another trainee may not answer this attempt.
    const other = await browser.newPage();
    await newTrainee(other);
    const foreign = await other.request.post(`/practice/angry-owner?mode=practice`, {
      form: { intent: "reply", attemptId, turn: "2", text: "您好" },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(403);
    expect((await other.goto(`/practice/angry-owner/attempts/${attemptId}`))?.status()).toBe(403);

    // A counter-example is shown as what not to say and has no button: posting its index is refused.
    const counterExample = await post({ intent: "choose", attemptId, turn: "2", index: "1" });
    expect(counterExample.status()).toBe(400);

    // Play to the end with suggested replies, then reply once more.
    for (let turn = 2; turn < 15; turn++) {
      const res = await post({ intent: "choose", attemptId, turn: String(turn), index: "0" });
      if (res.headers()["location"]?.includes("/attempts/")) break;
    }
    const late = await post({ intent: "reply", attemptId, turn: "20", text: "您好" });
    expect(late.status()).toBe(409);
  });
});
