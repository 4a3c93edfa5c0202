import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { parseYaml } from "../../app/utils/yaml";
import { parseBank, type Question } from "../../app/quiz/bank";

/**
 * What a trainee who studied would know: the question banks and the scenario scripts, read from the repository.
 * The browser never receives answers; the tests act as a well-prepared (or a careless) person would.
 */
const banks = new Map<string, Question>();
for (const slug of ["service-overview", "core-process", "communication-skills", "tools-and-systems", "problem-handling", "evaluation-and-improvement"]) {
  const file = path.resolve("content/quizzes", slug, "zh-CN.md");
  for (const q of parseBank(readFileSync(file, "utf8"), file, "zh-CN").questions) banks.set(`${slug}/${q.id}`, q);
}

export function bankQuestion(key: string): Question {
  const q = banks.get(key);
  if (!q) throw new Error(`unknown question ${key}`);
  return q;
}

/** The drawn questions' keys, from the form's field names. */
export async function drawnKeys(page: Page): Promise<string[]> {
  // The submit button closes the form: once it is there, every question has been parsed.
  await expect(page.getByRole("button", { name: "交卷" })).toBeVisible();
  const names = await page.locator(".quiz-form [name^='a.'], .quiz-form [name^='o.']").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name));
  const keys = names.map((n) => (n.startsWith("a.") ? n.slice(2) : n.slice(2, n.lastIndexOf("."))));
  return [...new Set(keys)];
}

/** Answers every drawn question, correctly or (when `right` is false) wrongly; `also` knows questions beyond the banks. */
export async function answerQuiz(page: Page, right: boolean, also: ReadonlyMap<string, Question> = new Map()) {
  for (const key of await drawnKeys(page)) {
    const q = also.get(key) ?? bankQuestion(key);
    if (q.type === "order") {
      const order = right ? q.correct : [...q.correct].reverse();
      for (const [i, id] of order.entries()) await page.locator(`select[name="o.${key}.${id}"]`).selectOption(String(i + 1));
    } else if (q.type === "multiple") {
      const ids = right ? q.correct : [q.correct[0]];
      for (const id of ids) await page.locator(`input[name="a.${key}"][value="${id}"]`).check();
    } else {
      const id = right ? q.correct[0] : q.options.find((o) => !q.correct.includes(o.id))!.id;
      await page.locator(`input[name="a.${key}"][value="${id}"]`).check();
    }
  }
}

interface Script {
  turns: Record<string, { line: { zh: string }; suggestions: Array<{ text: string; scores: { listening: number; empathy: number; wording: number } }> }>;
}

/** For a scenario, the best authored reply to each owner line, typed as free text. */
export function bestReplies(scenario: string): Map<string, string> {
  const script = parseYaml(readFileSync(path.resolve("scenarios", `${scenario}.yaml`), "utf8")) as Script;
  const replies = new Map<string, string>();
  for (const turn of Object.values(script.turns)) {
    const total = (s: Script["turns"][string]["suggestions"][number]) => s.scores.listening + s.scores.empathy + s.scores.wording;
    const best = [...turn.suggestions].sort((a, b) => total(b) - total(a))[0];
    if (best) replies.set(turn.line.zh, best.text);
  }
  return replies;
}

/** Plays a started scenario to its report, typing the reply `answer` gives for each owner line. */
export async function playToReport(page: Page, answer: (ownerLine: string) => string) {
  for (let i = 0; i < 25; i++) {
    if (await page.getByTestId("verdict").isVisible()) return;
    const line = await page.getByTestId("owner-line").innerText();
    const turn = await page.locator('input[name="turn"]').first().inputValue();
    await page.getByLabel("回复").fill(answer(line));
    await page.getByRole("button", { name: "发送" }).click();
    await expect(page.locator(`input[name="turn"][value="${turn}"]`)).toHaveCount(0);
  }
  throw new Error("the scenario did not end");
}
