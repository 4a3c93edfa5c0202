import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { inLang } from "~/i18n/lang";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { messagesFor } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { getMachine } from "~/roleplay/machines.server";
import { getScenario } from "~/roleplay/scenario-files.server";
import { describeCondition, statechartOf } from "~/roleplay/statechart";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { pageTitle } from "~/utils/meta";
import { notFound } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => (args.data ? m["map.title"](args.data.title) : m["practice.map"]));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "practice:scenarios");
  const script = (params.scenarioId && getScenario(params.scenarioId)) || notFound();
  const lang = requestLang(request);
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  const moves = new Map(getLexicon().moves.map((mv) => [mv.id, pick(mv.name)]));
  const chart = statechartOf(getMachine(script), script);
  return {
    id: script.id,
    title: pick(script.title),
    start: script.start,
    nodes: chart.nodes.map((n) => ({
      ...n,
      label:
        n.kind === "turn"
          ? `${pick(script.personas[script.turns[n.id].speaker].name)}${messagesFor(lang).colon}${pick(script.turns[n.id].line)}`
          : pick(script.endings[n.id].summary),
      outcome: n.kind === "ending" ? script.endings[n.id].outcome : null,
    })),
    edges: chart.edges.map((e) => ({ ...e, label: describeCondition(e.condition, messagesFor(lang), (id) => moves.get(id) ?? id) })),
  };
}

const COL = 250;
const ROW = 120;
const W = 210;
const H = 92;

export default function ScenarioMap() {
  const chart = useLoaderData<typeof loader>();
  const m = useMessages();
  const pos = new Map(chart.nodes.map((n) => [n.id, { x: 10 + n.depth * COL, y: 30 + n.row * ROW }]));
  const width = Math.max(...chart.nodes.map((n) => pos.get(n.id)!.x)) + W + 20;
  const height = Math.max(...chart.nodes.map((n) => pos.get(n.id)!.y)) + H + 20;
  // Deadlines and the turn limit are checked after every turn: listed once below, not drawn from every box.
  const shown = chart.edges.filter((e) => e.kind === "branch");
  const deadlines = chart.edges.filter(
    (e, i, all) => e.kind === "deadline" && all.findIndex((x) => x.kind === "deadline" && x.to === e.to && x.label === e.label) === i,
  );
  return (
    <>
      <p>
        <Link to="/practice">← {m["report.back"]}</Link>
      </p>
      <h1>{m["map.title"](chart.title)}</h1>
      <p className="lead">{m["map.intro"]}</p>
      {/* Focusable so that keyboard users can scroll the wide chart. */}
      <div className="statechart-scroll" tabIndex={0} role="region" aria-label={m["map.title"](chart.title)}>
        <svg className="statechart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby="chart-desc">
          <desc id="chart-desc">{m["map.title"](chart.title)}</desc>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="statechart__arrowhead" />
            </marker>
          </defs>
          {shown.map((e, i) => {
            const a = pos.get(e.from)!;
            const b = pos.get(e.to)!;
            const x1 = a.x + W;
            const y1 = a.y + H / 2;
            const x2 = b.x;
            const y2 = b.y + H / 2;
            const back = x2 <= a.x;
            const path = back
              ? `M ${a.x + W / 2} ${a.y + H} C ${a.x + W / 2} ${a.y + H + 40}, ${b.x + W / 2} ${b.y + H + 40}, ${b.x + W / 2} ${b.y + H}`
              : `M ${x1} ${y1} C ${x1 + 30} ${y1}, ${x2 - 30} ${y2}, ${x2} ${y2}`;
            return (
              <g key={i} className={`statechart__edge statechart__edge--${e.kind}`}>
                <path d={path} markerEnd="url(#arrow)" />
                {e.label ? (
                  <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} textAnchor="middle">
                    {e.label.length > 26 ? `${e.label.slice(0, 25)}…` : e.label}
                    <title>{e.label}</title>
                  </text>
                ) : null}
              </g>
            );
          })}
          {chart.nodes.map((n) => {
            const p = pos.get(n.id)!;
            return (
              <g key={n.id} className={`statechart__node statechart__node--${n.kind} ${n.outcome ? `statechart__node--${n.outcome}` : ""}`}>
                <rect x={p.x} y={p.y} width={W} height={H} rx={n.kind === "ending" ? 30 : 6} />
                <foreignObject x={p.x + 6} y={p.y + 4} width={W - 12} height={H - 8}>
                  <div className="statechart__label">
                    <strong>{n.id === chart.start ? `▶ ${n.id}` : n.id}</strong>
                    <span>{n.label}</span>
                  </div>
                </foreignObject>
              </g>
            );
          })}
        </svg>
      </div>
      <h2>{m["practice.map"]}</h2>
      <ul className="statechart-list">
        {chart.nodes.map((n) => (
          <li key={n.id}>
            <strong>{n.id}</strong>
            {n.outcome ? ` — ${m["map.endingOutcome"](m[`report.outcome.${n.outcome}`])}` : ""}: {n.label}
            <ul>
              {shown
                .filter((e) => e.from === n.id)
                .map((e, i) => (
                  <li key={i}>
                    → {e.to} {e.label || `(${m["map.default"]})`}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      {deadlines.length ? (
        <>
          <h2>{m["map.deadlines"]}</h2>
          <ul>
            {deadlines.map((e) => (
              <li key={e.to + e.label}>
                {e.label} → {e.to}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
