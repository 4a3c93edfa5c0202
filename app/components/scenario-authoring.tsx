import type { Messages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import type { AuthoringProblem, DiffLine } from "~/roleplay/authoring-fields";

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

/** A problem in the user's language: what it is, with the checker's detail (ids and the path check's words). */
export function problemLabel(p: Pick<AuthoringProblem, "code" | "detail">, m: Messages): string {
  return m[`scenarioAuthor.problem.${p.code}`](p.detail);
}

/** Problems with their lines; each line links to the script's text box. */
export function ProblemList({ problems, id }: { problems: readonly AuthoringProblem[]; id?: string }) {
  const m = useMessages();
  if (!problems.length) return null;
  return (
    <ul className="problem-list" id={id}>
      {problems.map((p, i) => (
        <li key={i}>
          {p.line ? (
            <>
              <a href="#script-text" data-line={p.line} aria-label={m["scenarioAuthor.goToLine"](p.line)}>
                {m["scenarioAuthor.atLine"](p.line)}
              </a>
              {m.colon}
            </>
          ) : null}
          {problemLabel(p, m)}
        </li>
      ))}
    </ul>
  );
}

/** A line diff of two script texts: removed lines, then added ones, with the unchanged lines around them. */
export function DiffView({ lines, title }: { lines: readonly DiffLine[]; title: string }) {
  const m = useMessages();
  const changed = lines.some((l) => l.op !== "same");
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {changed ? (
        <pre className="diff" data-testid="diff">
          {lines.map((l, i) =>
            l.op === "same" ? (
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
