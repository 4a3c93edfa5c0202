import { Link } from "@remix-run/react";
import { useLang, useMessages } from "~/i18n/use-messages";
import { formatDate } from "~/utils/dates";

export interface PathView {
  state: "certified" | "expiring" | "expired" | "in-progress";
  done: number;
  total: number;
  current: { id: string; expiresAt: string } | null;
  latestId: string | null;
  items: Array<{ key: string; kind: "module" | "quiz" | "scenario"; target: string; title: string; done: boolean; expired: boolean }>;
}

/** The trainee's path to certification as a checklist: what is done, what is next, what has expired. */
export function CertificationPath({ path }: { path: PathView }) {
  const m = useMessages();
  const lang = useLang();
  const next = path.items.find((i) => !i.done);
  const href = (i: PathView["items"][number]) =>
    i.kind === "module" ? `/learn/${i.target}` : i.kind === "quiz" ? `/quiz/${i.target}` : `/practice/${i.target}?mode=assessment`;
  const label = (i: PathView["items"][number]) =>
    i.kind === "module" ? m["cert.item.module"](i.title) : i.kind === "quiz" ? m["cert.item.quiz"](i.title) : m["cert.item.scenario"](i.title);
  return (
    <section className="card certification-path" aria-labelledby="path-title" data-state={path.state}>
      <h2 id="path-title">{m["cert.path"]}</h2>
      <p data-testid="cert-state">
        <strong>
          {path.state === "certified" && path.current
            ? m["cert.state.certified"](formatDate(path.current.expiresAt, lang))
            : path.state === "expiring" && path.current
              ? m["cert.state.expiring"](formatDate(path.current.expiresAt, lang))
              : path.state === "expired"
                ? m["cert.state.expired"]
                : m["cert.state.in-progress"](path.done, path.total)}
        </strong>
        {path.current || path.latestId ? (
          <>
            {" "}
            · <Link to={`/certificates/${path.current?.id ?? path.latestId}`}>{m["cert.view"]}</Link>
          </>
        ) : null}
      </p>
      {path.state === "in-progress" ? <p className="muted">{m["cert.pathIntro"]}</p> : null}
      {next ? (
        <p>
          {m["cert.next"]}
          {m.colon}
          <Link to={href(next)}>{label(next)}</Link>
        </p>
      ) : null}
      <ul className="checklist">
        {path.items.map((i) => (
          <li key={i.key} data-done={i.done ? "true" : "false"} data-expired={i.expired ? "true" : "false"}>
            {i.done ? "☑" : "☐"} <Link to={href(i)}>{label(i)}</Link>
            {i.expired ? <span> {m["cert.item.expired"]}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
