import { z } from "zod";
import { MODULE_SLUGS } from "~/courseware/modules";

/**
 * The shape of a scenario script (scenarios/<id>.yaml), checked when it is loaded. A script is data: the owner's
 * lines, what the scorer should expect at each trainee turn, and the branches. app/roleplay/machine.ts compiles
 * it into an XState machine.
 */

const localised = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens");
const scores = z.object({
  listening: z.number().int().min(0).max(100),
  empathy: z.number().int().min(0).max(100),
  wording: z.number().int().min(0).max(100),
});

/** All conditions given must hold. "This reply" means the reply of the turn being left. */
/** Each dimension's pass mark, unless a script sets its own. */
export const DEFAULT_PASS_MARKS = { listening: 70, empathy: 70, wording: 70 };

export const conditionSchema = z
  .object({
    /** The owner's emotion (the room's tension), after this reply, is at least / below. */
    emotionAtLeast: z.number().min(0).max(100).optional(),
    emotionBelow: z.number().min(0).max(100).optional(),
    /** This reply makes all of these moves / misses at least one of these moves. */
    movesMade: z.array(id).optional(),
    movesMissing: z.array(id).optional(),
    /** This reply is the first of the call to make all of these moves (a number asked for the first time). */
    movesFirstMade: z.array(id).optional(),
    /** This reply answered a line of one of these people (her number asked of her, not of the guard on the radio). */
    answeringOneOf: z.array(id).optional(),
    /** Some reply so far has / no reply so far has made this move. */
    madeEver: id.optional(),
    notMadeEver: id.optional(),
    /** The simulated clock has reached this minute. */
    minuteAtLeast: z.number().int().min(0).optional(),
    /** This reply scored below this on a dimension. */
    scoreBelow: scores.partial().optional(),
    /** At least this many minutes have passed since the move was first made (e.g. the maintenance company arrives). */
    minutesSinceMove: z.object({ move: id, atLeast: z.number().int().min(0) }).optional(),
    /** The move was first made by this minute of the clock (asked about the child first, not only when reproached). */
    madeBy: z.object({ move: id, minute: z.number().int().min(0) }).optional(),
    /** The call has been through this turn: its line was said and answered (the guard reports again after a second fall). */
    visited: id.optional(),
    /** The call has not been through this turn (the rescue comes once, by whoever gets there first). */
    notVisited: id.optional(),
  })
  .strict();

/** The moves a condition names. */
export function movesInCondition(c: Condition): string[] {
  return [
    ...(c.movesMade ?? []),
    ...(c.movesMissing ?? []),
    ...(c.movesFirstMade ?? []),
    ...(c.madeEver ? [c.madeEver] : []),
    ...(c.notMadeEver ? [c.notMadeEver] : []),
    ...(c.minutesSinceMove ? [c.minutesSinceMove.move] : []),
    ...(c.madeBy ? [c.madeBy.move] : []),
  ];
}

export type Condition = z.infer<typeof conditionSchema>;

/**
 * Both conditions at once, as one (an answer's own `if` on a line's wording), or the field the two set in ways one
 * condition cannot hold together (two different `visited` turns): lists that must all hold are joined, "one of" lists
 * narrowed to the people in both, thresholds tightened.
 */
export function bothConditions(a: Condition, b: Condition): { condition: Condition } | { conflict: keyof Condition } {
  const out: Condition = { ...a };
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  for (const key of Object.keys(b) as Array<keyof Condition>) {
    const x = a[key];
    const y = b[key];
    if (y === undefined) continue;
    if (x === undefined || same(x, y)) {
      Object.assign(out, { [key]: y });
      continue;
    }
    switch (key) {
      case "movesMade":
      case "movesFirstMade":
        out[key] = [...new Set([...(x as string[]), ...(y as string[])])];
        break;
      case "answeringOneOf": {
        const both = (x as string[]).filter((p) => (y as string[]).includes(p));
        if (!both.length) return { conflict: key };
        out[key] = both;
        break;
      }
      case "emotionAtLeast":
      case "minuteAtLeast":
        out[key] = Math.max(x as number, y as number);
        break;
      case "emotionBelow":
        out[key] = Math.min(x as number, y as number);
        break;
      default:
        return { conflict: key };
    }
  }
  return { condition: out };
}

const branch = z.object({ if: conditionSchema.optional(), goto: id, note: z.string().optional() }).strict();

/**
 * Another wording of a turn's line, said instead of `line` when its condition holds as the turn is reached ("this
 * reply" = the reply that led here): the owner answers what was actually said (no "多久？" after a time was given)
 * without a new step in the map. The first that holds is said, with its own narration if it has one (the police
 * come in only if someone called them), else the turn's.
 */
const lineVariant = z
  .object({ if: conditionSchema, zh: z.string().min(1), en: z.string().min(1), narration: localised.optional(), note: z.string().optional() })
  .strict();

/** Another wording of an ending's closing line (thanks for what was actually done), chosen as a turn's is. */
const endingLineVariant = lineVariant.omit({ narration: true });

const suggestion = z
  .object({
    text: z.string().min(1),
    scores,
    moves: z.array(id).default([]),
    feedback: localised,
  })
  .strict();

export const turnSchema = z
  .object({
    /** Who speaks this turn's line (a persona id). */
    speaker: id,
    line: localised,
    lines: z.array(lineVariant).default([]),
    /** Stage directions shown in italics, e.g. 电话那头传来敲门声. */
    narration: localised.optional(),
    /**
     * How much this step weighs in each dimension of the call's score (0 = the step does not assess it): a safety
     * instruction weighs the instruction, not empathy; reading back a record is listening. Default 1 each.
     */
    assess: z
      .object({ listening: z.number().min(0).max(2).default(1), empathy: z.number().min(0).max(2).default(1), wording: z.number().min(0).max(2).default(1) })
      .strict()
      .default({ listening: 1, empathy: 1, wording: 1 }),
    /** Simulated minutes the trainee's answer to this turn takes. */
    minutes: z.number().int().min(0).max(60).default(1),
    expect: z
      .object({
        facts: z.array(z.array(z.string().min(1)).min(1)).default([]),
        ask: z.array(z.string().min(1)).default([]),
        requiredMoves: z.array(id).default([]),
        forbiddenMoves: z.array(id).default([]),
      })
      .strict()
      .default({ facts: [], ask: [], requiredMoves: [], forbiddenMoves: [] }),
    /** Practice mode only: a hint and 2–4 suggested replies for beginners. */
    hint: localised.optional(),
    suggestions: z.array(suggestion).max(4).default([]),
    /** Tried in order; the first whose condition holds is taken. The last must have no condition. */
    next: z.array(branch).min(1),
  })
  .strict();

export const endingSchema = z
  .object({
    outcome: z.enum(["resolved", "escalated", "failed"]),
    speaker: id.optional(),
    line: localised,
    lines: z.array(endingLineVariant).default([]),
    /** Why the story ended this way, shown in the report. */
    summary: localised,
  })
  .strict();

export const scenarioSchema = z
  .object({
    id,
    version: z.number().int().positive(),
    title: localised,
    summary: localised,
    /** The situation, shown before the first line. */
    setting: localised,
    channel: z.enum(["phone", "counter", "intercom", "online"]),
    /** The kind of call, shown in the scenario list (设施报修 / Repairs …). */
    category: localised,
    /** The meter: one owner's emotion, or a room's tension (group complaints). */
    meter: z.enum(["emotion", "tension"]).default("emotion"),
    startEmotion: z.number().int().min(0).max(100),
    /** Whether the simulated clock is shown (emergencies). */
    showClock: z.boolean().default(false),
    /** After this many trainee turns the story ends (ending `timeout` must exist). */
    maxTurns: z.number().int().min(3).max(30).default(16),
    pass: scores.default(DEFAULT_PASS_MARKS),
    personas: z.record(
      id,
      z
        .object({
          name: localised,
          description: localised,
          /** A colleague (a guard on the radio), not an owner: spoken to as 你, and not an owner's feelings to acknowledge. */
          colleague: z.boolean().default(false),
        })
        .strict(),
    ),
    start: id,
    turns: z.record(id, turnSchema),
    endings: z.record(id, endingSchema),
    /**
     * Questions the people in the call answer when asked: when a reply makes `move`, the next line of one of
     * `speakers` opens with the answer (asked for her number, she gives it). Written once here rather than as a
     * wording of every line; withAnswers() adds the wordings. `narration` is what is seen before the answer
     * (another person answering first): shown as narration at a turn, never put in the speaker's mouth, and only
     * the first time the move is made (what was said once is not said again). `once`: the answer itself is given
     * only the first time (a number already given is not given again when asked a second time).
     * `askedOf`: the people the question must be put to (by default `speakers`): a neighbour asked when she last
     * saw him answers in the narration (no `zh`/`en` then) before the guard's line that comes next. `if`: only while
     * this holds (the mother's blood pressure is told once, before the son says it unasked).
     */
    answers: z
      .array(
        z
          .object({
            move: id,
            speakers: z.array(id).min(1),
            askedOf: z.array(id).min(1).optional(),
            if: conditionSchema.optional(),
            zh: z.string().min(1).optional(),
            en: z.string().min(1).optional(),
            narration: localised.optional(),
            once: z.boolean().optional(),
            note: z.string().optional(),
          })
          .strict()
          .refine((a) => (a.zh === undefined) === (a.en === undefined), { message: "give the answer in both zh and en, or in neither" })
          .refine((a) => a.zh !== undefined || a.narration !== undefined, { message: "an answer needs zh and en, or a narration" }),
      )
      .default([]),
    /** Checked after every answer, before the turn's own branches, in order. */
    deadlines: z.array(z.object({ id, if: conditionSchema, goto: id, once: z.boolean().default(true), note: z.string().optional() }).strict()).default([]),
    critical: z
      .object({
        /**
         * Making one of these moves at any turn fails the attempt; `act:<id>` names an act of the scorer
         * (act:unsafe-advice, act:threat, act:over-promise, act:privacy-leak), recognised in any wording.
         */
        never: z
          .array(
            z
              .object({
                move: z.string().regex(/^(act:)?[a-z0-9][a-z0-9-]*$/),
                reason: localised,
                /**
                 * Only when answering these personas (telling the renovating owner about the neighbour's illness is
                 * a disclosure; talking about it with the neighbour herself is not). Default: everyone.
                 */
                speakers: z.array(id).optional(),
              })
              .strict(),
          )
          .default([]),
        /** Reaching an ending without ever making one of these moves fails the attempt. */
        always: z.array(z.object({ move: id, reason: localised }).strict()).default([]),
      })
      .strict()
      .default({ never: [], always: [] }),
    /** Courseware sections that teach what a dimension or a move is about, for the report's "learn more". */
    learnMore: z
      .array(
        z
          .object({
            dimension: z.enum(["listening", "empathy", "wording"]).optional(),
            move: id.optional(),
            module: z.enum(MODULE_SLUGS),
            section: id,
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type ScenarioScript = z.infer<typeof scenarioSchema>;

const movesUsed = new WeakMap<ScenarioScript, string[]>();

/**
 * Every move a scenario refers to (steps, branches, deadlines, suggestions, critical rules, courseware links): the
 * only moves worth looking for in its calls. A lift call is not searched for a gas valve.
 */
export function movesOfScript(script: ScenarioScript): string[] {
  let moves = movesUsed.get(script);
  if (!moves) {
    const found = new Set<string>();
    const fromCondition = (c: Condition | undefined) => {
      for (const m of c ? movesInCondition(c) : []) found.add(m);
    };
    for (const turn of Object.values(script.turns)) {
      for (const m of [...turn.expect.requiredMoves, ...turn.expect.forbiddenMoves, ...turn.suggestions.flatMap((s) => s.moves)]) found.add(m);
      for (const b of turn.next) fromCondition(b.if);
      for (const v of turn.lines) fromCondition(v.if);
    }
    for (const ending of Object.values(script.endings)) for (const v of ending.lines) fromCondition(v.if);
    for (const d of script.deadlines) fromCondition(d.if);
    for (const c of [...script.critical.never, ...script.critical.always]) if (!c.move.startsWith("act:")) found.add(c.move);
    for (const l of script.learnMore) if (l.move) found.add(l.move);
    moves = [...found].sort();
    movesUsed.set(script, moves);
  }
  return moves;
}
export type Turn = z.infer<typeof turnSchema>;
export type Ending = z.infer<typeof endingSchema>;
export type Localised = z.infer<typeof localised>;

export class ScenarioError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "ScenarioError";
  }
}

/** A problem found in a script, at the place it concerns (a path into the script: ["turns", "t1", "next", 0]). */
export interface ScriptProblem {
  path: Array<string | number>;
  message: string;
  /** What kind of problem: the schema's, an unknown move, a goto to nowhere, or another reference. */
  kind: "schema" | "unknown-move" | "goto" | "reference";
  /** Which reference check (for the editor's words in the author's language; the message is the checker's own). */
  reason?: ReferenceReason;
  /** The name at fault: a goto's target, a move, a persona, an act. */
  value?: string;
  /** A schema problem: zod's issue, its code and limits (the editor words it in the author's language). */
  issue?: SchemaIssue;
}

export type ReferenceReason =
  | "both-turn-and-ending"
  | "start-not-turn"
  | "no-timeout"
  | "unknown-persona"
  | "last-branch-if"
  | "one-suggestion"
  | "unknown-act"
  | "visited-not-turn"
  | "answer-condition-conflict";

/** What the editor needs of a zod issue: its code and, by code, the expected type, limits, options or keys. */
export interface SchemaIssue {
  code: string;
  expected?: string;
  origin?: string;
  minimum?: number;
  maximum?: number;
  values?: string[];
  keys?: string[];
}

function schemaIssue(i: z.core.$ZodIssue): SchemaIssue {
  const x = i as unknown as { expected?: unknown; origin?: unknown; minimum?: unknown; maximum?: unknown; values?: unknown; keys?: unknown };
  const num = (v: unknown) => (typeof v === "number" || typeof v === "bigint" ? Number(v) : undefined);
  return {
    code: i.code,
    ...(typeof x.expected === "string" ? { expected: x.expected } : {}),
    ...(typeof x.origin === "string" ? { origin: x.origin } : {}),
    ...(num(x.minimum) !== undefined ? { minimum: num(x.minimum) } : {}),
    ...(num(x.maximum) !== undefined ? { maximum: num(x.maximum) } : {}),
    ...(Array.isArray(x.values) ? { values: x.values.map(String) } : {}),
    ...(Array.isArray(x.keys) ? { keys: x.keys.map(String) } : {}),
  };
}

const pathText = (path: ReadonlyArray<string | number>) =>
  path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");

/** A problem as one line of text: `turns.t1.next[0]: goto "x" is neither a turn nor an ending`. */
export const problemText = (p: ScriptProblem) => `${pathText(p.path) || "script"}: ${p.message}`;

/**
 * Checks a parsed script: the schema, then the references the schema cannot see (every goto names a turn or an
 * ending, speakers are personas, the last branch of each turn is unconditional, `timeout` exists). Returns the
 * script, or every problem found with where it is.
 */
export function scenarioProblems(
  raw: unknown,
  knownMoves: ReadonlySet<string>,
  knownActs: ReadonlySet<string> = new Set(),
): { ok: true; script: ScenarioScript } | { ok: false; problems: ScriptProblem[] } {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i): ScriptProblem => ({
        path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
        message: i.message,
        kind: "schema",
        issue: schemaIssue(i),
      })),
    };
  }
  const script = parsed.data;
  const problems: ScriptProblem[] = [];
  const at = (path: Array<string | number>, message: string, kind: ScriptProblem["kind"] = "reference", more: Pick<ScriptProblem, "reason" | "value"> = {}) =>
    problems.push({ path, message, kind, ...more });
  const ref = (path: Array<string | number>, message: string, reason: ReferenceReason, value?: string) =>
    at(path, message, "reference", value === undefined ? { reason } : { reason, value });
  const states = new Set([...Object.keys(script.turns), ...Object.keys(script.endings)]);
  for (const name of Object.keys(script.turns))
    if (name in script.endings) ref(["turns", name], `"${name}" is both a turn and an ending`, "both-turn-and-ending", name);
  if (!(script.start in script.turns)) ref(["start"], `start "${script.start}" is not a turn`, "start-not-turn", script.start);
  if (!("timeout" in script.endings)) ref(["endings"], 'an ending "timeout" is needed for when maxTurns is reached', "no-timeout");
  const checkMoves = (where: Array<string | number>, moves: readonly string[] | undefined) => {
    for (const move of moves ?? [])
      if (!knownMoves.has(move)) at(where, `unknown move "${move}" (see content/scoring/moves.yaml)`, "unknown-move", { value: move });
  };
  const checkCondition = (where: Array<string | number>, c: Condition | undefined) => {
    if (!c) return;
    checkMoves(where, movesInCondition(c));
    for (const turn of [c.visited, c.notVisited])
      if (turn !== undefined && !(turn in script.turns)) ref(where, `visited "${turn}" is not a turn`, "visited-not-turn", turn);
  };
  for (const [name, turn] of Object.entries(script.turns)) {
    if (!(turn.speaker in script.personas)) ref(["turns", name, "speaker"], `unknown persona "${turn.speaker}"`, "unknown-persona", turn.speaker);
    turn.next.forEach((b, i) => {
      if (!states.has(b.goto)) at(["turns", name, "next", i, "goto"], `goto "${b.goto}" is neither a turn nor an ending`, "goto", { value: b.goto });
      checkCondition(["turns", name, "next", i], b.if);
    });
    turn.lines.forEach((v, i) => checkCondition(["turns", name, "lines", i], v.if));
    if (turn.next[turn.next.length - 1].if) ref(["turns", name, "next"], 'the last branch must have no "if" (the default)', "last-branch-if");
    checkMoves(["turns", name, "expect"], [...turn.expect.requiredMoves, ...turn.expect.forbiddenMoves]);
    turn.suggestions.forEach((s, i) => checkMoves(["turns", name, "suggestions", i], s.moves));
    if (turn.suggestions.length === 1) ref(["turns", name, "suggestions"], "give 2–4 suggested replies, or none", "one-suggestion");
  }
  for (const [name, ending] of Object.entries(script.endings)) {
    if (ending.speaker && !(ending.speaker in script.personas))
      ref(["endings", name, "speaker"], `unknown persona "${ending.speaker}"`, "unknown-persona", ending.speaker);
    ending.lines.forEach((v, i) => checkCondition(["endings", name, "lines", i], v.if));
  }
  script.deadlines.forEach((d, i) => {
    if (!states.has(d.goto)) at(["deadlines", i, "goto"], `goto "${d.goto}" is neither a turn nor an ending`, "goto", { value: d.goto });
    checkCondition(["deadlines", i], d.if);
  });
  script.answers.forEach((a, i) => {
    checkMoves(["answers", i], [a.move]);
    checkCondition(["answers", i, "if"], a.if);
    for (const [field, people] of [
      ["speakers", a.speakers],
      ["askedOf", a.askedOf ?? []],
    ] as const)
      for (const person of people) if (!(person in script.personas)) ref(["answers", i, field], `unknown persona "${person}"`, "unknown-persona", person);
  });
  checkMoves(["critical"], [...script.critical.never.map((c) => c.move).filter((m) => !m.startsWith("act:")), ...script.critical.always.map((c) => c.move)]);
  for (const c of script.critical.never) {
    for (const speaker of c.speakers ?? [])
      if (!(speaker in script.personas)) ref(["critical", "never"], `(${c.move}): unknown persona "${speaker}"`, "unknown-persona", speaker);
    if (c.move.startsWith("act:") && !knownActs.has(c.move.slice(4)))
      ref(["critical", "never"], `unknown act "${c.move.slice(4)}" (see content/scoring/acts.yaml)`, "unknown-act", c.move.slice(4));
  }
  if (problems.length) return { ok: false, problems };
  try {
    return { ok: true, script: withAnswers(script) };
  } catch (e) {
    if (!(e instanceof AnswerConflict)) throw e;
    return {
      ok: false,
      problems: [{ path: ["answers", e.answer, "if"], message: e.message, kind: "reference", reason: "answer-condition-conflict", value: e.field }],
    };
  }
}

/** An answer's `if` that cannot hold together with the condition of a wording it would open. */
class AnswerConflict extends Error {
  constructor(
    readonly answer: number,
    readonly wording: string,
    readonly field: string,
  ) {
    super(`cannot hold together with the condition of ${wording} (both set ${field})`);
  }
}

/**
 * The script with its `answers` written into the lines they open: for each line (and each of its other wordings) of
 * a speaker who answers, a wording that starts with the answer, said when this reply made the move. They come
 * before the line's own wordings, so the answer is given whatever else the line responds to. Two questions answered
 * on the same line in one reply (his number and his appointment) are both answered, in the order of the answers,
 * before either alone. An answer given only in the narration (someone else answers before the speaker's line) opens
 * a turn's lines, never an ending's.
 */
export function withAnswers(script: ScenarioScript): ScenarioScript {
  if (!script.answers.length) return script;
  type Variant = Turn["lines"][number];
  type Answer = ScenarioScript["answers"][number];
  // Asked of someone who answers it: a reply to the guard that asks for a number is not answered by the owner.
  const askedOf = new Map<string, string[]>();
  for (const a of script.answers) askedOf.set(a.move, [...new Set([...(askedOf.get(a.move) ?? []), ...(a.askedOf ?? a.speakers)])]);
  /** `turn`: the line is a turn's, with the narration it shows (an ending shows none). */
  const answered = (where: string, speaker: string | undefined, line: Localised, lines: readonly Variant[], turn?: { narration?: Localised }): Variant[] => {
    const wordings = [...lines, { if: {}, zh: line.zh, en: line.en }];
    const place = (i: number) => (i < lines.length ? `${where}.lines[${i}]` : where);
    const mine = script.answers
      .map((a, index) => ({ a, index }))
      .filter(({ a }) => speaker !== undefined && a.speakers.includes(speaker) && (a.zh !== undefined || turn !== undefined));
    // Given again when asked again: a spoken answer not marked once (an answer only in the narration is given once).
    const givenAgain = (a: Answer) => !a.once && a.zh !== undefined;
    // Said the first time it is asked as it is only then: given once, or with a narration seen only the first time.
    const onlyFirst = (a: Answer) => !givenAgain(a) || Boolean(turn && a.narration);
    /** The wording `v` opened by these answers, each asked the first time or again; or the field two conditions clash on. */
    const answering = (v: Variant, chosen: ReadonlyArray<{ a: Answer; firstTime: boolean }>): Variant | { conflict: keyof Condition } => {
      let condition: Condition = v.if;
      for (const { a, firstTime } of chosen) {
        const answeringOneOf = a.askedOf ?? askedOf.get(a.move)!;
        const asked: Condition = firstTime ? { movesFirstMade: [a.move], answeringOneOf } : { movesMade: [a.move], answeringOneOf };
        for (const part of [a.if ?? {}, asked]) {
          const joined = bothConditions(condition, part);
          if ("conflict" in joined) return joined;
          condition = joined.condition;
        }
      }
      // At a turn, the answers' own narration is seen first (the first time only), then what the line would have shown.
      const seen = chosen.flatMap(({ a, firstTime }) => (firstTime && turn && a.narration ? [a.narration] : []));
      const shown = v.narration ?? turn?.narration;
      const narration = [...seen, ...(shown ? [shown] : [])];
      return {
        ...v,
        if: condition,
        zh: chosen.map(({ a }) => a.zh ?? "").join("") + v.zh,
        en: [...chosen.flatMap(({ a }) => (a.en === undefined ? [] : [a.en])), v.en].join(" "),
        ...(seen.length ? { narration: { zh: narration.map((n) => n.zh).join(""), en: narration.map((n) => n.en).join(" ") } } : {}),
      };
    };
    const single = mine.flatMap(({ a, index }) => {
      const open = (firstTime: boolean) =>
        wordings.map((v, i) => {
          const opened = answering(v, [{ a, firstTime }]);
          if ("conflict" in opened) throw new AnswerConflict(index, place(i), opened.conflict);
          return opened;
        });
      // Asked again, the answer comes without what was seen the first time; an answer given only the first time not at all.
      return [...(onlyFirst(a) ? open(true) : []), ...(givenAgain(a) ? open(false) : [])];
    });
    // Both asked in one reply, each as it would be alone; a pair whose conditions cannot hold together is never said.
    const pairs = mine.flatMap(({ a }, i) =>
      mine
        .slice(i + 1)
        .filter(({ a: b }) => b.move !== a.move)
        .flatMap(({ a: b }) =>
          wordings.flatMap((v) => {
            const opened = answering(v, [
              { a, firstTime: onlyFirst(a) },
              { a: b, firstTime: onlyFirst(b) },
            ]);
            return "conflict" in opened ? [] : [opened];
          }),
        ),
    );
    return [...pairs, ...single];
  };
  const turns = Object.fromEntries(
    Object.entries(script.turns).map(([name, t]) => [name, { ...t, lines: [...answered(`turns.${name}`, t.speaker, t.line, t.lines, t), ...t.lines] }]),
  );
  const endings = Object.fromEntries(
    Object.entries(script.endings).map(([name, e]) => [name, { ...e, lines: [...answered(`endings.${name}`, e.speaker, e.line, e.lines), ...e.lines] }]),
  );
  return { ...script, turns, endings };
}

/** Checks a parsed script (see scenarioProblems); throws ScenarioError naming the file and every problem. */
export function parseScenario(raw: unknown, file: string, knownMoves: ReadonlySet<string>, knownActs: ReadonlySet<string> = new Set()): ScenarioScript {
  const checked = scenarioProblems(raw, knownMoves, knownActs);
  if (!checked.ok) throw new ScenarioError(file, checked.problems.map(problemText).join("; "));
  return checked.script;
}
