import type { Condition, ScenarioScript } from "./script";
import { BRANCH, type RoleplayMachine } from "./machine";

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

/** A condition in words, for edge labels. */
export function describeCondition(c: Condition | null, lang: "zh-CN" | "en", moveName: (id: string) => string): string {
  if (!c) return "";
  const zh = lang === "zh-CN";
  const parts: string[] = [];
  if (c.emotionAtLeast !== undefined) parts.push(zh ? `情绪≥${c.emotionAtLeast}` : `emotion ≥ ${c.emotionAtLeast}`);
  if (c.emotionBelow !== undefined) parts.push(zh ? `情绪<${c.emotionBelow}` : `emotion < ${c.emotionBelow}`);
  if (c.movesMade) parts.push((zh ? "做到：" : "made: ") + c.movesMade.map(moveName).join(zh ? "、" : ", "));
  if (c.movesMissing) parts.push((zh ? "缺少：" : "missing: ") + c.movesMissing.map(moveName).join(zh ? "、" : ", "));
  if (c.madeEver) parts.push((zh ? "曾做到：" : "made before: ") + moveName(c.madeEver));
  if (c.notMadeEver) parts.push((zh ? "一直没有：" : "never made: ") + moveName(c.notMadeEver));
  if (c.minuteAtLeast !== undefined) parts.push(zh ? `第${c.minuteAtLeast}分钟起` : `from minute ${c.minuteAtLeast}`);
  if (c.scoreBelow) parts.push((zh ? "得分低于：" : "score below: ") + Object.entries(c.scoreBelow).map(([d, v]) => `${d} ${v}`).join(", "));
  if (c.minutesSinceMove) parts.push(zh ? `${moveName(c.minutesSinceMove.move)}后${c.minutesSinceMove.atLeast}分钟` : `${c.minutesSinceMove.atLeast} min after: ${moveName(c.minutesSinceMove.move)}`);
  return parts.join(zh ? "，" : "; ");
}
