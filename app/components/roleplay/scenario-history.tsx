import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useMessages } from "~/i18n/use-messages";
import { AttemptsTable, type AttemptRowView } from "../attempts-table";

/**
 * A trainee's finished calls of one scenario. Between calls it is a section of the scenario page; during a call
 * it is folded away under the conversation, and opened when the page was reached through a link to #history.
 */
export function ScenarioHistory({ scenarioId, history, inCall }: { scenarioId: string; history: AttemptRowView[]; inCall: boolean }) {
  const m = useMessages();
  const { hash } = useLocation();
  const folded = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (hash === "#history" && folded.current) folded.current.open = true;
  }, [hash]);
  if (!history.length) return null;
  const table = (
    <AttemptsTable
      attempts={history}
      rowHeader="finishedAt"
      label={m["practice.history"]}
      link={{ href: (id) => `/practice/${scenarioId}/attempts/${id}`, label: m["practice.openReport"] }}
    />
  );
  if (inCall) {
    return (
      <details className="card history" id="history" ref={folded}>
        <summary>{m["practice.historyCount"](history.length)}</summary>
        {table}
      </details>
    );
  }
  return (
    <section className="card" id="history" aria-labelledby="history-title">
      <h2 id="history-title">{m["practice.history"]}</h2>
      <p className="muted">{m["practice.history.intro"]}</p>
      {table}
    </section>
  );
}
