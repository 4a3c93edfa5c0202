import { describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/messages";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { getMachine } from "./machines.server";
import { getScenarios } from "./scenario-files.server";
import { describeCondition, statechartOf } from "./statechart";
import { fitText, LABEL_FONT_PX, layoutStatechart, NODE_HEIGHT, NODE_WIDTH } from "./statechart-layout";

type Box = { x: number; y: number; w: number; h: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
/**
 * A label at its widest: as wide as the box it is written under (fitText keeps it within that), and as tall as a
 * CJK font's line box (Noto Sans CJK: 1.16 em above the baseline, 1.45 em in all), which is what a browser measures.
 */
const labelBox = (l: { x: number; y: number }): Box => ({
  x: l.x,
  y: l.y - Math.ceil(LABEL_FONT_PX * 1.16),
  w: NODE_WIDTH,
  h: Math.ceil(LABEL_FONT_PX * 1.45),
});

describe("the scenario map's layout", () => {
  it("cuts a label to the box's width, and leaves a short one alone", () => {
    expect(fitText("缺少：提醒不要扒门", 220)).toBe("缺少：提醒不要扒门");
    const cut = fitText("缺少：提醒不要扒门、通知电梯维保单位、报上身份、承诺一直在线陪着", 220);
    expect(cut.endsWith("…")).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(20);
  });

  for (const lang of ["zh-CN", "en"] as const) {
    it(`keeps every scenario's chart within the page at 1280 px, with no label over another or over a box (${lang})`, () => {
      const m = messagesFor(lang);
      const moves = new Map(getLexicon().moves.map((mv) => [mv.id, lang === "en" ? mv.name.en : mv.name.zh]));
      for (const script of getScenarios()) {
        const chart = statechartOf(getMachine(script), script);
        const edges = chart.edges
          .filter((e) => e.kind === "branch")
          .map((e) => ({ from: e.from, to: e.to, label: `${describeCondition(e.condition, m, (id) => moves.get(id) ?? id)} → ${e.to}` }));
        const layout = layoutStatechart(chart.nodes, edges);
        expect(layout.width, script.id).toBeLessThanOrEqual(1068);
        const boxes = [...layout.boxes.values()].map((p) => ({ x: p.x, y: p.y, w: NODE_WIDTH, h: NODE_HEIGHT }));
        const labels = layout.labels.map(labelBox);
        expect(layout.labels).toHaveLength(edges.length);
        for (const [i, a] of labels.entries()) {
          for (const b of labels.slice(i + 1)) expect(intersects(a, b), `${script.id}: two labels`).toBe(false);
          for (const b of boxes) expect(intersects(a, b), `${script.id}: a label over a box`).toBe(false);
        }
        for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(intersects(a, b), `${script.id}: two boxes`).toBe(false);
      }
    });
  }
});
