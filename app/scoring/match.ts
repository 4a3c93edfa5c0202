import type { TextView } from "./text";

/** A match in view indices [from, to). */
export interface Match {
  from: number;
  to: number;
}

export interface Matchable {
  phrases: readonly string[];
  patterns?: readonly RegExp[];
  except?: readonly string[];
  wholeWord?: boolean;
  negations?: readonly string[];
}

/** How far before a phrase a negation still applies to it (请千万不要自己把门扒开; 不能就咱俩拿着直接开门: 8 characters). */
const NEGATION_REACH = 8;
const CLAUSE_BREAK = /[，,。！？!?；;：:\n]/;

const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

const PAIR_BITS = 1 << 14;
function pairHash(first: number, second: number): number {
  return (Math.imul(first, 31) + second) & (PAIR_BITS - 1);
}

/** The analysed reply: its view, plus word boundaries computed only if a whole-word entry needs them. */
export class ReplyText {
  #boundaries: Set<number> | null = null;
  #pairs: Uint8Array | null = null;

  constructor(readonly view: TextView) {}

  get text(): string {
    return this.view.text;
  }

  /** Offsets where a word starts or ends (Intl.Segmenter). */
  boundaries(): Set<number> {
    if (!this.#boundaries) {
      const set = new Set<number>([0, this.text.length]);
      for (const { index, segment } of segmenter.segment(this.text)) {
        set.add(index);
        set.add(index + segment.length);
      }
      this.#boundaries = set;
    }
    return this.#boundaries;
  }

  /**
   * Whether the text may hold the phrase: its first two characters stand side by side somewhere (a bit per hashed
   * pair; a collision only costs a search). Scoring looks for a thousand phrases in a reply of a hundred
   * characters, and most of them are not there.
   */
  #mayHold(phrase: string): boolean {
    if (phrase.length < 2) return true;
    if (!this.#pairs) {
      const pairs = new Uint8Array(PAIR_BITS / 8);
      for (let i = 0; i + 1 < this.text.length; i++) {
        const bit = pairHash(this.text.charCodeAt(i), this.text.charCodeAt(i + 1));
        pairs[bit >> 3] |= 1 << (bit & 7);
      }
      this.#pairs = pairs;
    }
    const bit = pairHash(phrase.charCodeAt(0), phrase.charCodeAt(1));
    return (this.#pairs[bit >> 3] & (1 << (bit & 7))) !== 0;
  }

  /** Every place where one of the entry's phrases or patterns stands, longest first where they overlap. */
  find(entry: Matchable): Match[] {
    const text = this.text;
    const found: Match[] = [];
    for (const phrase of entry.phrases) {
      if (!this.#mayHold(phrase)) continue;
      for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
        found.push({ from: at, to: at + phrase.length });
      }
    }
    for (const pattern of entry.patterns ?? []) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (m[0].length === 0) {
          pattern.lastIndex += 1;
          continue;
        }
        found.push({ from: m.index, to: m.index + m[0].length });
      }
    }
    if (found.length === 0) return found;
    const excluded = this.#ranges(entry.except ?? []);
    const words = entry.wholeWord ? this.boundaries() : null;
    found.sort((a, b) => a.from - b.from || b.to - a.to);
    const kept: Match[] = [];
    // The end of the last match taken or negated: a negation covers the whole of what it negates, so a shorter
    // match inside it (开门进去 in 不能自己拿钥匙就开门进去) is not found afresh.
    let consumedTo = 0;
    for (const m of found) {
      if (m.from < consumedTo) continue; // overlaps a longer or earlier match
      if (excluded.some((r) => r.from <= m.from && m.to <= r.to)) continue;
      if (words && !(words.has(m.from) && words.has(m.to))) continue;
      // A number is not found inside a longer one: 110 is not in room 1102, 120 not in 1201.
      if (/\d/.test(this.text[m.from]) && /\d/.test(this.text[m.from - 1] ?? "")) continue;
      if (/\d/.test(this.text[m.to - 1]) && /\d/.test(this.text[m.to] ?? "")) continue;
      consumedTo = m.to;
      if (entry.negations?.length && this.#negated(m, entry.negations)) continue;
      kept.push(m);
    }
    return kept;
  }

  #negated(m: Match, negations: readonly string[]): boolean {
    let from = m.from;
    while (from > 0 && m.from - from < NEGATION_REACH && !CLAUSE_BREAK.test(this.text[from - 1])) from--;
    const before = this.text.slice(from, m.from);
    // A bare 不 right before the words negates them (不拉闸、不收工具); 要不 (how about) and 对不 (对不起) do not.
    const bareNot = this.text[m.from - 1] === "不" && !/[要对]/.test(this.text[m.from - 2] ?? "");
    return bareNot || negations.some((n) => before.includes(n));
  }

  has(entry: Matchable): boolean {
    return this.find(entry).length > 0;
  }

  #ranges(phrases: readonly string[]): Match[] {
    const ranges: Match[] = [];
    for (const phrase of phrases) {
      for (let at = this.text.indexOf(phrase); at >= 0; at = this.text.indexOf(phrase, at + 1)) {
        ranges.push({ from: at, to: at + phrase.length });
      }
    }
    return ranges;
  }
}
