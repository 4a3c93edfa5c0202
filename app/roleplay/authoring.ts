import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { checkScenario } from "./check";
import { scenarioProblems, type ScenarioScript, type ScriptProblem } from "./script";
import {
  MAX_SCRIPT_BYTES,
  MAX_TEXT_CHARS,
  type AuthoringProblem,
  type DiffLine,
  type ProblemCode,
  type ScenarioForm,
  type SchemaKind,
} from "./authoring-fields";

export * from "./authoring-fields";

/**
 * Scenarios written in the browser (issue 20): checking a draft's script text exactly as `npm run scenarios:check`
 * checks a file, with every problem placed at its field and its line; the structured form's fields, read from and
 * written back into the YAML document (comments and order kept where the `yaml` library can); a blank template; a
 * line diff of two versions; and who may play what. Pure: the store is app/models/scenario-authoring.server.ts.
 */

/** How many states the path check explores before calling a draft too complex (gas-smell, the largest, needs ~42 000). */
export const GRAPH_LIMIT = 80_000;

/** Problems that stop a text from being kept at all: not a script one could go on editing, or hostile in size or characters. */
const UNSAVEABLE: ReadonlySet<ProblemCode> = new Set(["too-large", "control-chars", "yaml", "not-a-mapping", "too-long"]);
export const canBeSaved = (problems: readonly AuthoringProblem[]) => !problems.some((p) => UNSAVEABLE.has(p.code));

export interface Vocabulary {
  moves: ReadonlySet<string>;
  acts: ReadonlySet<string>;
}

export interface Checked {
  /** The script, when it has no problem at all (it may be published and played). */
  script: ScenarioScript | null;
  problems: AuthoringProblem[];
}

// Control characters other than tab, line feed and carriage return: never part of a script someone typed.
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * The line of the deepest place of the document on the path: a mapping's key (`  fee-threat:`) or a list's item,
 * else the document's start.
 */
function lineAt(doc: Document, counter: LineCounter, path: ReadonlyArray<string | number>): number | null {
  for (let n = path.length; n >= 1; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const last = path[n - 1];
    let range: [number, number, number] | null | undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    } else if (isSeq(parent) && typeof last === "number") {
      range = (parent.items[last] as { range?: [number, number, number] } | undefined)?.range;
    }
    if (range) return counter.linePos(range[0]).line;
  }
  const top = (doc.contents as { range?: [number, number, number] } | null)?.range;
  return top ? counter.linePos(top[0]).line : null;
}

function longTexts(value: unknown, path: Array<string | number>, found: Array<Array<string | number>>): void {
  if (found.length > 20) return;
  if (typeof value === "string") {
    if (value.length > MAX_TEXT_CHARS) found.push(path);
  } else if (Array.isArray(value)) value.forEach((v, i) => longTexts(v, [...path, i], found));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) longTexts(v, [...path, k], found);
}

function codeOf(p: ScriptProblem): ProblemCode {
  if (p.kind === "unknown-move") return "unknown-move";
  if (p.kind === "goto") return "goto";
  if (p.kind === "reference") return p.reason ?? "reference";
  if (p.path.length === 2 && p.path[0] === "title" && p.path[1] === "en") return "missing-en";
  return "schema";
}

/** The value at a path of the parsed script (undefined where there is none). */
function valueAt(raw: unknown, path: ReadonlyArray<string | number>): unknown {
  let v = raw;
  for (const part of path) {
    if (!v || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[part];
  }
  return v;
}

/** A value as the author wrote it, short: text as it is, anything else as JSON. */
function shown(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** A zod issue as the editor words it: its kind, the value at fault, the limit, the type or options expected. */
function schemaWords(p: ScriptProblem, raw: unknown): Pick<AuthoringProblem, "schema" | "value" | "limit"> {
  const issue = p.issue;
  const value = valueAt(raw, p.path);
  const at = (kind: SchemaKind, more: Pick<AuthoringProblem, "limit" | "value"> & { expected?: string; options?: string[] } = {}) => {
    const { limit, value: v, ...schema } = more;
    return {
      schema: { kind, ...schema },
      ...(v !== undefined ? { value: v } : value !== undefined && value !== null && typeof value !== "object" ? { value: shown(value) } : {}),
      ...(limit !== undefined ? { limit } : {}),
    };
  };
  if (!issue) return at("other");
  // A field not written at all: zod says "expected string" or "expected one of …"; the author reads "missing".
  if (value === undefined && p.path.length && (issue.code === "invalid_type" || issue.code === "invalid_value")) return at("missing");
  const of = issue.origin;
  switch (issue.code) {
    case "invalid_type":
      return at("type", { expected: issue.expected, value: shown(value) });
    case "too_small":
      if (of === "string") return (issue.minimum ?? 1) <= 1 ? at("empty") : at("too-short", { limit: String(issue.minimum) });
      if (of === "array" || of === "set") return at("too-few", { limit: String(issue.minimum) });
      return at("too-small", { limit: String(issue.minimum) });
    case "too_big":
      if (of === "string") return at("too-long-text", { limit: String(issue.maximum) });
      if (of === "array" || of === "set") return at("too-many", { limit: String(issue.maximum) });
      return at("too-big", { limit: String(issue.maximum) });
    case "unrecognized_keys":
      return at("unknown-keys", { value: (issue.keys ?? []).join(", ") });
    case "invalid_value":
      return at("enum", { options: issue.values ?? [] });
    case "invalid_format":
      return at("format");
    case "invalid_key":
      return at("bad-name", { value: String(p.path.at(-1) ?? "") });
    default:
      return at("other");
  }
}

/** The path check's findings other than reachability and dead ends, each as its own problem (the report's words as detail). */
function graphProblem(problem: string): { code: ProblemCode; value?: string; limit?: string } {
  let match = /^a path takes (\d+) turns, over maxTurns (\d+)/.exec(problem);
  if (match) return { code: "too-many-turns", value: match[1], limit: match[2] };
  match = /^the main line ends in (.+), not a resolved ending/.exec(problem);
  if (match) return { code: "main-line-end", value: match[1] === "nothing" ? "" : match[1] };
  match = /^the main line has (\d+) trainee turns \((\d+)–(\d+) wanted\)/.exec(problem);
  if (match) return { code: "main-line-length", value: match[1], limit: `${match[2]}–${match[3]}` };
  if (problem.startsWith("no reachable escalated")) return { code: "no-escalation" };
  if (problem.startsWith("no recovery path")) return { code: "no-recovery" };
  return { code: "graph" };
}

/**
 * Every check `npm run scenarios:check` makes of a file, on a draft's text: the text itself (size, control
 * characters, YAML), the id (the file-name check: a draft's id is its own), the schema and references
 * (parseScenario), then the path check (check.ts: every turn reachable, every path ending, the main line).
 * `graphLimit` 0 leaves the path check out (an import's first look).
 */
export function checkScriptText(text: string, expectedId: string, vocabulary: Vocabulary, graphLimit = GRAPH_LIMIT): Checked {
  const stop = (code: ProblemCode, line: number | null, detail = "", more: Partial<AuthoringProblem> = {}): Checked => ({
    script: null,
    problems: [{ code, path: [], line, detail, ...more }],
  });
  if (Buffer.byteLength(text, "utf8") > MAX_SCRIPT_BYTES) {
    return stop("too-large", null, String(MAX_SCRIPT_BYTES / 1024), { limit: String(MAX_SCRIPT_BYTES / 1024) });
  }
  const control = CONTROL.exec(text);
  if (control) {
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    return stop("control-chars", lineOf(text, control.index), code, { value: code });
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    return {
      script: null,
      problems: doc.errors.slice(0, 5).map((e) => ({ code: "yaml", path: [], line: counter.linePos(e.pos[0]).line, detail: e.message.split("\n")[0] })),
    };
  }
  let raw: unknown;
  try {
    // Aliases are expanded a bounded number of times: a "billion laughs" text is refused, not expanded.
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return stop("yaml", null, (error as Error).message);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return stop("not-a-mapping", 1);

  const problems: AuthoringProblem[] = [];
  // A turn is named by its place among the turns too ("turn 3"), as the author reads the script.
  const turnIds = Object.keys(((raw as { turns?: unknown }).turns ?? {}) as object);
  const at = (code: ProblemCode, path: Array<string | number>, detail: string, more: Partial<AuthoringProblem> = {}) => {
    const turn = path[0] === "turns" && typeof path[1] === "string" ? turnIds.indexOf(path[1]) + 1 : 0;
    problems.push({ code, path, line: lineAt(doc, counter, path), detail, ...(turn > 0 ? { turn } : {}), ...more });
  };
  const long: Array<Array<string | number>> = [];
  longTexts(raw, [], long);
  for (const path of long) at("too-long", path, String(MAX_TEXT_CHARS), { limit: String(MAX_TEXT_CHARS) });
  const id = (raw as { id?: unknown }).id;
  if (id !== expectedId) at("id", ["id"], expectedId, { limit: expectedId, value: id === undefined ? "" : shown(id) });

  const parsed = scenarioProblems(raw, vocabulary.moves, vocabulary.acts);
  if (!parsed.ok) {
    for (const p of parsed.problems) {
      const code = codeOf(p);
      // The checker's own words (English) stay as the detail, shown only as a hint beside the author's language.
      const more = code === "schema" ? schemaWords(p, raw) : p.value !== undefined ? { value: p.value } : {};
      at(code, p.path, (code === "goto" || code === "unknown-move") && p.value ? p.value : p.message, more);
    }
    return { script: null, problems };
  }
  const script = parsed.script;
  if (graphLimit <= 0) return { script: problems.length ? null : script, problems };
  let report;
  try {
    report = checkScenario(script, graphLimit);
  } catch {
    // xstate/graph stops at the limit by throwing: a script with too many distinct situations to check.
    at("too-complex", [], String(graphLimit), { limit: String(graphLimit) });
    return { script: null, problems };
  }
  if (report.vertices >= graphLimit) at("too-complex", [], String(graphLimit), { limit: String(graphLimit) });
  for (const name of report.unreachable) at("unreachable", [name in script.turns ? "turns" : "endings", name], name, { value: name });
  for (const name of report.deadEnds) at("dead-end", ["turns", name], name, { value: name });
  for (const problem of report.problems) {
    if (problem.startsWith("unreachable:") || problem.startsWith("paths that never reach") || problem.startsWith("exploration stopped")) continue;
    const { code, ...more } = graphProblem(problem);
    at(code, [], problem, more);
  }
  return { script: problems.length ? null : script, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// The structured form

type Texts = { zh: string; en: string };
const texts = (value: unknown): Texts => {
  const v = (value ?? {}) as { zh?: unknown; en?: unknown };
  return { zh: typeof v.zh === "string" ? v.zh : "", en: typeof v.en === "string" ? v.en : "" };
};
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : []);
const entries = (value: unknown): Array<[string, Record<string, unknown>]> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, (v && typeof v === "object" ? v : {}) as Record<string, unknown>])
    : [];
const numberOr = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

/** The form's view of a parsed (not necessarily valid) script: what is missing shows empty. */
export function formOf(raw: unknown): ScenarioForm {
  const s = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const turns = entries(s.turns);
  return {
    title: texts(s.title),
    setting: texts(s.setting),
    startEmotion: numberOr(s.startEmotion, 50),
    personas: entries(s.personas).map(([id, p]) => ({ id, name: texts(p.name) })),
    targets: [...turns.map(([id]) => id), ...entries(s.endings).map(([id]) => id)],
    turns: turns.map(([id, t]) => {
      const expect = (t.expect ?? {}) as Record<string, unknown>;
      return {
        id,
        speaker: typeof t.speaker === "string" ? t.speaker : "",
        line: texts(t.line),
        lines: (Array.isArray(t.lines) ? t.lines : []).map((v: { narration?: unknown } | null) => ({ ...texts(v), narration: texts(v?.narration) })),
        narration: texts(t.narration),
        hint: texts(t.hint),
        requiredMoves: strings(expect.requiredMoves),
        forbiddenMoves: strings(expect.forbiddenMoves),
        next: (Array.isArray(t.next) ? t.next : []).map((b: { goto?: unknown; if?: unknown }) => ({
          goto: typeof b?.goto === "string" ? b.goto : "",
          conditional: Boolean(b?.if),
        })),
        suggestions: (Array.isArray(t.suggestions) ? t.suggestions : []).map((x: { text?: unknown; scores?: Record<string, unknown> }) => ({
          text: typeof x?.text === "string" ? x.text : "",
          scores: {
            listening: numberOr(x?.scores?.listening, 0),
            empathy: numberOr(x?.scores?.empathy, 0),
            wording: numberOr(x?.scores?.wording, 0),
          },
        })),
      };
    }),
  };
}

const ID = "[a-z0-9][a-z0-9-]*";
/** The form's field names, each a path into the script; nothing else a form posts is written. */
const FIELD_PATTERNS: ReadonlyArray<{ pattern: RegExp; kind: "text" | "optional-text" | "number" | "moves" | "id" }> = [
  { pattern: /^(title|setting)\.(zh|en)$/, kind: "text" },
  { pattern: /^startEmotion$/, kind: "number" },
  { pattern: new RegExp(`^personas\\.${ID}\\.name\\.(zh|en)$`), kind: "text" },
  { pattern: new RegExp(`^turns\\.${ID}\\.line\\.(zh|en)$`), kind: "text" },
  { pattern: new RegExp(`^turns\\.${ID}\\.lines\\.\\d{1,2}\\.(zh|en)$`), kind: "text" },
  { pattern: new RegExp(`^turns\\.${ID}\\.(narration|hint)\\.(zh|en)$`), kind: "optional-text" },
  { pattern: new RegExp(`^turns\\.${ID}\\.lines\\.\\d{1,2}\\.narration\\.(zh|en)$`), kind: "optional-text" },
  { pattern: new RegExp(`^turns\\.${ID}\\.expect\\.(requiredMoves|forbiddenMoves)$`), kind: "moves" },
  { pattern: new RegExp(`^turns\\.${ID}\\.next\\.\\d{1,2}\\.goto$`), kind: "id" },
  { pattern: new RegExp(`^turns\\.${ID}\\.suggestions\\.\\d\\.text$`), kind: "text" },
  { pattern: new RegExp(`^turns\\.${ID}\\.suggestions\\.\\d\\.scores\\.(listening|empathy|wording)$`), kind: "number" },
];

const pathOf = (name: string): Array<string | number> => name.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** A number typed in the form: an integer stays a number; anything else stays text, for the schema check to place. */
const numeric = (value: string): number | string => (/^-?\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value);

/**
 * Writes the form's fields into the script's YAML document and returns the new text. Only fields the form has,
 * only where they differ, and scalars in place: the rest of the document (comments, order, styles) is kept.
 * A field whose place no longer exists in the document (a turn renamed in the text meanwhile) is skipped.
 * `moves` are the posted pickers (absent = none chosen); `present` lists the pickers the form showed.
 */
export function applyForm(text: string, fields: ReadonlyMap<string, string>, moves: ReadonlyMap<string, string[]>): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length || !isMap(doc.contents)) return text;
  const existingParent = (path: Array<string | number>) => {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    return isMap(parent) || isSeq(parent) || (path.length > 2 && doc.getIn(path.slice(0, -2), true) !== undefined);
  };
  const setValue = (path: Array<string | number>, value: unknown) => {
    const node = doc.getIn(path, true);
    if (isScalar(node)) {
      if (node.value !== value) node.value = value;
    } else doc.setIn(path, value);
  };
  for (const [name, value] of fields) {
    const field = FIELD_PATTERNS.find((f) => f.pattern.test(name));
    if (!field || field.kind === "moves") continue;
    const path = pathOf(name);
    if (!existingParent(path)) continue;
    if (field.kind === "number") setValue(path, numeric(value));
    else if (field.kind === "optional-text") {
      const pair = path.slice(0, -1);
      const other = fields.get(`${pair.join(".")}.${path.at(-1) === "zh" ? "en" : "zh"}`) ?? "";
      if (!value.trim() && !other.trim()) {
        if (doc.hasIn(pair)) doc.deleteIn(pair);
      } else setValue(path, value);
    } else setValue(path, value);
  }
  for (const [name, chosen] of moves) {
    if (!FIELD_PATTERNS.some((f) => f.kind === "moves" && f.pattern.test(name))) continue;
    const path = pathOf(name);
    const turn = doc.getIn(path.slice(0, 2), true);
    if (!isMap(turn)) continue;
    const current = doc.getIn(path, true);
    const before = isSeq(current) ? current.items.map((i) => (isScalar(i) ? i.value : i)) : [];
    if (JSON.stringify(before) === JSON.stringify(chosen)) continue;
    const node = doc.createNode(chosen);
    node.flow = true;
    doc.setIn(path, node);
  }
  return doc.toString({ lineWidth: 0 });
}

/**
 * Sets the script's id and version in its text. Top-level `id:` and `version:` lines are replaced as lines, so
 * the rest of the text stays byte for byte; otherwise through the YAML document.
 */
export function withIdAndVersion(text: string, id: string, version?: number): string {
  const idLine = /^id:[ \t]*[^\n#]*$/m;
  const versionLine = /^version:[ \t]*\d+[ \t]*$/m;
  const once = (re: RegExp) => (text.match(new RegExp(re.source, "gm")) ?? []).length === 1;
  if (once(idLine) && (version === undefined || once(versionLine))) {
    const replaced = text.replace(idLine, `id: ${id}`);
    return version === undefined ? replaced : replaced.replace(versionLine, `version: ${version}`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length || !isMap(doc.contents)) return text;
  doc.set("id", id);
  if (version !== undefined) doc.set("version", version);
  return doc.toString({ lineWidth: 0 });
}

/** The parsed value of a script text, or null when it is not a YAML mapping. */
export function rawScript(text: string): Record<string, unknown> | null {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) return null;
  try {
    const raw = doc.toJS({ maxAliasCount: 50 });
    return raw && typeof raw === "object" && !Array.isArray(raw) ? raw : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A new scenario from scratch

/**
 * The smallest script that passes every check: five turns on the main line, a turn off it that leads back (the
 * recovery), an escalated ending, and the timeout safety net. The author fills in the words.
 */
export function blankScript(id: string): string {
  const turn = (n: number, next: string) => `  step-${n}:
    speaker: owner
    line:
      zh: 业主第 ${n} 句话。
      en: The owner's line ${n}.
    expect:
      requiredMoves: []
    next:
${next}`;
  const onward = (n: number) => `      - if: { emotionAtLeast: 85 }
        goto: upset
      - goto: step-${n + 1}
`;
  return `# 新情景：把每句话改成你们自己的情况。Replace every line with your own situation.
id: ${id}
version: 1
title:
  zh: 新情景
  en: New scenario
summary:
  zh: 一句话说明这个情景练什么。
  en: One sentence on what this scenario drills.
setting:
  zh: 学员开始前看到的情况说明。
  en: What the trainee is told before the first line.
channel: phone
category:
  zh: 日常服务
  en: Everyday service
startEmotion: 60
maxTurns: 10
personas:
  owner:
    name: { zh: 业主, en: The owner }
    description: { zh: 来电的业主。, en: The owner who calls. }
start: step-1
turns:
${turn(1, onward(1))}${turn(2, onward(2))}${turn(3, onward(3))}${turn(4, onward(4))}${turn(5, "      - goto: resolved\n")}  upset:
    speaker: owner
    line:
      zh: 你们这是什么态度？
      en: What kind of attitude is that?
    next:
      - if: { emotionAtLeast: 85 }
        goto: complaint
      - goto: step-3
endings:
  resolved:
    outcome: resolved
    line: { zh: 好的，谢谢。, en: "All right, thank you." }
    summary: { zh: 业主满意地挂了电话。, en: The owner hung up satisfied. }
  complaint:
    outcome: escalated
    line: { zh: 我要投诉你们！, en: I am going to complain about you! }
    summary: { zh: 业主越来越生气，要去投诉。, en: "The owner got angrier and angrier, and is going to complain." }
  timeout:
    outcome: failed
    line: { zh: 算了，我不说了。, en: "Forget it, I'm done." }
    summary: { zh: 通话拖得太久，业主放弃了。, en: "The call dragged on and the owner gave up." }
`;
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing two versions

/** Cells of the LCS table above which the middle of two texts is shown as removed then added, not aligned. */
const MAX_DIFF_CELLS = 4_000_000;

/**
 * A line diff (longest common subsequence) of two texts. Common first and last lines are taken off before the
 * table is built, so a small change in a long script costs little.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffLine[] = a.slice(0, start).map((text) => ({ op: "same", text }));
  const tail: DiffLine[] = a.slice(endA).map((text) => ({ op: "same", text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_DIFF_CELLS) {
    return [...head, ...midA.map((text): DiffLine => ({ op: "del", text })), ...midB.map((text): DiffLine => ({ op: "add", text })), ...tail];
  }
  // lengths[i][j]: the LCS of midA[i..] and midB[j..].
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lengths[i][j] = midA[i] === midB[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  }
  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      middle.push({ op: "same", text: midA[i] });
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) middle.push({ op: "del", text: midA[i++] });
    else middle.push({ op: "add", text: midB[j++] });
  }
  while (i < n) middle.push({ op: "del", text: midA[i++] });
  while (j < m) middle.push({ op: "add", text: midB[j++] });
  return [...head, ...middle, ...tail];
}

// ---------------------------------------------------------------------------------------------------------------
// Who plays what

export type Audience = "everyone" | string[];

export interface Publishable {
  retiredAt: string | null;
  versions: ReadonlyArray<{ version: number; audience: Audience }>;
}

/**
 * Whether a user sees an authored scenario in practice: a published, unretired one whose latest version is
 * published to everyone or to the user's team. Authors (trainers, supervisors) see every published one.
 */
export function isVisibleTo(scenario: Publishable, user: { teamId: string }, isAuthor: boolean): boolean {
  if (scenario.retiredAt) return false;
  const latest = scenario.versions.at(-1);
  if (!latest) return false;
  if (isAuthor) return true;
  return latest.audience === "everyone" || latest.audience.includes(user.teamId);
}

/** An audience a user may publish to: everyone only with that permission; otherwise a non-empty set of teams they train. */
export function audienceAllowed(audience: Audience, trainedTeamIds: readonly string[], mayPublishToEveryone: boolean): boolean {
  if (audience === "everyone") return mayPublishToEveryone;
  return audience.length > 0 && audience.every((t) => trainedTeamIds.includes(t));
}
