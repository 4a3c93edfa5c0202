import type { Condition, ScenarioScript } from "./script";
import { BRANCH, type RoleplayMachine } from "./machine";
import type { Messages } from "~/i18n/messages";
import type { Dimension } from "~/scoring/types";

/**
 * The scenario's statechart as a diagram model, read from the compiled machine (not the script), so the map shows
 * exactly what runs: one node per turn or ending, one edge per transition out of a turn's branch state.
 */

export interface ChartNode {
  id: string;
  kind: "turn" | "ending";
  depth: number;
  row: number;
}

export interface ChartEdge {
  from: string;
  to: string;
  /** The condition, or null for the default branch; `deadline` marks a deadline; `limit` the turn limit. */
  condition: Condition | null;
  kind: "branch" | "deadline" | "limit";
}

interface TransitionLike {
  target?: ReadonlyArray<{ key: string }>;
  guard?: { type: string; params?: { condition?: Condition } } | string;
}

export function statechartOf(machine: RoleplayMachine, script: ScenarioScript): { nodes: ChartNode[]; edges: ChartEdge[] } {
  const states = machine.root.states as Record<string, { always?: TransitionLike[] }>;
  const edges: ChartEdge[] = [];
  for (const name of Object.keys(script.turns)) {
    for (const t of states[name + BRANCH]?.always ?? []) {
      const to = t.target?.[0]?.key;
      if (!to) continue;
      const guard = typeof t.guard === "string" ? { type: t.guard } : t.guard;
      const kind = guard?.type === "deadlineDue" ? "deadline" : guard?.type === "turnLimitReached" ? "limit" : "branch";
      edges.push({ from: name, to, condition: guard?.params?.condition ?? null, kind });
    }
  }
  // Columns by distance from the start, rows in order of discovery.
  const depth = new Map<string, number>([[script.start, 0]]);
  const queue = [script.start];
  while (queue.length) {
    const at = queue.shift()!;
    for (const e of edges.filter((x) => x.from === at && x.kind === "branch")) {
      if (!depth.has(e.to)) {
        depth.set(e.to, depth.get(at)! + 1);
        queue.push(e.to);
      }
    }
  }
  const all = [...Object.keys(script.turns), ...Object.keys(script.endings)];
  let maxDepth = Math.max(0, ...depth.values());
  for (const id of all) if (!depth.has(id)) depth.set(id, ++maxDepth);
  const rows = new Map<number, number>();
  const nodes: ChartNode[] = all
    .sort((a, b) => depth.get(a)! - depth.get(b)!)
    .map((id) => {
      const d = depth.get(id)!;
      const row = rows.get(d) ?? 0;
      rows.set(d, row + 1);
      return { id, kind: id in script.turns ? "turn" : "ending", depth: d, row };
    });
  return { nodes, edges };
}

/** A condition in words, for edge labels, in the viewer's language (`m`), with moves named by `moveName`. */
export function describeCondition(c: Condition | null, m: Messages, moveName: (id: string) => string): string {
  if (!c) return "";
  const moves = (ids: string[]) => ids.map(moveName).join(m["map.when.itemSeparator"]);
  const parts: string[] = [];
  if (c.emotionAtLeast !== undefined) parts.push(m["map.when.emotionAtLeast"](c.emotionAtLeast));
  if (c.emotionBelow !== undefined) parts.push(m["map.when.emotionBelow"](c.emotionBelow));
  if (c.movesMade) parts.push(m["map.when.movesMade"](moves(c.movesMade)));
  if (c.movesMissing) parts.push(m["map.when.movesMissing"](moves(c.movesMissing)));
  if (c.movesFirstMade) parts.push(m["map.when.movesFirstMade"](moves(c.movesFirstMade)));
  if (c.answeringOneOf) parts.push(m["map.when.answeringOneOf"](c.answeringOneOf.join(m["map.when.itemSeparator"])));
  if (c.madeEver) parts.push(m["map.when.madeEver"](moveName(c.madeEver)));
  if (c.notMadeEver) parts.push(m["map.when.notMadeEver"](moveName(c.notMadeEver)));
  if (c.minuteAtLeast !== undefined) parts.push(m["map.when.minuteAtLeast"](c.minuteAtLeast));
  if (c.scoreBelow) {
    const scores = (Object.entries(c.scoreBelow) as Array<[Dimension, number]>).map(([d, v]) => `${m[`dimension.${d}`]} ${v}`);
    parts.push(m["map.when.scoreBelow"](scores.join(m["map.when.itemSeparator"])));
  }
  if (c.minutesSinceMove) parts.push(m["map.when.minutesSinceMove"](moveName(c.minutesSinceMove.move), c.minutesSinceMove.atLeast));
  if (c.madeBy) parts.push(m["map.when.madeBy"](moveName(c.madeBy.move), c.madeBy.minute));
  if (c.visited) parts.push(m["map.when.visited"](c.visited));
  if (c.notVisited) parts.push(m["map.when.notVisited"](c.notVisited));
  return parts.join(m["map.when.separator"]);
}
