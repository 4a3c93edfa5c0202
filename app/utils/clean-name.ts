/**
 * A name as people type it, made safe to show beside other text: control characters, newlines, line and
 * paragraph separators, and the invisible bidirectional marks, embeddings, overrides and isolates are removed (a
 * right-to-left override in a display name reversed the username printed after it), and runs of spaces become one.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function cleanName(name: string): string {
  return name.replace(UNSAFE, " ").replace(/\s+/g, " ").trim();
}
