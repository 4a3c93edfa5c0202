import { useMessages } from "~/i18n/use-messages";

/**
 * The owner's emotion (or the room's tension) as a meter, and the simulated clock in emergencies. The label says
 * which way is worse and the bar's ends are named: 75 alone does not say whether higher is angrier.
 */
export function Meters({ emotion, meter, minute, showClock }: { emotion: number; meter: "emotion" | "tension"; minute: number; showClock: boolean }) {
  const m = useMessages();
  const label = meter === "tension" ? m["practice.tension"] : m["practice.emotion"];
  const direction = meter === "tension" ? m["practice.tensionDirection"] : m["practice.emotionDirection"];
  const high = meter === "tension" ? m["practice.tensionHigh"] : m["practice.emotionHigh"];
  const level = emotion >= 80 ? "high" : emotion >= 60 ? "raised" : emotion >= 40 ? "medium" : "low";
  return (
    <div className="meters" aria-live="polite">
      <div className="meter-row">
        <span id="emotion-label">
          {label}
          <span className="meter-direction">{m.paren(direction)}</span>
        </span>
        <span className="meter-scale">
          <span className="meter-end" aria-hidden="true">
            {m["practice.meterLow"]}
          </span>
          <span
            className={`meter meter--${level}`}
            role="meter"
            aria-labelledby="emotion-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={emotion}
            aria-valuetext={m["practice.emotionLevel"](emotion)}
          >
            <span className="meter__fill" style={{ width: `${emotion}%` }} />
          </span>
          <span className="meter-end" aria-hidden="true">
            {high}
          </span>
        </span>
        <span className="meter-value" data-testid="emotion">
          {m["practice.emotionLevel"](emotion)}
        </span>
      </div>
      {showClock ? (
        <div className="meter-row">
          <span>{m["practice.clock"]}</span>
          <span className="clock" data-testid="clock">
            ⏱ {m["practice.minutes"](minute)}
          </span>
        </div>
      ) : null}
    </div>
  );
}
