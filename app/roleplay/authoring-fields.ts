/**
 * What the scenario editor's page and its server share of authoring (roleplay/authoring.ts): ids, limits, the
 * shape of a problem and of the form, and which field a problem belongs to. No imports: safe in the browser bundle.
 */

/** Authored scenarios' ids: never a built-in file's name (those have no `org-` prefix). */
export const AUTHORED_ID = /^org-[a-z0-9]{10}$/;
/** A draft is played under its own id, so its attempts never mix with the published scenario's. */
export const DRAFT_PREFIX = "draft-";
export const draftScenarioId = (id: string) => `${DRAFT_PREFIX}${id}`;
export const authoredIdOfDraft = (scenarioId: string): string | null =>
  scenarioId.startsWith(DRAFT_PREFIX) && AUTHORED_ID.test(scenarioId.slice(DRAFT_PREFIX.length)) ? scenarioId.slice(DRAFT_PREFIX.length) : null;

/** The largest script text accepted (the largest built-in scenario is about 60 KB). */
export const MAX_SCRIPT_BYTES = 256 * 1024;
/** The longest single text in a script (a line, a hint, a suggested reply). */
export const MAX_TEXT_CHARS = 2000;
export type ProblemCode =
  | "too-large"
  | "control-chars"
  | "yaml"
  | "not-a-mapping"
  | "too-long"
  | "id"
  | "missing-en"
  | "schema"
  | "unknown-move"
  | "goto"
  // The reference checks (roleplay/script.ts), each its own; "reference" only for one not named here.
  | "both-turn-and-ending"
  | "start-not-turn"
  | "no-timeout"
  | "unknown-persona"
  | "last-branch-if"
  | "one-suggestion"
  | "unknown-act"
  | "visited-not-turn"
  | "answer-condition-conflict"
  | "reference"
  // The path check (roleplay/check.ts), each its own; "graph" only for one not named here.
  | "unreachable"
  | "dead-end"
  | "too-complex"
  | "too-many-turns"
  | "main-line-end"
  | "main-line-length"
  | "no-escalation"
  | "no-recovery"
  | "graph";

/** What a schema (zod) problem is, for a sentence in the author's language. */
export type SchemaKind =
  | "missing"
  | "type"
  | "empty"
  | "too-short"
  | "too-long-text"
  | "too-few"
  | "too-many"
  | "too-small"
  | "too-big"
  | "unknown-keys"
  | "enum"
  | "format"
  | "bad-name"
  | "other";

/**
 * A problem of a draft: what (a code the page words in the user's language), where (a path into the script, and
 * the line), the value at fault, and the checker's own words (`detail`, English: shown only as a secondary hint).
 */
export interface AuthoringProblem {
  code: ProblemCode;
  path: Array<string | number>;
  /** 1-based line of the script text, when the problem has a place in it. */
  line: number | null;
  detail: string;
  /** The value at fault as written (a branch's target, a move, a number, an id), when there is one. */
  value?: string;
  /** A limit or expectation: a size, a count, the id the script must keep. */
  limit?: string;
  /** When the path is in a turn: its position among the script's turns (1 = the first written). */
  turn?: number;
  /** A schema problem's kind, with the type expected or the options allowed. */
  schema?: { kind: SchemaKind; expected?: string; options?: string[] };
}

/** What a problem's sentence is made of, in the author's language (the catalogues' `scenarioAuthor.problem.*`). */
export interface ProblemWords {
  /** Where: "第 3 轮（water-now） › 第 1 个分支 › 去向" / "Turn 3 (water-now) › branch 1 › target". */
  place: string;
  value: string;
  limit: string;
  /** A type or a list of options, already in the author's language. */
  expected: string;
}

type Texts = { zh: string; en: string };

export interface ScenarioForm {
  title: Texts;
  setting: Texts;
  startEmotion: number;
  personas: Array<{ id: string; name: Texts }>;
  /** Every turn and ending id: where a branch may go. */
  targets: string[];
  turns: Array<{
    id: string;
    speaker: string;
    line: Texts;
    /** The line's other wordings, each said (with its own narration, if any) when its condition holds (the condition is edited in the script). */
    lines: Array<Texts & { narration: Texts }>;
    narration: Texts;
    hint: Texts;
    requiredMoves: string[];
    forbiddenMoves: string[];
    next: Array<{ goto: string; conditional: boolean }>;
    suggestions: Array<{ text: string; scores: { listening: number; empathy: number; wording: number } }>;
  }>;
}

export type DiffLine = { op: "same" | "add" | "del"; text: string };

/** The field a problem belongs to in the structured form (the same names the form posts), if it has one. */
export function fieldOf(problem: Pick<AuthoringProblem, "path">): string | null {
  const p = problem.path;
  if (!p.length) return null;
  if (p[0] === "turns" && typeof p[1] === "string") {
    if (p[2] === "expect") return `turns.${p[1]}.expect`;
    if (p[2] === "next" && typeof p[3] === "number") return `turns.${p[1]}.next.${p[3]}.goto`;
    if (p[2] === "line" || p[2] === "narration" || p[2] === "hint") return `turns.${p[1]}.${p[2]}.${p[3] ?? "zh"}`;
    if (p[2] === "lines" && typeof p[3] === "number" && (p[4] === "zh" || p[4] === "en")) return `turns.${p[1]}.lines.${p[3]}.${p[4]}`;
    if (p[2] === "lines" && typeof p[3] === "number" && p[4] === "narration") return `turns.${p[1]}.lines.${p[3]}.narration.${p[5] ?? "zh"}`;
    return `turns.${p[1]}`;
  }
  if ((p[0] === "title" || p[0] === "setting") && typeof p[1] === "string") return `${p[0]}.${p[1]}`;
  if (p[0] === "title" || p[0] === "setting") return `${p[0]}.zh`;
  if (p[0] === "personas" && typeof p[1] === "string" && p[2] === "name") return `personas.${p[1]}.name.${p[3] ?? "zh"}`;
  if (p[0] === "startEmotion") return "startEmotion";
  return null;
}
