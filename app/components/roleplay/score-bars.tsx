import { useMessages } from "~/i18n/use-messages";
import type { ReplyScores } from "~/roleplay/dynamics";

const DIMENSIONS = ["listening", "empathy", "wording"] as const;

/** The three dimension scores as text ("倾听 82") and as bars, with the pass mark drawn across. */
export function ScoreBars({ scores, pass }: { scores: ReplyScores; pass?: ReplyScores }) {
  const m = useMessages();
  const width = 300;
  const row = 34;
  return (
    <div className="score-bars">
      <ul className="score-list">
        {DIMENSIONS.map((d) => (
          <li key={d} data-dimension={d}>
            {m[`dimension.${d}`]} {scores[d]}
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${width + 90} ${row * 3}`}
        role="img"
        aria-label={DIMENSIONS.map((d) => `${m[`dimension.${d}`]} ${scores[d]}`).join("，")}
        className="score-chart"
      >
        {DIMENSIONS.map((d, i) => {
          const y = i * row + 6;
          const below = pass ? scores[d] < pass[d] : false;
          return (
            <g key={d}>
              <text x={0} y={y + 16} className="score-chart__label">
                {m[`dimension.${d}`]}
              </text>
              <rect x={60} y={y} width={width} height={20} className="score-chart__track" rx={4} />
              <rect
                x={60}
                y={y}
                width={(width * scores[d]) / 100}
                height={20}
                className={below ? "score-chart__bar score-chart__bar--below" : "score-chart__bar"}
                rx={4}
              />
              {pass ? <line x1={60 + (width * pass[d]) / 100} x2={60 + (width * pass[d]) / 100} y1={y - 3} y2={y + 23} className="score-chart__pass" /> : null}
              <text x={60 + width + 8} y={y + 16} className="score-chart__value">
                {scores[d]}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** "倾听 82 · 共情 75 · 措辞 90": the three scores as one line of text. */
export function ScoresInline({ scores }: { scores: ReplyScores }) {
  const m = useMessages();
  return <>{DIMENSIONS.map((d) => `${m[`dimension.${d}`]} ${scores[d]}`).join(" · ")}</>;
}
