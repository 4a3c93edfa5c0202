import { useEffect, useState } from "react";
import { useMessages } from "~/i18n/use-messages";

/** Time left until `until`, ticking every second with JavaScript; without it, the server's figure stands. */
export function Countdown({ until, serverNow }: { until: string; serverNow: string }) {
  const m = useMessages();
  // The server's clock decides (it may be a test clock); the browser only counts down from what it was told.
  const [left, setLeft] = useState(() => new Date(until).getTime() - new Date(serverNow).getTime());
  useEffect(() => {
    const started = Date.now();
    const initial = new Date(until).getTime() - new Date(serverNow).getTime();
    const timer = setInterval(() => setLeft(Math.max(0, initial - (Date.now() - started))), 1000);
    return () => clearInterval(timer);
  }, [until, serverNow]);
  const seconds = Math.max(0, Math.ceil(left / 1000));
  const mmss = `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <p className="countdown" role="timer" aria-live="off">
      {m["quiz.cooldownLeft"](mmss)}
    </p>
  );
}
