import type { Question } from "./bank";

/**
 * Option length must not give the answer away (content/quizzes/README.md). The rules, stated once: the bank check
 * (option-length.test.ts) and the authoring check (authoring.ts) both use them. Lengths are in characters (code
 * points) of the option text as written.
 */

export const optionLength = (text: string) => [...text].length;

/** The keyed option is longer than every other option. */
export function keysUniquelyLongest(q: Pick<Question, "options" | "correct">): boolean {
  const lengths = q.options.map((o) => optionLength(o.text));
  const max = Math.max(...lengths);
  const longest = q.options.filter((_, i) => lengths[i] === max);
  return longest.length === 1 && q.correct.includes(longest[0].id);
}

/** How much longer than the next longest the keyed option may be before it stands out "by far". */
export const BY_FAR = 1.5;

/**
 * The keyed option of a single-choice or best-reply question is the uniquely longest, and by far (at least BY_FAR
 * times the next longest): a trainee who never read the module would pick it. A bank may key the uniquely longest
 * option now and then (at most a third of its items); a question whose key stands out by far is refused.
 */
export function keyStandsOutByLength(q: Pick<Question, "type" | "options" | "correct">): boolean {
  if (q.type !== "single" && q.type !== "best-reply") return false;
  if (!keysUniquelyLongest(q)) return false;
  const lengths = q.options.map((o) => optionLength(o.text)).sort((a, b) => b - a);
  return lengths[0] >= BY_FAR * lengths[1];
}
