import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { inLang } from "~/i18n/lang";
import { Link, useLoaderData } from "@remix-run/react";
import { hasPermission } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { messagesFor } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { traineeMapShowsConditions } from "~/models/roleplay-views.server";
import { getMachine } from "~/roleplay/machines.server";
import { playableScenario } from "~/models/scenario-authoring.server";
import { layoutStatechart, NODE_HEIGHT, NODE_WIDTH } from "~/roleplay/statechart-layout";
import { describeCondition, statechartOf } from "~/roleplay/statechart";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { pageTitle } from "~/utils/meta";
import { notFound } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => (args.data ? m["map.title"](args.data.title) : m["practice.map"]));

/**
 * The scenario's map. Trainers and supervisors, and trainees who have passed its assessment, see each branch's
 * condition; a trainee who has not (or is in an assessment of it, or came from assessment mode) sees the turns and
 * branches only: the conditions are the answer key, and are not sent to the browser at all.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:scenarios");
  // A draft's map is drawn from the draft (for its authors only, as long as it has no problems).
  const script = ((params.scenarioId && (await playableScenario(user, params.scenarioId))) || notFound()).script;
  const lang = requestLang(request);
  const m = messagesFor(lang);
  const assessmentMode = new URL(request.url).searchParams.get("mode") === "assessment";
  const full = hasPermission(user.role, "review:attempts") || (!assessmentMode && (await traineeMapShowsConditions(user.id, script.id)));
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  const moves = new Map(getLexicon().moves.map((mv) => [mv.id, pick(mv.name)]));
  const chart = statechartOf(getMachine(script), script);
  const turnsAt = (depth: number) => chart.nodes.filter((x) => x.kind === "turn" && x.depth === depth);
  const nodes = chart.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    depth: n.depth,
    row: n.row,
    start: n.id === script.start,
    // Names the trainee can read in their language, never the script's internal ids.
    name:
      n.kind === "turn"
        ? m["map.step"](n.depth + 1, turnsAt(n.depth).indexOf(n) + 1, turnsAt(n.depth).length)
        : m["map.endingOutcome"](m[`report.outcome.${script.endings[n.id].outcome}`]),
    text:
      n.kind === "turn"
        ? `${pick(script.personas[script.turns[n.id].speaker].name)}${m.colon}${pick(script.turns[n.id].line)}`
        : pick(script.endings[n.id].summary),
    outcome: n.kind === "ending" ? script.endings[n.id].outcome : null,
  }));
  const condition = (e: (typeof chart.edges)[number]) => describeCondition(e.condition, m, (id) => moves.get(id) ?? id);
  const deadlines = chart.edges
    .filter((e) => e.kind === "deadline")
    .map((e) => ({ to: e.to, label: condition(e) }))
    .filter((e, i, all) => all.findIndex((x) => x.to === e.to && x.label === e.label) === i);
  return {
    id: script.id,
    title: pick(script.title),
    full,
    nodes,
    // Deadlines and the turn limit are checked after every turn: listed once below, not drawn from every box.
    edges: chart.edges.filter((e) => e.kind === "branch").map((e) => ({ from: e.from, to: e.to, label: full ? condition(e) : "" })),
    deadlines: full ? deadlines : [],
  };
}

export default function ScenarioMap() {
  const chart = useLoaderData<typeof loader>();
  const m = useMessages();
  const nameOf = new Map(chart.nodes.map((n) => [n.id, n.name]));
  const layout = layoutStatechart(
    chart.nodes,
    // The condition first: where a long label is cut, what is lost is the box's name, which the arrow shows.
    chart.edges.map((e) => ({ ...e, label: e.label ? `${e.label} → ${nameOf.get(e.to)}` : "" })),
  );
  return (
    <>
      <p>
        <Link to="/practice">← {m["report.back"]}</Link>
      </p>
      <h1>{m["map.title"](chart.title)}</h1>
      <p className="lead">{chart.full ? m["map.intro"] : m["map.structureIntro"]}</p>
      {/* Focusable so that keyboard users can scroll the chart where it is wider than the screen. */}
      <div className="statechart-scroll" tabIndex={0} role="region" aria-label={m["map.title"](chart.title)}>
        <svg
          className="statechart"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          role="img"
          aria-labelledby="chart-desc"
        >
          <desc id="chart-desc">{m["map.title"](chart.title)}</desc>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="statechart__arrowhead" />
            </marker>
          </defs>
          {layout.edges.map((e, i) => (
            <path key={i} className={`statechart__edge${e.back ? " statechart__edge--back" : ""}`} d={e.path} markerEnd="url(#arrow)" />
          ))}
          {chart.nodes.map((n) => {
            const p = layout.boxes.get(n.id)!;
            return (
              <g key={n.id} className={`statechart__node statechart__node--${n.kind} ${n.outcome ? `statechart__node--${n.outcome}` : ""}`}>
                <rect x={p.x} y={p.y} width={NODE_WIDTH} height={NODE_HEIGHT} rx={n.kind === "ending" ? 30 : 6} />
                <foreignObject x={p.x + 6} y={p.y + 4} width={NODE_WIDTH - 12} height={NODE_HEIGHT - 8}>
                  <div className="statechart__label">
                    <strong>{n.start ? `▶ ${n.name}` : n.name}</strong>
                    <span>{n.text}</span>
                  </div>
                </foreignObject>
              </g>
            );
          })}
          {layout.labels.map((l, i) => (
            <text key={i} x={l.x} y={l.y} className="statechart__edge-label">
              {l.text}
              <title>{l.full}</title>
            </text>
          ))}
        </svg>
      </div>
      <h2>{m["practice.map"]}</h2>
      <ul className="statechart-list">
        {chart.nodes.map((n) => (
          <li key={n.id}>
            <strong>{n.name}</strong>: {n.text}
            <ul>
              {chart.edges
                .filter((e) => e.from === n.id)
                .map((e, i) => (
                  <li key={i}>
                    → {nameOf.get(e.to)}
                    {chart.full ? `${m.colon}${e.label || m["map.default"]}` : ""}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      {chart.deadlines.length ? (
        <>
          <h2>{m["map.deadlines"]}</h2>
          <ul>
            {chart.deadlines.map((e) => (
              <li key={e.to + e.label}>
                {e.label} → {nameOf.get(e.to)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
