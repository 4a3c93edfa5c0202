import { useMessages } from "~/i18n/use-messages";

/** The owner's emotion (or the room's tension) as a meter, and the simulated clock in emergencies. */
export function Meters({ emotion, meter, minute, showClock }: { emotion: number; meter: "emotion" | "tension"; minute: number; showClock: boolean }) {
  const m = useMessages();
  const label = meter === "tension" ? m["practice.tension"] : m["practice.emotion"];
  const level = emotion >= 80 ? "high" : emotion >= 60 ? "raised" : emotion >= 40 ? "medium" : "low";
  return (
    <div className="meters" aria-live="polite">
      <div className="meter-row">
        <span id="emotion-label">{label}</span>
        <div
          className={`meter meter--${level}`}
          role="meter"
          aria-labelledby="emotion-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={emotion}
          aria-valuetext={m["practice.emotionLevel"](emotion)}
        >
          <div className="meter__fill" style={{ width: `${emotion}%` }} />
        </div>
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
