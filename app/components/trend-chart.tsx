import { useMessages } from "~/i18n/use-messages";

const COLORS = { listening: "#1e5a8a", empathy: "#1e7b4a", wording: "#8a5a00" } as const;
const DIMENSIONS = ["listening", "empathy", "wording"] as const;

/**
 * A team's average listening, empathy and wording by month, as lines, with the 70 pass line, and under each month
 * how many calls the averages stand on; a table for screen readers.
 */
export function TrendChart({
  team,
  months,
}: {
  team: string;
  months: Array<{ month: string; listening: number; empathy: number; wording: number; attempts: number }>;
}) {
  const m = useMessages();
  const w = 360;
  const h = 176;
  const pad = { l: 30, r: 24, t: 10, b: 40 }; // room on the right for half of the last month's label
  const x = (i: number) => pad.l + (months.length === 1 ? (w - pad.l - pad.r) / 2 : (i * (w - pad.l - pad.r)) / (months.length - 1));
  const y = (v: number) => pad.t + ((100 - v) * (h - pad.t - pad.b)) / 100;
  return (
    <figure className="trend">
      <figcaption>
        <strong>{team}</strong>{" "}
        <span className="legend">
          {DIMENSIONS.map((d) => (
            <span key={d} style={{ color: COLORS[d] }}>
              ■ {m[`dimension.${d}`]}{" "}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} className="trend__svg" aria-hidden="true">
        {[0, 50, 70, 100].map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={w - pad.r} y1={y(v)} y2={y(v)} className={v === 70 ? "trend__pass" : "trend__grid"} />
            <text x={2} y={y(v) + 4} className="trend__axis">
              {v}
            </text>
          </g>
        ))}
        {months.map((mo, i) => (
          <text key={mo.month} x={x(i)} y={h - 22} textAnchor="middle" className="trend__axis">
            {mo.month}
            <tspan x={x(i)} dy={13} className="trend__count">
              {m["dash.callsN"](mo.attempts)}
            </tspan>
          </text>
        ))}
        {DIMENSIONS.map((d) => (
          <g key={d}>
            <polyline fill="none" stroke={COLORS[d]} strokeWidth={2} points={months.map((mo, i) => `${x(i)},${y(mo[d])}`).join(" ")} />
            {months.map((mo, i) => (
              <circle key={mo.month} cx={x(i)} cy={y(mo[d])} r={3} fill={COLORS[d]} />
            ))}
          </g>
        ))}
      </svg>
      {/* In a hidden box of its own: a table is never narrower than its columns, and would widen a phone's page. */}
      <div className="visually-hidden">
        <table>
          <caption>{team}</caption>
          <thead>
            <tr>
              <th scope="col">{m["dash.month"]}</th>
              {DIMENSIONS.map((d) => (
                <th key={d} scope="col">
                  {m[`dimension.${d}`]}
                </th>
              ))}
              <th scope="col">{m["dash.calls"]}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((mo) => (
              <tr key={mo.month}>
                <th scope="row">{mo.month}</th>
                {DIMENSIONS.map((d) => (
                  <td key={d}>{mo[d]}</td>
                ))}
                <td>{mo.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
