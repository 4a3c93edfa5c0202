import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReplyText } from "./match";
import { replyView } from "./text";

/** Every start of the phrase in the text, as a plain search finds them. */
function startsOf(text: string, phrase: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) at.push(i);
  return at;
}

describe("finding a lexicon's phrases in a reply", () => {
  it("finds every phrase a plain search finds: skipping phrases whose first two characters are absent loses none", () => {
    const chars = fc.constantFrom(..."您好我们师傅开灯门铃不要3栋12");
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 60 }),
        fc.array(fc.array(chars, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
        (textChars, phraseChars) => {
          const text = textChars.join("");
          const reply = new ReplyText(replyView(text));
          for (const phrase of new Set(phraseChars.map((p) => p.join("")))) {
            const found = reply.find({ phrases: [phrase] }).map((m) => m.from);
            // find drops overlapping repeats and numbers inside longer numbers; it never finds one a plain search misses,
            // and finds the first occurrence whenever there is one.
            const plain = startsOf(reply.text, phrase);
            for (const at of found) expect(plain).toContain(at);
            if (plain.length && !/\d/.test(phrase)) expect(found[0]).toBe(plain[0]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
