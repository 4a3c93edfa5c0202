import { createActor, type Snapshot } from "xstate";
import type { ScoreReply } from "~/scoring/score-reply";
import type { Finding, TurnExpectation } from "~/scoring/types";
import { criticalMovesAt, lineOf, sayingOf, SERIOUS_FINDING_DELTA, type ReplyScores, type RoleplayContext } from "./dynamics";
import { scriptStateOf, type RoleplayEvent, type RoleplayMachine } from "./machine";
import { isCounterExample } from "./suggestions";
import { movesOfScript, type Localised, type ScenarioScript, type Turn } from "./script";

/**
 * Runs one step of a role-play on the server, the way a request does: restore the persisted snapshot, send the
 * events, read the result, persist the new snapshot. Pure apart from XState's in-memory actor: no I/O.
 */

/** One answered turn as the transcript keeps it: everything needed to show it later, whatever the script becomes. */
export interface TurnRecord {
  n: number;
  turn: string;
  speaker: Localised;
  line: Localised;
  kind: "reply" | "choice";
  text: string;
  scores: ReplyScores;
  findings: Finding[];
  /** For a chosen suggestion: the authored feedback. */
  feedback: Localised | null;
  moves: string[];
  emotionBefore: number;
  emotionAfter: number;
  minuteAfter: number;
  /** Moves in this answer that fail the attempt (`act:<id>` for an act of the scorer). */
  critical: string[];
  /** How much this step weighed in each dimension of the call's score (absent in older records: 1 each). */
  weights?: ReplyScores;
  answeredAt: string;
}

export type Answer = { kind: "reply"; text: string } | { kind: "choose"; index: number };

/** The essentials a reply asked for (`asked:<topic>`), from its findings: remembered for the rest of the call. */
function askedTopics(findings: readonly Finding[], topics: readonly string[]): string[] {
  const asked = findings.filter((f) => f.rule === "listening.asked");
  return topics.filter((topic) => asked.some((f) => f.message.zh.includes(topic))).map((topic) => `asked:${topic}`);
}

export interface StepResult {
  snapshot: unknown;
  /** The script states whose lines the machine spoke during this step (its `ownerSpeaks` effect), in order. */
  spoken: string[];
  /** The script state now: the next turn, or an ending. */
  state: string;
  ended: boolean;
  context: RoleplayContext;
}

function read(snapshot: { value: unknown; status: string; context: RoleplayContext }, persisted: unknown, spoken: string[]): StepResult {
  return { snapshot: persisted, spoken, state: scriptStateOf(snapshot.value), ended: snapshot.status === "done", context: snapshot.context };
}

/**
 * The machine with its effects supplied: the lines it speaks go to the step that is running. `.provide` builds a
 * new machine (costly: every transition is formatted again), so it is done once per machine; steps are
 * synchronous, so one collector at a time is enough.
 */
let collector: string[] | null = null;
const provided = new WeakMap<RoleplayMachine, RoleplayMachine>();

function withEffects(machine: RoleplayMachine, spoken: string[]): RoleplayMachine {
  collector = spoken;
  let withHost = provided.get(machine);
  if (!withHost) {
    withHost = machine.provide({
      actions: {
        ownerSpeaks: (_, params) => {
          collector?.push(params.state);
        },
      },
    }) as RoleplayMachine;
    provided.set(machine, withHost);
  }
  return withHost;
}

/**
 * What the scorer is told about a reply at a turn of a script: the step's expectations, with what the owners said
 * before (`earlier`), the line the reply answers (`owner`: the wording said, where the turn has several; the
 * turn's `line` if not given), the owner's emotion as the reply was typed, and the moves made at earlier turns.
 * Labelled examples rebuild it from a transcript (its turns' lines, `emotionBefore` and `moves`) to score the reply
 * again.
 */
export function turnExpectation(
  script: ScenarioScript,
  turnId: string,
  call: { earlier: readonly string[]; emotion: number; madeBefore: readonly string[]; owner?: string },
): TurnExpectation {
  const turn = script.turns[turnId];
  // A move this step's branches test as missing now (movesMissing) decides the call here: made at an earlier turn, it
  // is still demanded at this one, so the report says so where the ending was decided.
  const decidedHere = new Set(turn.next.flatMap((branch) => branch.if?.movesMissing ?? []));
  return {
    owner: call.owner ?? turn.line.zh,
    earlier: [...call.earlier],
    facts: turn.expect.facts,
    ask: turn.expect.ask,
    emotion: call.emotion,
    requiredMoves: turn.expect.requiredMoves,
    moves: movesOfScript(script),
    // A move that fails the attempt is forbidden wherever its persona is answered: the turn says so where it was made.
    forbiddenMoves: [...new Set([...turn.expect.forbiddenMoves, ...criticalMovesAt(script, turnId).filter((move) => !move.startsWith("act:"))])],
    madeBefore: call.madeBefore.filter((move) => !decidedHere.has(move)),
    colleague: script.personas[turn.speaker]?.colleague ?? false,
  };
}

/**
 * What the current turn's speaker says and the narration shown with it, read from the persisted snapshot (XState
 * keeps the context in it): the wording chosen by what was done before, where the turn has several.
 */
export function sayingAtSnapshot(turn: Pick<Turn, "line" | "lines" | "narration">, snapshot: unknown): { line: Localised; narration: Localised | null } {
  const context = (snapshot as { context?: RoleplayContext } | null)?.context;
  return context ? sayingOf(turn, context) : { line: turn.line, narration: turn.narration ?? null };
}

/** A new attempt: the machine at its first turn. */
export function startRoleplay(machine: RoleplayMachine): StepResult {
  const spoken: string[] = [];
  const actor = createActor(withEffects(machine, spoken)).start();
  const result = read(actor.getSnapshot(), actor.getPersistedSnapshot(), spoken);
  actor.stop();
  return result;
}

export class TurnRefused extends Error {}

/**
 * Answers the current turn: scores a free-text reply (or takes a suggestion's authored scores), sends the answer
 * and the clock's advance to the machine, and returns the new snapshot and the transcript record.
 */
export function answerTurn(
  script: ScenarioScript,
  machine: RoleplayMachine,
  snapshot: unknown,
  answer: Answer,
  scoreReply: ScoreReply,
  n: number,
  now = new Date(),
  earlier: readonly string[] = [],
): { step: StepResult; record: TurnRecord } {
  const spoken: string[] = [];
  const actor = createActor(withEffects(machine, spoken), { snapshot: snapshot as Snapshot<unknown> }).start();
  try {
    const before = actor.getSnapshot();
    if (before.status === "done") throw new TurnRefused("the attempt has ended");
    const turnId = scriptStateOf(before.value);
    const turn = script.turns[turnId];
    if (!turn) throw new TurnRefused(`not at a trainee turn: ${turnId}`);
    const line = lineOf(turn, before.context);

    let event: RoleplayEvent;
    let scores: ReplyScores;
    let findings: Finding[] = [];
    let moves: string[];
    let feedback: Localised | null = null;
    let text: string;
    if (answer.kind === "reply") {
      // The call so far: what the owners said before, and what was done at earlier turns (not demanded again).
      const result = scoreReply(
        answer.text,
        turnExpectation(script, turnId, { earlier, emotion: before.context.emotion, madeBefore: Object.keys(before.context.movesMade), owner: line.zh }),
      );
      scores = { listening: result.listening, empathy: result.empathy, wording: result.wording };
      findings = result.findings;
      // Acts (an unsafe instruction, a threat …) count as moves too: a script can branch on them or forbid them,
      // and essentials asked are remembered, so they are not demanded again.
      moves = [...result.moves, ...result.acts.map((a) => `act:${a}`), ...askedTopics(findings, turn.expect.ask)];

      text = answer.text;
      const seriousFaults = result.findings.filter((f) => f.kind === "issue" && f.delta <= SERIOUS_FINDING_DELTA).length;
      event = { type: "trainee.reply", scores, moves, seriousFaults };
    } else {
      const suggestion = turn.suggestions[answer.index];
      if (!suggestion) throw new TurnRefused("no such suggested reply");
      // A counter-example is shown as what not to say, never offered to send: posting its index is refused.
      if (isCounterExample(suggestion, turn, script.pass)) throw new TurnRefused("a counter-example cannot be sent");
      scores = { ...suggestion.scores };
      moves = [...suggestion.moves];
      feedback = suggestion.feedback;
      text = suggestion.text;
      event = { type: "trainee.choose", index: answer.index };
    }

    actor.send(event);
    actor.send({ type: "clock.advance", minutes: turn.minutes });
    const after = actor.getSnapshot();
    const neverMoves = new Set(criticalMovesAt(script, turnId));
    const record: TurnRecord = {
      n,
      turn: turnId,
      speaker: script.personas[turn.speaker].name,
      line,
      kind: answer.kind === "reply" ? "reply" : "choice",
      text,
      scores,
      findings,
      feedback,
      moves,
      emotionBefore: before.context.emotion,
      emotionAfter: after.context.emotion,
      minuteAfter: after.context.minute,
      critical: moves.filter((m) => neverMoves.has(m)),
      weights: { ...turn.assess },
      answeredAt: now.toISOString(),
    };
    return { step: read(after, actor.getPersistedSnapshot(), spoken), record };
  } finally {
    actor.stop();
  }
}
