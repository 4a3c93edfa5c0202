/**
 * Where the scenario map draws its boxes and edge labels, pure. Top to bottom: one band per step from the start
 * (a node's depth), the step's nodes side by side and centred. An edge's condition is written under the box it
 * leaves, one line each, in a space kept for them, so no two labels can overlap and none covers a box. At most
 * four nodes share a step in the scenarios, so the chart fits the page's 1,068 px at 1280 px.
 */

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 92;
export const LABEL_FONT_PX = 11;
const COLUMN_GAP = 24;
const ROW_GAP = 40;
/** A label line's spacing: a CJK font's line box is about 1.45 em (16 px at 11 px), so 1.5 em keeps lines apart. */
const LABEL_LINE = Math.ceil(LABEL_FONT_PX * 1.5);
const MARGIN = 10;
/** Room on the right for edges that go back up to an earlier step. */
const BACK_EDGE_ROOM = 60;

export interface LayoutNode {
  id: string;
  depth: number;
  row: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
  /** What is written under the box it leaves; empty for no label. */
  label: string;
}

export interface PlacedLabel {
  from: string;
  to: string;
  x: number;
  /** The text's baseline. */
  y: number;
  /** The label shortened to fit the box's width ("…" where cut); `full` is the whole of it. */
  text: string;
  full: string;
}

export interface StatechartLayout {
  width: number;
  height: number;
  boxes: Map<string, { x: number; y: number }>;
  labels: PlacedLabel[];
  edges: Array<{ from: string; to: string; path: string; back: boolean }>;
}

/**
 * A character's width in ems: CJK, full-width forms, and the arrows and marks a Chinese font draws square (→, …) are
 * 1; the rest are taken at a generous 0.62.
 */
const charWidth = (c: string) => (c.codePointAt(0)! >= 0x2000 ? 1 : 0.62);

/** `text` cut to fit `maxPx` at `fontPx`, ending in "…" if it was cut. */
export function fitText(text: string, maxPx: number, fontPx = LABEL_FONT_PX): string {
  const chars = [...text];
  const width = (cs: string[]) => cs.reduce((w, c) => w + charWidth(c) * fontPx, 0);
  if (width(chars) <= maxPx) return text;
  const ellipsis = charWidth("…") * fontPx;
  let kept = chars;
  while (kept.length && width(kept) + ellipsis > maxPx) kept = kept.slice(0, -1);
  return `${kept.join("")}…`;
}

export function layoutStatechart(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): StatechartLayout {
  const depths = [...new Set(nodes.map((n) => n.depth))].sort((a, b) => a - b);
  const perDepth = new Map(depths.map((d) => [d, nodes.filter((n) => n.depth === d).sort((a, b) => a.row - b.row)]));
  const columns = Math.max(1, ...[...perDepth.values()].map((ns) => ns.length));
  const labelled = (id: string) => edges.filter((e) => e.from === id && e.label);
  const depthOf = new Map(nodes.map((n) => [n.id, n.depth]));
  const step = NODE_WIDTH + COLUMN_GAP;
  const chartWidth = columns * step - COLUMN_GAP;

  const boxes = new Map<string, { x: number; y: number }>();
  const labels: PlacedLabel[] = [];
  const labelBlock = new Map<string, number>();
  let y = MARGIN;
  for (const d of depths) {
    const band = perDepth.get(d)!;
    const left = MARGIN + (chartWidth - (band.length * step - COLUMN_GAP)) / 2;
    let tallest = 0;
    band.forEach((n, i) => {
      const x = left + i * step;
      boxes.set(n.id, { x, y });
      const own = labelled(n.id);
      own.forEach((e, j) =>
        labels.push({ from: e.from, to: e.to, x, y: y + NODE_HEIGHT + (j + 1) * LABEL_LINE, text: fitText(e.label, NODE_WIDTH), full: e.label }),
      );
      labelBlock.set(n.id, own.length * LABEL_LINE);
      tallest = Math.max(tallest, own.length * LABEL_LINE);
    });
    y += NODE_HEIGHT + tallest + ROW_GAP;
  }

  // Edges that go up (or across) to a box that is not just beside them run in lanes on the right of the chart, one
  // lane per box they go to, so that they never cut through the boxes in between.
  const laneTargets = [...new Set(edges.filter((e) => boxes.has(e.from) && boxes.has(e.to) && !goesDown(e) && !besides(e)).map((e) => e.to))];
  const laneGap = Math.min(12, (BACK_EDGE_ROOM - 12) / Math.max(1, laneTargets.length));
  const laneX = (to: string) => MARGIN + chartWidth + 12 + laneTargets.indexOf(to) * laneGap;
  function goesDown(e: LayoutEdge) {
    return (depthOf.get(e.to) ?? 0) > (depthOf.get(e.from) ?? 0);
  }
  function besides(e: LayoutEdge) {
    const [a, b] = [boxes.get(e.from)!, boxes.get(e.to)!];
    return a.y === b.y && Math.abs(a.x - b.x) === step;
  }
  const placed = edges.flatMap((e): StatechartLayout["edges"] => {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (!a || !b) return [];
    if (goesDown(e)) {
      // From under the box's labels to the top of the next box.
      const [x1, y1, x2, y2] = [a.x + NODE_WIDTH / 2, a.y + NODE_HEIGHT + labelBlock.get(e.from)! + 4, b.x + NODE_WIDTH / 2, b.y];
      const bend = Math.max(16, (y2 - y1) / 2);
      return [{ from: e.from, to: e.to, back: false, path: `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}` }];
    }
    const middle = NODE_HEIGHT / 2;
    if (besides(e)) {
      const [x1, x2] = b.x > a.x ? [a.x + NODE_WIDTH, b.x] : [a.x, b.x + NODE_WIDTH];
      return [{ from: e.from, to: e.to, back: true, path: `M ${x1} ${a.y + middle} L ${x2} ${b.y + middle}` }];
    }
    const lane = laneX(e.to);
    const path = `M ${a.x + NODE_WIDTH} ${a.y + middle} L ${lane} ${a.y + middle} L ${lane} ${b.y + middle} L ${b.x + NODE_WIDTH} ${b.y + middle}`;
    return [{ from: e.from, to: e.to, back: true, path }];
  });

  return {
    width: MARGIN * 2 + chartWidth + (laneTargets.length ? BACK_EDGE_ROOM : 0),
    height: y - ROW_GAP + MARGIN,
    boxes,
    labels,
    edges: placed,
  };
}
