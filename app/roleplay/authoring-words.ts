import type { Messages } from "~/i18n/messages";
import type { AuthoringProblem, ProblemWords } from "./authoring-fields";

/**
 * A draft's problems in the author's language (issue 20): each problem kind its own sentence, naming the field or
 * turn it concerns in words (never a raw path) and the value at fault. The checker's own words (English) are kept
 * only as a secondary hint (problemHint). Pure and browser-safe: the editor and the scenario list both use it.
 */

/** The script's keys that have a name in the catalogues (`scenarioAuthor.field.<key>`); any other key is shown as written. */
const FIELD_KEYS = [
  "title",
  "summary",
  "setting",
  "channel",
  "category",
  "meter",
  "startEmotion",
  "showClock",
  "maxTurns",
  "pass",
  "personas",
  "name",
  "description",
  "colleague",
  "start",
  "turns",
  "endings",
  "deadlines",
  "critical",
  "never",
  "always",
  "learnMore",
  "speaker",
  "line",
  "narration",
  "hint",
  "assess",
  "minutes",
  "expect",
  "facts",
  "ask",
  "requiredMoves",
  "forbiddenMoves",
  "suggestions",
  "text",
  "scores",
  "moves",
  "feedback",
  "next",
  "if",
  "goto",
  "note",
  "outcome",
  "id",
  "version",
  "listening",
  "empathy",
  "wording",
  "zh",
  "en",
  "move",
  "reason",
  "speakers",
  "answers",
  "askedOf",
  "once",
  "module",
  "section",
  "dimension",
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
const isFieldKey = (key: string): key is FieldKey => (FIELD_KEYS as readonly string[]).includes(key);

/** Where a problem is, in words: "第 3 轮（water-now） › 第 1 个分支" / "turn 3 (water-now) › branch 1". */
export function problemPlace(p: Pick<AuthoringProblem, "path" | "turn">, m: Messages): string {
  const parts: string[] = [];
  p.path.forEach((key, i) => {
    const parent = i === 1 ? p.path[0] : null;
    if (typeof key === "string" && parent === "turns") {
      parts.pop();
      parts.push(p.turn ? m["scenarioAuthor.place.turn"](p.turn, key) : m["scenarioAuthor.place.ending"](key));
    } else if (typeof key === "string" && parent === "endings") {
      parts.pop();
      parts.push(m["scenarioAuthor.place.ending"](key));
    } else if (typeof key === "string" && parent === "personas") {
      parts.pop();
      parts.push(m["scenarioAuthor.place.persona"](key));
    } else if (typeof key === "number") {
      // The n-th item of the list named before it: "第 2 个分支" / "branch 2".
      parts.push(m["scenarioAuthor.place.item"](key + 1, parts.pop() ?? ""));
    } else parts.push(isFieldKey(key) ? m[`scenarioAuthor.field.${key}`] : key);
  });
  return parts.length ? parts.join(" › ") : m["scenarioAuthor.place.script"];
}

const TYPES = ["string", "number", "int", "boolean", "object", "array"] as const;

/** A type zod expected, in words ("record" is a mapping too). */
function typeName(expected: string | undefined, m: Messages): string {
  const t = expected === "record" ? "object" : expected;
  return TYPES.find((x) => x === t) ? m[`scenarioAuthor.type.${t as (typeof TYPES)[number]}`] : (expected ?? "");
}

/** A problem as one sentence in the author's language. */
export function problemText(p: AuthoringProblem, m: Messages): string {
  // A branch's target is the branch's ("turn 3 (t3) › branch 1 goes to …"); a turn's branches or replies as a
  // whole are the turn's ("the last branch of turn 3 (t3) …").
  const whole = (p.code === "goto" && p.path.at(-1) === "goto") || p.code === "last-branch-if" || p.code === "one-suggestion";
  const path = whole ? p.path.slice(0, -1) : p.path;
  const schema = p.schema;
  const words: ProblemWords = {
    place: problemPlace({ path, turn: p.turn }, m),
    value: p.value ?? "",
    limit: p.limit ?? "",
    expected: schema?.options ? schema.options.join(" / ") : typeName(schema?.expected, m),
  };
  if (p.code === "schema" && schema && schema.kind !== "other") return m[`scenarioAuthor.schema.${schema.kind}`](words);
  return m[`scenarioAuthor.problem.${p.code}`](words);
}

/**
 * The checker's own words, as a secondary hint, where they add something the sentence cannot say: a YAML error, a
 * schema problem, or a check the editor has no sentence of its own for. Null otherwise.
 */
export function problemHint(p: Pick<AuthoringProblem, "code" | "detail" | "schema">): string | null {
  const raw = p.code === "yaml" || p.code === "schema" || p.code === "reference" || p.code === "graph";
  return raw && p.detail ? p.detail : null;
}
