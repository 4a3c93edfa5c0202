/**
 * How long a module takes to read, from its text: Chinese at 300 characters a minute (careful study reading of
 * instructional text, slower than skimming news), English at 200 words a minute. Pure.
 */
export const CHINESE_CHARACTERS_PER_MINUTE = 300;
export const ENGLISH_WORDS_PER_MINUTE = 200;

export function readingMinutes(markdown: string): number {
  const text = markdown
    .replace(/\{#[a-z0-9-]+\}/g, "") // heading anchors
    .replace(/\]\([^)]*\)/g, "]"); // link targets
  const chinese = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = (text.replace(/[\u3400-\u9fff]/g, " ").match(/[A-Za-z][A-Za-z'’-]*/g) ?? []).length;
  return Math.max(1, Math.ceil(chinese / CHINESE_CHARACTERS_PER_MINUTE + words / ENGLISH_WORDS_PER_MINUTE));
}
