import type React from "react";
import type { Messages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import type { AuthoringProblem, DiffLine } from "~/roleplay/authoring-fields";
import { problemHint, problemText } from "~/roleplay/authoring-words";

export type ScenarioStatus = "draft" | "published" | "changed" | "retired";

/** Where an authored scenario stands: a draft never published, published (with or without changes waiting), retired. */
export function scenarioStatus(s: { retiredAt: string | null; draft: unknown; versions: readonly unknown[] }): ScenarioStatus {
  if (s.retiredAt) return "retired";
  if (!s.versions.length) return "draft";
  return s.draft ? "changed" : "published";
}

export function statusText(status: ScenarioStatus, version: number | null, m: Messages): string {
  if (status === "draft" || status === "retired") return m[`scenarioAuthor.status.${status}`];
  return m[`scenarioAuthor.status.${status}`](version ?? 0);
}

/** A problem in the user's language: what it is, where, and the value at fault (roleplay/authoring-words.ts). */
export function problemLabel(p: AuthoringProblem, m: Messages): string {
  return problemText(p, m);
}

/** Puts the caret on a line of the script's text box (what a problem's line link does, with JavaScript). */
function goToLine(event: React.MouseEvent<HTMLAnchorElement>, line: number) {
  const box = document.getElementById("script-text");
  if (!(box instanceof HTMLTextAreaElement)) return;
  event.preventDefault();
  const lines = box.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  box.focus();
  box.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  // Scrolled so that the line is near the top of the box.
  const lineHeight = box.scrollHeight / Math.max(lines.length, 1);
  box.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

/** Problems with their lines; each line links to the script's text box (and, with JavaScript, selects the line). */
export function ProblemList({ problems, id }: { problems: readonly AuthoringProblem[]; id?: string }) {
  const m = useMessages();
  if (!problems.length) return null;
  return (
    <ul className="problem-list" id={id}>
      {problems.map((p, i) => {
        const hint = problemHint(p);
        return (
          <li key={i}>
            {p.line ? (
              <>
                <a href="#script-text" onClick={(event) => goToLine(event, p.line!)} aria-label={m["scenarioAuthor.goToLine"](p.line)}>
                  {m["scenarioAuthor.atLine"](p.line)}
                </a>
                {m.colon}
              </>
            ) : null}
            {problemLabel(p, m)}
            {/* The checker's own (English) words, secondary: what the sentence above cannot say (a YAML error's detail). */}
            {hint ? <small className="problem-list__hint muted">{m["scenarioAuthor.problemHint"](hint)}</small> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Unchanged lines shown around each change; longer runs of unchanged lines are folded. */
const CONTEXT = 3;

type Shown = DiffLine | { op: "fold"; count: number };

/** The diff's lines with long unchanged runs folded to a count. */
function folded(lines: readonly DiffLine[]): Shown[] {
  const near = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === "same") return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) near[j] = true;
  });
  const shown: Shown[] = [];
  lines.forEach((l, i) => {
    if (near[i]) shown.push(l);
    else if (shown.at(-1)?.op === "fold") (shown.at(-1) as { count: number }).count += 1;
    else shown.push({ op: "fold", count: 1 });
  });
  return shown;
}

/** A line diff of two script texts: removed and added lines, with a few unchanged lines around them. */
export function DiffView({ lines, title }: { lines: readonly DiffLine[]; title: string }) {
  const m = useMessages();
  const changed = lines.some((l) => l.op !== "same");
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {changed ? (
        <pre className="diff" data-testid="diff">
          {folded(lines).map((l, i) =>
            l.op === "fold" ? (
              <span key={i} className="diff__fold">
                {m["scenarioAuthor.diffFolded"](l.count)}
                {"\n"}
              </span>
            ) : l.op === "same" ? (
              <span key={i} className="diff__same">
                {"  "}
                {l.text}
                {"\n"}
              </span>
            ) : l.op === "add" ? (
              <ins key={i} className="diff__add" title={m["scenarioAuthor.diffAdded"]}>
                {"+ "}
                {l.text}
                {"\n"}
              </ins>
            ) : (
              <del key={i} className="diff__del" title={m["scenarioAuthor.diffRemoved"]}>
                {"- "}
                {l.text}
                {"\n"}
              </del>
            ),
          )}
        </pre>
      ) : (
        <p>{m["scenarioAuthor.diffSame"]}</p>
      )}
    </section>
  );
}
