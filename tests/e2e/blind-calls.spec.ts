import { expect, request, test, type BrowserContext, type Page } from "@playwright/test";
import { readBlindCalls, readCallDisagreements, replayCall, type BlindCall } from "../../app/calibration/blind-calls";
import { zhCN as m } from "../../app/i18n/zh-CN";
import { readAllScenarios } from "../../app/roleplay/scenario-files.server";
import { readLexicon } from "../../app/scoring/lexicon-files.server";
import { createReplyScorer } from "../../app/scoring/score-reply";
import { createAccount, uniqueName } from "./helpers";

/**
 * Whole calls written by people who never saw the rules (tests/fixtures/scoring/blind/calls-*.jsonl), played in
 * assessment mode against the real server and store: for every scenario, an expert's call passes and a poor one
 * fails, as the trainers who read them judged, and the report in the browser says so. A call is taken if it runs to
 * its end on today's engine (one whose owner now answers differently than the writer saw runs out of replies).
 * What is judged here is the server's scoring of whole calls: the call is started on the page, and its replies are
 * posted as the reply form posts them (the form itself is driven in the browser in roleplay.spec.ts).
 */
const scripts = new Map(readAllScenarios().map((s) => [s.id, s]));
const score = createReplyScorer(readLexicon());
// A call whose trainer and the domain's rule disagree is written down there, not played here as the trainer's verdict.
const disagreements = readCallDisagreements();
const tuned = readBlindCalls("tune").filter((c) => !disagreements[c.id]);
const all = [...tuned, ...readBlindCalls("heldout").filter((c) => !disagreements[c.id])];

/**
 * The first call of the scenario by this kind of writer that the trainers judged as given and that runs to its end.
 * Experts come from the half tuned on (held-out experts are reported by `npm run calibration`, not held to yet).
 */
function firstFinished(scenario: string, writer: "expert" | "poor"): BlindCall | undefined {
  const verdict = writer === "expert" ? "pass" : "fail";
  return (writer === "expert" ? tuned : all).find(
    (c) => c.scenario === scenario && c.writer === writer && c.verdict === verdict && replayCall(c, scripts.get(scenario)!, score).result !== null,
  );
}

/**
 * One trainee plays every call of this file (two assessments of each scenario, within the three a period allows):
 * an account and a sign-in for each of 24 calls cost the server more than the calls themselves.
 */
let trainee: Parameters<BrowserContext["addCookies"]>[0] = [];
test.beforeAll(async () => {
  const username = uniqueName("blind");
  await createAccount({ username, displayName: "盲测学员" });
  const api = await request.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT}` });
  expect((await api.post("/login", { form: { username, password: "password123" }, maxRedirects: 0 })).status(), "the trainee signs in").toBe(302);
  trainee = (await api.storageState()).cookies;
  await api.dispose();
});

/** Plays the call as the file's trainee and opens its report in the browser. */
async function play(page: Page, call: BlindCall) {
  await page.context().addCookies(trainee);
  const url = `/practice/${call.scenario}?mode=assessment`;
  await page.goto(url);
  await page.getByRole("button", { name: m["practice.start.button"] }).click();
  const attemptId = await page.locator('input[name="attemptId"]').first().inputValue();
  let report: string | undefined;
  for (const [i, text] of call.replies.entries()) {
    const res = await page.request.post(url, { form: { intent: "reply", attemptId, turn: String(i + 1), text }, maxRedirects: 0 });
    expect(res.status(), `reply ${i + 1} of ${call.scenario}`).toBe(302);
    report = res.headers()["location"];
    if (report?.includes("/attempts/")) break;
  }
  expect(report, `${call.scenario}: the call ends`).toContain(`/attempts/${attemptId}`);
  await page.goto(report!);
}

for (const scenario of scripts.keys()) {
  test.describe(`blind calls: ${scenario}`, () => {
    test.describe.configure({ timeout: 180_000 });

    for (const [writer, verdict] of [
      ["expert", m["report.passed"]],
      ["poor", m["report.notPassed"]],
    ] as const) {
      test(`${writer === "expert" ? "an expert's call passes" : "a poor call fails"} in assessment mode`, async ({ page }) => {
        const call = firstFinished(scenario, writer);
        expect(call, `no ${writer} call of ${scenario} judged as expected runs to its end on today's engine`).toBeDefined();
        await play(page, call!);
        await expect(page.getByTestId("verdict")).toHaveText(verdict);
      });
    }
  });
}
