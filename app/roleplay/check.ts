import { getAdjacencyMap } from "xstate/graph";
import type { RoleplayContext } from "./dynamics";
import { ANSWERED, createRoleplayMachine, scriptStateOf, type RoleplayEvent } from "./machine";
import { movesInCondition, type Condition, type ScenarioScript } from "./script";

/**
 * Checks a scenario's machine by exploring it with `xstate/graph`: from the start, every kind of answer a trainee
 * can give at every turn (a strong reply with the turn's required moves, a mediocre one, a poor one without them,
 * one that makes the forbidden moves, each suggested reply), followed by the clock. It shows that every turn and
 * ending is reachable, that every path reaches an ending within the turn limit, and that the main line (always
 * the strong reply) resolves the scenario in 5–12 turns, with an escalation and a recovery somewhere off it.
 */

export interface CheckReport {
  scenario: string;
  vertices: number;
  unreachable: string[];
  /** No explored path runs out of turns: the `timeout` ending is a safety net never reached. */
  unreachableTimeout: boolean;
  deadEnds: string[];
  longestTurns: number;
  mainLine: string[];
  mainLineOutcome: string | null;
  escalations: string[];
  recoveries: string[];
  problems: string[];
}

type Snap = { value: unknown; status: string; context: RoleplayContext };

/**
 * What a vertex of the exploration is. Exact emotions would make every path its own state, so the emotion is kept
 * only as the band between the thresholds the script tests, and only the moves the script tests are kept. Two
 * snapshots with the same key behave alike at every branch, so exploring one of them covers both.
 */
function keyer(script: ScenarioScript) {
  const conditions: Condition[] = [
    ...script.deadlines.map((d) => d.if),
    ...Object.values(script.turns).flatMap((t) => t.next.map((b) => b.if).filter((c): c is Condition => Boolean(c))),
  ];
  const thresholds = [...new Set(conditions.flatMap((c) => [c.emotionAtLeast, c.emotionBelow]).filter((v): v is number => v !== undefined))].sort(
    (a, b) => a - b,
  );
  const tested = new Set<string>(script.critical.always.map((c) => c.move));
  for (const c of conditions) {
    for (const m of movesInCondition(c)) tested.add(m);
  }
  // When a move was made matters only to a clock condition on it (minutesSinceMove, madeBy); elsewhere only whether it was.
  const timed = new Set(conditions.flatMap((c) => [c.minutesSinceMove?.move, c.madeBy?.move]).filter((m): m is string => Boolean(m)));
  const whenMade = (move: string, minute: number) => (timed.has(move) ? minute : true);
  // Which turns were passed through matters only to a condition that asks.
  const visitedTested = new Set(conditions.flatMap((c) => [c.visited, c.notVisited]).filter((t): t is string => Boolean(t)));
  return (s: Snap) => {
    const c = s.context;
    const band = thresholds.filter((t) => c.emotion >= t).length;
    const moves = Object.entries(c.movesMade)
      .filter(([m]) => tested.has(m))
      .map(([m, minute]) => [m, whenMade(m, minute)])
      .sort();
    const answered = String(s.value).endsWith(ANSWERED);
    const last = answered && c.last ? [c.last.moves.filter((m) => tested.has(m)).sort(), c.last.scores] : null;
    const visited = c.visited.filter((t) => visitedTested.has(t));
    return JSON.stringify([s.value, s.status, band, c.minute, moves, c.firedDeadlines, c.critical.length > 0, last, visited]);
  };
}

function strongReply(script: ScenarioScript, turn: string): RoleplayEvent {
  const t = script.turns[turn];
  // The strong reply makes the turn's required moves and whatever moves its branches or the deadlines ask for,
  // except forbidden or critical ones.
  const wanted = new Set(t.expect.requiredMoves);
  for (const b of t.next) for (const m of b.if?.movesMissing ?? []) wanted.add(m);
  for (const d of script.deadlines) if (d.if.notMadeEver) wanted.add(d.if.notMadeEver);
  for (const m of t.expect.forbiddenMoves) wanted.delete(m);
  for (const c of script.critical.never) wanted.delete(c.move);
  return { type: "trainee.reply", scores: { listening: 88, empathy: 88, wording: 88 }, moves: [...wanted], seriousFaults: 0 };
}

function answersAt(script: ScenarioScript, turn: string): RoleplayEvent[] {
  const t = script.turns[turn];
  const events: RoleplayEvent[] = [
    strongReply(script, turn),
    { type: "trainee.reply", scores: { listening: 60, empathy: 60, wording: 60 }, moves: [...t.expect.requiredMoves], seriousFaults: 0 },
    { type: "trainee.reply", scores: { listening: 30, empathy: 25, wording: 30 }, moves: [], seriousFaults: 2 },
  ];
  const bad = [...new Set([...t.expect.forbiddenMoves, ...script.critical.never.map((c) => c.move)])];
  if (bad.length) events.push({ type: "trainee.reply", scores: { listening: 45, empathy: 40, wording: 35 }, moves: bad, seriousFaults: 1 });
  t.suggestions.forEach((_, index) => events.push({ type: "trainee.choose", index }));
  return events;
}

export function checkScenario(script: ScenarioScript, limit = 200_000): CheckReport {
  const machine = createRoleplayMachine(script);
  const problems: string[] = [];
  const serialize = keyer(script);
  const adjacency = getAdjacencyMap(machine, {
    events: (snapshot): RoleplayEvent[] => {
      const value = String((snapshot as Snap).value);
      if ((snapshot as Snap).status === "done") return [];
      if (value.endsWith(ANSWERED)) return [{ type: "clock.advance", minutes: script.turns[scriptStateOf(value)].minutes }];
      return answersAt(script, value);
    },
    serializeState: (snapshot) => serialize(snapshot as Snap),
    limit,
  });
  const keys = Object.keys(adjacency);
  const vertices = keys.length;
  if (vertices >= limit) problems.push(`exploration stopped at ${limit} states; the scenario may not terminate`);

  // Reachability.
  const reached = new Set(keys.map((k) => scriptStateOf((adjacency as unknown as Record<string, { state: Snap }>)[k].state.value)));
  // `timeout` is the safety net for maxTurns: a script whose branches always end sooner never reaches it.
  const unreachable = [...Object.keys(script.turns), ...Object.keys(script.endings)].filter((id) => id !== "timeout" && !reached.has(id));
  if (unreachable.length) problems.push(`unreachable: ${unreachable.join(", ")}`);

  // Every vertex must lead to an ending: walk back from the final vertices.
  const graph = adjacency as unknown as Record<string, { state: Snap; transitions: Record<string, { state: Snap }> }>;
  const predecessors = new Map<string, string[]>();
  for (const k of keys) {
    for (const t of Object.values(graph[k].transitions)) {
      const to = serialize(t.state);
      (predecessors.get(to) ?? predecessors.set(to, []).get(to)!).push(k);
    }
  }
  const canEnd = new Set(keys.filter((k) => graph[k].state.status === "done"));
  const queue = [...canEnd];
  while (queue.length) {
    for (const p of predecessors.get(queue.pop()!) ?? []) {
      if (!canEnd.has(p)) {
        canEnd.add(p);
        queue.push(p);
      }
    }
  }
  const deadEnds = [...new Set(keys.filter((k) => !canEnd.has(k)).map((k) => scriptStateOf(graph[k].state.value)))];
  if (deadEnds.length) problems.push(`paths that never reach an ending, from: ${deadEnds.join(", ")}`);
  // Every answer adds a turn and every branch state first checks the turn limit, so no path is longer than
  // maxTurns answers; the longest explored is reported.
  const longestTurns = Math.max(...keys.map((k) => graph[k].state.context.turnsTaken));
  if (longestTurns > script.maxTurns) problems.push(`a path takes ${longestTurns} turns, over maxTurns ${script.maxTurns}`);

  // The main line: always the strong reply.
  const mainLine: string[] = [];
  let at = keys[0];
  let guard = 0;
  while (at && graph[at].state.status !== "done" && guard++ < 100) {
    const value = String(graph[at].state.value);
    const event = value.endsWith(ANSWERED) ? { type: "clock.advance", minutes: script.turns[scriptStateOf(value)].minutes } : strongReply(script, value);
    if (!value.endsWith(ANSWERED)) mainLine.push(value);
    const next = Object.values(graph[at].transitions).find((t) => sameEvent(t, event));
    at = next ? serialize(next.state) : "";
  }
  const endingId = at && graph[at] ? scriptStateOf(graph[at].state.value) : null;
  const mainLineOutcome = endingId ? (script.endings[endingId]?.outcome ?? null) : null;
  if (mainLineOutcome !== "resolved") problems.push(`the main line ends in ${endingId ?? "nothing"}, not a resolved ending`);
  if (mainLine.length < 5 || mainLine.length > 12) problems.push(`the main line has ${mainLine.length} trainee turns (5–12 wanted)`);

  // Escalation: a reachable ending that is not resolved (other than running out of turns).
  const escalations = Object.entries(script.endings)
    .filter(([id, e]) => e.outcome !== "resolved" && id !== "timeout" && reached.has(id))
    .map(([id]) => id);
  if (!escalations.length) problems.push("no reachable escalated or failed ending besides timeout");
  // Recovery: a turn off the main line from which a resolved ending is still reached.
  const offLine = Object.keys(script.turns).filter((t) => !mainLine.includes(t));
  const recoveries = offLine.filter((t) => keys.some((k) => scriptStateOf(graph[k].state.value) === t && canReachResolved(k, graph, serialize, script)));
  if (!recoveries.length) problems.push("no recovery path: no turn off the main line leads back to a resolved ending");

  return {
    scenario: script.id,
    vertices,
    unreachable,
    unreachableTimeout: !reached.has("timeout"),
    deadEnds,
    longestTurns,
    mainLine,
    mainLineOutcome,
    escalations,
    recoveries,
    problems,
  };
}

function sameEvent(t: unknown, event: RoleplayEvent | { type: string; minutes: number }): boolean {
  return JSON.stringify((t as { event: unknown }).event) === JSON.stringify(event);
}

function canReachResolved(
  from: string,
  graph: Record<string, { state: Snap; transitions: Record<string, { state: Snap }> }>,
  serialize: (s: Snap) => string,
  script: ScenarioScript,
): boolean {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    const k = stack.pop()!;
    const node = graph[k];
    if (!node) continue;
    if (node.state.status === "done") {
      if (script.endings[scriptStateOf(node.state.value)]?.outcome === "resolved") return true;
      continue;
    }
    for (const t of Object.values(node.transitions)) {
      const next = serialize(t.state);
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}
