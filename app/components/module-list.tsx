import { Link } from "@remix-run/react";
import { resumeHref, type ModuleStatus } from "~/courseware/progress";
import { useMessages } from "~/i18n/use-messages";

export interface ModuleCard {
  slug: string;
  order: number;
  title: string;
  summary: string;
  minutes: number;
  status: ModuleStatus;
}

/**
 * The six modules with each one's state and a link that resumes where the trainee left off. Each card's title is
 * a heading one level below the page's heading it sits under (h2 on /learn, h3 under 学习进度 on the home page).
 */
export function ModuleList({ modules, headingLevel }: { modules: ModuleCard[]; headingLevel: 2 | 3 }) {
  const m = useMessages();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="module-list">
      {modules.map((mod) => {
        const { status } = mod;
        const stateLabel =
          status.state === "completed"
            ? m["learn.status.completed"]
            : status.state === "in-progress"
              ? m["learn.status.inProgress"]
              : m["learn.status.notStarted"];
        const target = resumeHref(mod.slug, status);
        const linkLabel = status.state === "completed" ? m["learn.review"] : status.state === "in-progress" ? m["learn.resume"] : m["learn.start"];
        return (
          <li key={mod.slug} className="card module-card" data-slug={mod.slug} data-state={status.state}>
            <div className="module-card__head">
              <Heading>
                {mod.order}. {mod.title}
              </Heading>
              <span className={`badge badge--${status.state}`}>{stateLabel}</span>
            </div>
            <p>{mod.summary}</p>
            <p className="muted">
              {m["learn.minutes"](mod.minutes)} · <span className="sections-read">{m["learn.sectionsRead"](status.read, status.total)}</span>
            </p>
            <progress max={status.total} value={status.read} aria-label={`${mod.title}: ${m["learn.sectionsRead"](status.read, status.total)}`} />
            <p>
              <Link to={target} className="button">
                {linkLabel}
              </Link>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
