import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MODULE_SLUGS } from "~/courseware/modules";
import { parseBank, type Bank, type Question } from "./bank";
import { keysUniquelyLongest, optionLength } from "./option-length";

/**
 * Option length must not give the answer away (content/quizzes/README.md).
 *
 * 1. In every bank, at most a third of the single and best-reply items key the uniquely longest option.
 * 2. A trainee who always picks the longest option scores below the 80% pass mark on every bank and on all banks
 *    together. That strategy: single / best-reply, the longest option (a tie for longest that includes the keyed
 *    option counts for the strategy); multiple, the single longest option, which is never a full answer; truefalse,
 *    the longer word (正确 and 错误 tie, so in Chinese every truefalse counts for the strategy); order, the steps
 *    are shown shuffled, so it counts as wrong.
 *
 * Lengths are in characters (code points) of the option text as written in the bank, zh-CN and en each.
 */

const PASS_MARK = 0.8;
const LANGS = ["zh-CN", "en"] as const;
const dir = path.resolve(process.env.CONTENT_DIR || "content", "quizzes");

function longestStrategyWins(q: Question): boolean {
  const lengths = q.options.map((o) => optionLength(o.text));
  const max = Math.max(...lengths);
  switch (q.type) {
    case "single":
    case "best-reply":
    case "truefalse":
      return q.options.some((o, i) => lengths[i] === max && q.correct.includes(o.id));
    case "multiple":
    case "order":
      return false;
  }
}

interface Figures {
  label: string;
  choice: number;
  longestKeyed: string[];
  total: number;
  strategyWins: number;
}

function figures(label: string, questions: Question[]): Figures {
  const choice = questions.filter((q) => q.type === "single" || q.type === "best-reply");
  return {
    label,
    choice: choice.length,
    longestKeyed: choice.filter(keysUniquelyLongest).map((q) => q.id),
    total: questions.length,
    strategyWins: questions.filter(longestStrategyWins).length,
  };
}

const describeFigures = (f: Figures) =>
  `${f.label}: the keyed option is the uniquely longest in ${f.longestKeyed.length} of ${f.choice} single/best-reply items` +
  ` (${f.longestKeyed.join(", ") || "none"}); picking the longest option scores ${f.strategyWins}/${f.total}` +
  ` = ${((100 * f.strategyWins) / f.total).toFixed(1)}% (pass mark ${PASS_MARK * 100}%)`;

const banks: Record<(typeof LANGS)[number], Bank[]> = { "zh-CN": [], en: [] };
for (const lang of LANGS) {
  for (const slug of MODULE_SLUGS) {
    const file = path.join(dir, slug, `${lang}.md`);
    banks[lang].push(parseBank(readFileSync(file, "utf8"), file, lang));
  }
}

describe("option length gives nothing away", () => {
  for (const lang of LANGS) {
    const all = figures(
      `${lang} all banks`,
      banks[lang].flatMap((b) => b.questions),
    );
    const perBank = banks[lang].map((b) => figures(`${lang} ${b.module}`, b.questions));

    it.each([...perBank, all].map((f) => [f.label, f] as const))(
      "%s: at most a third of single/best-reply items key the uniquely longest option",
      (_label, f) => {
        const allowed = Math.floor(f.choice / 3);
        expect(f.longestKeyed.length, `${describeFigures(f)}; at most ${allowed} allowed`).toBeLessThanOrEqual(allowed);
      },
    );

    it.each([...perBank, all].map((f) => [f.label, f] as const))("%s: always picking the longest option scores below the pass mark", (_label, f) => {
      expect(f.strategyWins / f.total, describeFigures(f)).toBeLessThan(PASS_MARK);
    });
  }
});
