import { assign, setup } from "xstate";
import { applyAnswer, conditionHolds, criticalMovesAt, initialContext, missingAlwaysMoves, type ReplyScores, type RoleplayContext } from "./dynamics";
import type { Condition, ScenarioScript } from "./script";

/**
 * Compiles a scenario script into an XState machine. Each trainee turn T becomes three states:
 *   T            the owner has spoken; waits for `trainee.reply` or `trainee.choose`
 *   T__answered  the answer is applied; waits for `clock.advance`
 *   T__branch    eventless: the turn limit, then the deadlines, then T's branches, in order
 * Endings are final states. Effects are named no-op actions the host supplies with `.provide`.
 */

export type RoleplayEvent =
  | { type: "trainee.reply"; scores: ReplyScores; moves: string[]; seriousFaults: number }
  | { type: "trainee.choose"; index: number }
  | { type: "clock.advance"; minutes: number };

export const ANSWERED = "__answered";
export const BRANCH = "__branch";

/** The script state (turn or ending) a machine state belongs to. */
export function scriptStateOf(value: unknown): string {
  const name = String(value);
  return name.replace(/__(answered|branch)$/, "");
}

export function createRoleplayMachine(script: ScenarioScript) {
  const alwaysMoves = script.critical.always.map((c) => c.move);

  const base = setup({
    types: {
      context: {} as RoleplayContext,
      events: {} as RoleplayEvent,
    },
    guards: {
      conditionHolds: ({ context }, params: { condition?: Condition }) => conditionHolds(params.condition, context),
      deadlineDue: ({ context }, params: { id: string; condition: Condition; once: boolean }) =>
        !(params.once && context.firedDeadlines.includes(params.id)) && conditionHolds(params.condition, context),
      turnLimitReached: ({ context }) => context.turnsTaken >= script.maxTurns,
      suggestionExists: ({ event }, params: { turn: string }) =>
        event.type === "trainee.choose" && Number.isInteger(event.index) && event.index >= 0 && event.index < script.turns[params.turn].suggestions.length,
    },
    actions: {
      applyReply: assign(({ context, event }, params: { turn: string }) => {
        if (event.type !== "trainee.reply") return {};
        const turn = script.turns[params.turn];
        return applyAnswer(context, event, params.turn, criticalMovesAt(script, params.turn), turn.assess, turn.speaker);
      }),
      applyChoice: assign(({ context, event }, params: { turn: string }) => {
        if (event.type !== "trainee.choose") return {};
        const suggestion = script.turns[params.turn].suggestions[event.index];
        return applyAnswer(
          context,
          { scores: suggestion.scores, moves: suggestion.moves, seriousFaults: 0 },
          params.turn,
          criticalMovesAt(script, params.turn),
          script.turns[params.turn].assess,
          script.turns[params.turn].speaker,
        );
      }),
      advanceClock: assign(({ context, event }) => (event.type === "clock.advance" ? { minute: context.minute + Math.max(0, event.minutes) } : {})),
      markDeadline: assign(({ context }, params: { id: string }) => ({ firedDeadlines: [...context.firedDeadlines, params.id] })),
      recordMissingMoves: assign(({ context }, params: { ending: string }) => ({
        critical: [...context.critical, ...missingAlwaysMoves(context, alwaysMoves, script.endings[params.ending].outcome)],
      })),
      // Effects, supplied by the host: the machine never imports the store or the UI.
      ownerSpeaks: (_, _params: { state: string }) => {},
      attemptEnded: (_, _params: { ending: string }) => {},
    },
  });

  const states: Record<string, object> = {};
  for (const [name, turn] of Object.entries(script.turns)) {
    states[name] = {
      entry: { type: "ownerSpeaks", params: { state: name } },
      on: {
        "trainee.reply": { target: name + ANSWERED, actions: { type: "applyReply", params: { turn: name } } },
        "trainee.choose": {
          guard: { type: "suggestionExists", params: { turn: name } },
          target: name + ANSWERED,
          actions: { type: "applyChoice", params: { turn: name } },
        },
      },
    };
    states[name + ANSWERED] = {
      on: { "clock.advance": { target: name + BRANCH, actions: "advanceClock" } },
    };
    states[name + BRANCH] = {
      always: [
        { guard: "turnLimitReached", target: "timeout" },
        ...script.deadlines.map((d) => ({
          guard: { type: "deadlineDue", params: { id: d.id, condition: d.if, once: d.once } },
          target: d.goto,
          actions: { type: "markDeadline", params: { id: d.id } },
        })),
        ...turn.next.map((b) => (b.if ? { guard: { type: "conditionHolds", params: { condition: b.if } }, target: b.goto } : { target: b.goto })),
      ],
    };
  }
  for (const name of Object.keys(script.endings)) {
    states[name] = {
      type: "final",
      entry: [
        { type: "recordMissingMoves", params: { ending: name } },
        { type: "ownerSpeaks", params: { state: name } },
        { type: "attemptEnded", params: { ending: name } },
      ],
    };
  }

  return base.createMachine({
    id: `roleplay-${script.id}-v${script.version}`,
    context: initialContext(script.startEmotion),
    initial: script.start,
    // The config is generated from data, so its state names cannot be known to the type checker.
    states: states as never,
  });
}

export type RoleplayMachine = ReturnType<typeof createRoleplayMachine>;
