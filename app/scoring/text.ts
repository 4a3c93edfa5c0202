import * as OpenCC from "opencc-js/t2cn";

/**
 * A normalised view of a reply that remembers, for every character, where it came from in the original,
 * so that findings can point at the trainee's own words.
 */
export interface TextView {
  text: string;
  /** For each UTF-16 unit of `text`: the start offset of its source in the original reply. */
  start: number[];
  /** For each UTF-16 unit of `text`: the end offset of its source in the original reply. */
  end: number[];
}

const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

// Whitespace, control characters and zero-width marks carry no meaning in a typed Chinese reply.
const SKIPPED = /[\s\p{Cc}\p{Cf}]/u;

/** The characters that end a sentence, for a regular expression's character class. */
export const SENTENCE_END_CHARS = "。.!！?？;；\\n…";

/** The letters and digits of a text, punctuation and spaces dropped: what a length rule counts. */
export function lettersOf(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, "");
}

/** The pairs of neighbouring characters of a text: two texts sharing most of them say the same thing. */
export function bigramsOf(text: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) grams.add(text.slice(i, i + 2));
  return grams;
}

/** The share of the smaller set's pairs that the other has too (0–1). */
export function sharedShare(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/**
 * Simplified characters, NFKC (full-width → half-width), no whitespace or control characters, lower-case Latin.
 * Traditional and Simplified replies give the same view; so do ３栋 and 3栋, and 3 栋 and 3栋.
 */
/** Per UTF-16 unit: 0 not yet seen, 1 Simplified (OpenCC leaves it), 2 Traditional; learnt as characters are met. */
const traditionalUnit = new Uint8Array(65536);

function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x2e80) continue; // below the CJK blocks: nothing to convert
    let known = traditionalUnit[code];
    if (known === 0) {
      const char = text[i];
      known = toSimplified(char) !== char ? 2 : 1;
      traditionalUnit[code] = known;
    }
    if (known === 2) return true;
  }
  return false;
}

/** Characters NFKC may change: full-width and compatibility forms, not CJK ideographs or plain ASCII. */
function mayChangeUnderNfkc(code: number): boolean {
  return code >= 0xa0 && !(code >= 0x4e00 && code <= 0x9fff);
}

export function normalise(original: string): TextView {
  // Converting the whole text keeps phrase-level conversions; if that changed the length, go character by character.
  // Text with no Traditional character is left as it is (OpenCC is the costliest step of scoring).
  const simplified = hasTraditional(original) ? toSimplified(original) : original;
  const sameLength = simplified.length === original.length;
  const text: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let offset = 0;
  for (const originalChar of original) {
    const from = offset;
    offset += originalChar.length;
    let char = sameLength ? simplified.slice(from, offset) : toSimplified(originalChar);
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0x4e00 && code <= 0x9fff) {
      // A CJK ideograph: nothing to skip, fold or lower-case.
      text.push(char);
      start.push(from);
      end.push(offset);
      continue;
    }
    if (SKIPPED.test(char)) continue;
    if (mayChangeUnderNfkc(code) || char.length > 1) char = char.normalize("NFKC");
    char = char.toLowerCase();
    for (const unit of char) {
      if (SKIPPED.test(unit)) continue;
      for (let i = 0; i < unit.length; i++) {
        text.push(unit[i]);
        start.push(from);
        end.push(offset);
      }
    }
  }
  return { text: text.join(""), start, end };
}

/** A reply as the scorer reads it: normalised, numbers canonical (五分钟 → 5分钟), mapped back to the original. */
export function replyView(text: string): TextView {
  return canonicalNumbers(normalise(text));
}

/** Normalises a lexicon phrase the same way as a reply, so both sides compare alike. */
export function normalisePhrase(phrase: string): string {
  return replyView(phrase).text;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMERAL_RUN = /[零〇一二两三四五六七八九十百千]+/g;
// A lone numeral reads as a number only before one of these (三栋, 十分钟, 两点); 一下 or 一定 stay words.
const UNITS = [
  "分钟",
  "号楼",
  "单元",
  "小时",
  "栋",
  "幢",
  "座",
  "号",
  "楼",
  "层",
  "室",
  "户",
  "天",
  "次",
  "点",
  "个",
  "人",
  "位",
  "部",
  "台",
  "梯",
  "年",
  "月",
  "日",
  "周",
  "元",
  "块",
  "岁",
  "期",
  "区",
  "米",
  "平",
];

/** Words that begin with 一 and are no number (一定, 一下, 一起): a numeral run stops before them. */
const WORDS_WITH_YI = /^一(定|下|起|直|样|般|切|共|旦|律|致|向|再|早|边|会儿|同)/;

/** 一二零二 → 1202, 十二 → 12, 三百五十 → 350. */
function numeralValue(run: string): string | null {
  if (!/[十百千]/.test(run)) {
    // Digit by digit, as room numbers are read: 一二零二.
    return [...run].map((c) => (c in DIGITS ? String(DIGITS[c]) : "")).join("");
  }
  let total = 0;
  let current = 0;
  for (const c of run) {
    if (c in DIGITS) current = DIGITS[c];
    else {
      const factor = c === "十" ? 10 : c === "百" ? 100 : 1000;
      total += (current || 1) * factor;
      current = 0;
    }
  }
  return String(total + current);
}

/**
 * Reads Chinese numerals as digits where they are numbers (a run of two or more numeral characters, or one
 * before a unit), keeping the map to the original. 三栋一二零二 → 3栋1202; 第三次 → 第3次; 一下 stays.
 */
export function canonicalNumbers(view: TextView): TextView {
  const out: TextView = { text: "", start: [], end: [] };
  const parts: string[] = [];
  let last = 0;
  const push = (s: string, from: number, to: number, whole: boolean) => {
    parts.push(s);
    for (let i = 0; i < s.length; i++) {
      out.start.push(whole ? view.start[from] : view.start[from + i]);
      out.end.push(whole ? view.end[to - 1] : view.end[from + i]);
    }
  };
  for (const match of view.text.matchAll(NUMERAL_RUN)) {
    const at = match.index!;
    // 周三一定修好: the last 一 starts a word (一定), not the number (31).
    const run =
      match[0].length >= 2 && match[0].endsWith("一") && WORDS_WITH_YI.test(view.text.slice(at + match[0].length - 1)) ? match[0].slice(0, -1) : match[0];
    const after = view.text.slice(at + run.length, at + run.length + 2);
    const isNumber = (run.length >= 2 && !/^[一]+$/.test(run)) || UNITS.some((u) => after.startsWith(u));
    // 十分 alone means "very" (十分感谢); 十分钟 is ten minutes.
    const isVery = run === "十" && after.startsWith("分") && !after.startsWith("分钟");
    if (!isNumber || isVery) continue;
    const value = numeralValue(run);
    if (!value) continue;
    if (at > last) push(view.text.slice(last, at), last, at, false);
    push(value, at, at + run.length, true);
    last = at + run.length;
  }
  if (last < view.text.length) push(view.text.slice(last), last, view.text.length, false);
  out.text = parts.join("");
  return out;
}

/** Replaces each synonym with its group's canonical form (号楼 → 栋), for comparing facts. */
export function canonicalSynonyms(view: TextView, groups: ReadonlyArray<ReadonlyArray<string>>): TextView {
  let current = view;
  for (const [canonical, ...others] of groups) {
    for (const other of others) {
      if (!current.text.includes(other)) continue;
      const next: TextView = { text: "", start: [], end: [] };
      const parts: string[] = [];
      let i = 0;
      while (i < current.text.length) {
        if (current.text.startsWith(other, i)) {
          parts.push(canonical);
          for (let k = 0; k < canonical.length; k++) {
            next.start.push(current.start[i]);
            next.end.push(current.end[i + other.length - 1]);
          }
          i += other.length;
        } else {
          parts.push(current.text[i]);
          next.start.push(current.start[i]);
          next.end.push(current.end[i]);
          i += 1;
        }
      }
      next.text = parts.join("");
      current = next;
    }
  }
  return current;
}

/** The original span behind view characters [from, to). */
export function spanOf(view: TextView, from: number, to: number): { start: number; end: number } {
  return { start: view.start[from], end: view.end[to - 1] };
}
