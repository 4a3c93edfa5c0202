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

/**
 * The trainee's own reply with the words each finding rests on marked (green for strengths, red for issues),
 * then the findings, each with its points and, for issues, a better wording. Text is rendered as React text,
 * so whatever the trainee typed is shown escaped.
 */
export function ReplyWithFindings({ text, findings }: { text: string; findings: ShownFinding[] }) {
  const m = useMessages();
  // Only findings on part of the reply are marked in the text; ones about the whole reply are listed below it.
  const marked = findings
    .filter((f) => f.end > f.start && !(f.start === 0 && f.end === text.length))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: Array<{ text: string; finding?: ShownFinding; index?: number }> = [];
  let at = 0;
  for (const f of marked) {
    if (f.start < at) continue; // overlapping: the earlier, longer mark wins
    if (f.start > at) pieces.push({ text: text.slice(at, f.start) });
    pieces.push({ text: text.slice(f.start, f.end), finding: f, index: findings.indexOf(f) });
    at = f.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return (
    <div className="reply-findings">
      <p className="reply-text">
        {pieces.map((p, i) =>
          p.finding ? (
            <mark key={i} className={`mark mark--${p.finding.kind}`} title={p.finding.message}>
              {p.text}
              <sup>{(p.index ?? 0) + 1}</sup>
            </mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
      {findings.length ? (
        <ol className="findings">
          {findings.map((f, i) => (
            <li key={i} className={`finding finding--${f.kind}`} data-rule={f.rule}>
              <span className="finding__dimension">{m[`dimension.${f.dimension}`]}</span>{" "}
              <span className="finding__delta">{f.delta > 0 ? `+${f.delta}` : f.delta}</span> {f.message}
              {f.kind === "issue" && f.suggestion ? (
                <div className="finding__suggestion">
                  {m["report.suggestion"]}{m.colon}<q>{f.suggestion}</q>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
