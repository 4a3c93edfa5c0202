import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission, requireUser } from "~/auth/session.server";
import { hasPermission } from "~/auth/permissions";
import { getCourseware } from "~/courseware/courseware.server";
import { moduleToContinue, resumeHref } from "~/courseware/progress";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { listModulesWithStatus } from "~/models/progress.server";
import { listTeamProgress } from "~/models/progress.server";
import { listTeams, teamIdsVisibleTo } from "~/models/teams.server";
import { listUsers } from "~/models/users.server";
import { getCertificationStatus, listCertificates } from "~/models/certificates.server";
import { scenarioTitle } from "~/roleplay/scenario-files.server";
import { now } from "~/utils/clock.server";
import { CertificationPath, type PathView } from "~/components/certification-path";
import { assignmentsForTrainee } from "~/models/assignments.server";
import { markCoachingRead, recentCoaching } from "~/models/review.server";
import { formValues, readForm } from "~/utils/forms.server";
import { formatDate } from "~/utils/dates";
import { CoachingNotes } from "~/components/coaching-notes";
import { workTitle } from "~/models/work-catalog.server";
import { playableScenario } from "~/models/scenario-authoring.server";
import { AssignmentLabel, assignmentHref } from "~/components/assignment-label";
import { ModuleList } from "~/components/module-list";
import { TeamProgressTables } from "~/components/team-progress";
import { pageTitle } from "~/utils/meta";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["home.title"]);

/** Each role's home: a trainee's own path, a trainer's teams, a supervisor's whole organisation. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const lang = requestLang(request);
  const modules = user.role === "trainee" ? await listModulesWithStatus(user.id, lang) : [];
  const assignments =
    user.role === "trainee"
      ? await Promise.all(
          (await assignmentsForTrainee(user, now())).map(async ({ assignment: a, state }) => ({
            id: a.id,
            kind: a.kind,
            target: a.target,
            mode: a.mode,
            title: workTitle(a.kind, a.target, a.mode, lang),
            // A scenario retired since it was assigned keeps its title, without a link that would open nothing.
            open: a.kind !== "scenario" || (await playableScenario(user, a.target)) !== null,
            dueAt: a.dueAt,
            note: a.note,
            by: a.createdByName,
            remindedAt: a.remindedAt.at(-1) ?? null,
            state,
          })),
        )
      : [];
  const coaching = user.role === "trainee" ? (await recentCoaching(user.id, 5)).map((note) => ({ ...note, title: scenarioTitle(note.scenarioId, lang) })) : [];
  let path: PathView | null = null;
  if (user.role === "trainee") {
    const status = await getCertificationStatus(user.id, now());
    const latest = (await listCertificates(user.id)).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
    const titles = new Map(getCourseware(lang).map((mod) => [mod.slug as string, mod.title]));
    path = {
      state: status.state,
      done: status.done,
      total: status.total,
      current: status.current && { id: status.current.id, expiresAt: status.current.expiresAt },
      latestId: latest?.id ?? null,
      items: status.checklist.map((c) => ({
        ...c,
        title: c.kind === "scenario" ? scenarioTitle(c.target, lang) : (titles.get(c.target) ?? c.target),
      })),
    };
  }
  const teams = hasPermission(user.role, "view:team-progress") ? await listTeamProgress(await teamIdsVisibleTo(user), getCourseware(lang)) : [];
  let counts: { trainees: number; trainers: number; teams: number } | null = null;
  if (hasPermission(user.role, "manage:users")) {
    const users = (await listUsers()).filter((u) => u.active);
    counts = {
      trainees: users.filter((u) => u.role === "trainee").length,
      trainers: users.filter((u) => u.role === "trainer").length,
      teams: (await listTeams()).length,
    };
  }
  return { user: { displayName: user.displayName, role: user.role }, modules, teams, counts, path, assignments, coaching };
}

/** The trainee marks their trainers' coaching as read. */
export async function action({ request }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "practice:scenarios");
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    if (values.intent !== "coaching-read") return data({ error: m["form.invalidRequest"] }, { status: 400 });
    await markCoachingRead(user.id, now());
    return { error: null };
  });
}

export default function Home() {
  const { user, modules, teams, counts, path, assignments, coaching } = useLoaderData<typeof loader>();
  const lang = useLang();
  const m = useMessages();
  const next = moduleToContinue(modules);
  return (
    <>
      <h1>{m["home.welcome"](user.displayName)}</h1>
      {user.role === "trainee" ? (
        <>
          <p className="lead">{m["home.trainee.intro"]}</p>
          {next ? (
            <p>
              <Link className="button primary" to={resumeHref(next.slug, next.status)}>
                {m["home.trainee.continue"]}: {next.title}
              </Link>
            </p>
          ) : (
            <p className="alert alert--success">{m["home.trainee.allDone"]}</p>
          )}
          <section className="card" aria-labelledby="assignments-title">
            <h2 id="assignments-title">{m["assign.mine"]}</h2>
            {assignments.length === 0 ? <p>{m["assign.none"]}</p> : <p className="muted">{m["assign.doneRule"]}</p>}
            {assignments.length === 0 ? null : (
              <ul className="checklist assignments">
                {assignments.map((a) => (
                  <li key={a.id} data-state={a.state} data-assignment={a.id}>
                    <span className={`badge badge--${a.state === "done" ? "completed" : a.state === "overdue" ? "overdue" : "in-progress"}`}>
                      {m[`assign.state.${a.state}`]}
                    </span>{" "}
                    {a.open ? (
                      <Link to={assignmentHref(a.kind, a.target, a.mode)}>
                        <AssignmentLabel kind={a.kind} title={a.title} mode={a.mode} />
                      </Link>
                    ) : (
                      <>
                        <AssignmentLabel kind={a.kind} title={a.title} mode={a.mode} /> <span className="muted">{m["assign.scenarioRetired"]}</span>
                      </>
                    )}{" "}
                    <span className="muted">
                      · {m["assign.dueOn"](formatDate(a.dueAt, lang))} · {m["assign.from"](a.by)}
                      {a.remindedAt ? ` · ${m["assign.reminded"](formatDate(a.remindedAt, lang))}` : ""}
                    </span>
                    {a.note ? <div className="muted">{a.note}</div> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {coaching.length ? <CoachingNotes notes={coaching} /> : null}
          {path ? <CertificationPath path={path} /> : null}
          <h2>{m["home.trainee.progress"]}</h2>
          <ModuleList modules={modules} headingLevel={3} />
        </>
      ) : null}
      {user.role === "trainer" ? (
        <>
          <p className="lead">{m["home.trainer.intro"]}</p>
          {teams.length === 0 ? <p>{m["home.trainer.noTeams"]}</p> : null}
        </>
      ) : null}
      {user.role === "supervisor" && counts ? (
        <>
          <p className="lead">{m["home.supervisor.intro"]}</p>
          <p>
            {m["home.counts"](counts.trainees, counts.trainers, counts.teams)} · <Link to="/supervisor/users">{m["home.supervisor.manageUsers"]}</Link>
          </p>
        </>
      ) : null}
      {teams.length > 0 ? (
        <TeamProgressTables teams={teams} traineeHref={(id) => `/${user.role === "supervisor" ? "supervisor" : "trainer"}/trainees/${id}`} />
      ) : null}
    </>
  );
}
