/**
 * A fault named in order to rule it out, or to warn against it, is not the fault. Front-desk staff often say the
 * very words of a threat, a promise or a hazard while refusing it: 把名字挂到群里，这是侵犯您隐私的，我们不做
 * rules naming out; 我不能糊弄您说“行，我们赔” quotes the promise it will not make; 先垫付这件事，我说了不算
 * answers a demand honestly; 开门、开灯、碰个开关都可能出事 warns. Each fault pattern once carried its own
 * exceptions for this; here it is one rule for every fault (acts of kind issue and forbidden moves).
 * Pure: the words come from content/scoring/classes.yaml (DISAVOW, and NEG for the quoted case).
 */

import { SENTENCE_END_CHARS } from "./text";

const SENTENCE_END = new RegExp(`[${SENTENCE_END_CHARS}]`);
const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ["“", "”"],
  ["「", "」"],
  ["『", "』"],
  ['"', '"'],
];

/** How far after the fault's words a disavowal still refers to them, within the sentence (挂到群里，也是侵犯您个人信息，我们不做: 16). */
export const DISAVOWAL_REACH = 32;

export interface DisavowalWords {
  /** Words that refuse, rule out or warn against what was just named: 我说了不算, 我们不做这种事, 都可能出事. */
  disavowals: readonly string[];
  /** Negations: a quote after one (不能跟您说“…”) is words not said. */
  negations: readonly string[];
}

function sentenceAround(text: string, from: number, to: number): { start: number; end: number } {
  let start = from;
  while (start > 0 && !SENTENCE_END.test(text[start - 1])) start--;
  let end = to;
  while (end < text.length && !SENTENCE_END.test(text[end])) end++;
  return { start, end };
}

/** The opening of the quotation [from, to) stands in, if it stands in one that closes in the sentence. */
function quoteOpening(text: string, sentence: { start: number; end: number }, from: number, to: number): number | null {
  for (const [open, close] of QUOTES) {
    const opened = text.lastIndexOf(open, from - 1);
    if (opened < sentence.start) continue;
    const closed = text.indexOf(close, opened + 1);
    if (closed >= to && closed < sentence.end) return opened;
  }
  return null;
}

/** Whether the words at [from, to) of the normalised text name a fault only to refuse it. */
export function disavowed(text: string, from: number, to: number, words: DisavowalWords): boolean {
  const sentence = sentenceAround(text, from, to);
  const after = text.slice(to, Math.min(sentence.end, to + DISAVOWAL_REACH));
  if (words.disavowals.some((w) => after.includes(w))) return true;
  const opened = quoteOpening(text, sentence, from, to);
  if (opened !== null) {
    const before = text.slice(sentence.start, opened);
    if (words.negations.some((n) => before.includes(n))) return true;
  }
  return false;
}
