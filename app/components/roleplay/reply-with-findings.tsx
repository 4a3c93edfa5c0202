import type { ReactNode } from "react";
import { useMessages } from "~/i18n/use-messages";

export interface ShownFinding {
  dimension: "listening" | "empathy" | "wording";
  rule: string;
  kind: "strength" | "issue";
  delta: number;
  start: number;
  end: number;
  message: string;
  suggestion?: string;
}

/** One fault or strength as the trainee reads it: a rule's one message on the same words, with what it did to each dimension. */
export interface FindingItem {
  /** Where its first finding is in the reply's findings: how a trainer's mark points at it. */
  index: number;
  rule: string;
  kind: "strength" | "issue";
  start: number;
  end: number;
  message: string;
  suggestion?: string;
  effects: Array<{ dimension: ShownFinding["dimension"]; delta: number }>;
}

/**
 * Findings grouped so that one rule on the same words is one item: a taboo that costs listening, empathy and
 * wording is read once, with its three deltas, not three times with the same message and suggestion. Items keep
 * the order of their first finding.
 */
export function findingItems(findings: ShownFinding[]): FindingItem[] {
  const items = new Map<string, FindingItem>();
  for (const [index, f] of findings.entries()) {
    const key = `${f.rule} ${f.start} ${f.end} ${f.message}`; // a rule can say different things about one span (each missing fact)
    const item = items.get(key);
    if (item) item.effects.push({ dimension: f.dimension, delta: f.delta });
    else
      items.set(key, {
        index,
        rule: f.rule,
        kind: f.kind,
        start: f.start,
        end: f.end,
        message: f.message,
        suggestion: f.suggestion,
        effects: [{ dimension: f.dimension, delta: f.delta }],
      });
  }
  return [...items.values()];
}

/**
 * The trainee's own reply with the words each finding rests on marked (green for strengths, red for issues),
 * then the findings, each with its points and, for issues, a better wording. Text is rendered as React text,
 * so whatever the trainee typed is shown escaped. `findingExtra` lets the trainer's review add what a trainer may do
 * with a finding (mark it wrong).
 */
export function ReplyWithFindings({
  text,
  findings,
  findingExtra,
}: {
  text: string;
  findings: ShownFinding[];
  findingExtra?: (item: FindingItem) => ReactNode;
}) {
  const m = useMessages();
  const items = findingItems(findings);
  // Only findings on part of the reply are marked in the text; ones about the whole reply are listed below it.
  const marked = items.filter((f) => f.end > f.start && !(f.start === 0 && f.end === text.length)).sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: Array<{ text: string; item?: FindingItem; index?: number }> = [];
  let at = 0;
  for (const f of marked) {
    if (f.start < at) continue; // overlapping: the earlier, longer mark wins
    if (f.start > at) pieces.push({ text: text.slice(at, f.start) });
    pieces.push({ text: text.slice(f.start, f.end), item: f, index: items.indexOf(f) });
    at = f.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return (
    <div className="reply-findings">
      <p className="reply-text">
        {pieces.map((p, i) =>
          p.item ? (
            <mark key={i} className={`mark mark--${p.item.kind}`} title={p.item.message}>
              {p.text}
              <sup>{(p.index ?? 0) + 1}</sup>
            </mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
      {items.length ? (
        <ol className="findings">
          {items.map((f, i) => (
            <li key={i} className={`finding finding--${f.kind}`} data-rule={f.rule}>
              {f.effects.map((e, j) => (
                <span key={j} className="finding__effect">
                  <span className="finding__dimension">{m[`dimension.${e.dimension}`]}</span>{" "}
                  <span className="finding__delta">{e.delta > 0 ? `+${e.delta}` : e.delta}</span>{" "}
                </span>
              ))}
              {f.message}
              {f.kind === "issue" && f.suggestion ? (
                <div className="finding__suggestion">
                  {m["report.suggestion"]}
                  {m.colon}
                  <q>{f.suggestion}</q>
                </div>
              ) : null}
              {findingExtra?.(f)}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
