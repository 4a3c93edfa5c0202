import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { sortedByName } from "~/utils/collate";
import { inLang } from "~/i18n/lang";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getCourseware } from "~/courseware/courseware.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import {
  audienceName,
  cancelAssignment,
  describeAssignment,
  getAssignment,
  listAssignmentProgress,
  listCancelledAssignments,
  remindAssignment,
  restoreAssignment,
  type Assignment,
} from "~/models/assignments.server";
import { listTeamAttempts, reviewQueue } from "~/models/review.server";
import { listTeamProgress } from "~/models/progress.server";
import { listTeams, teamIdsVisibleTo } from "~/models/teams.server";
import { listUsers } from "~/models/users.server";
import { workTitle } from "~/models/work-catalog.server";
import { getScenarios, scenarioTitle } from "~/roleplay/scenario-files.server";
import { AssignmentLabel } from "~/components/assignment-label";
import { AttemptsTable } from "~/components/attempts-table";
import { FormAlert } from "~/components/form";
import { ConfirmStep } from "~/components/confirm-step";
import { TeamProgressTables } from "~/components/team-progress";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/dates";
import { formValues, readForm } from "~/utils/forms.server";
import { assignmentActionSchema, attemptFilterSchema } from "~/utils/form-schemas.server";
import { pageTitle } from "~/utils/meta";
import { forbidden, notFound } from "~/utils/params.server";
import { Table } from "~/components/table";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["trainer.title"]);

/** The newest calls shown at once; the filters find older ones. */
const SHOWN_ATTEMPTS = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "review:attempts");
  const lang = requestLang(request);
  const url = new URL(request.url);
  const teamIds = await teamIdsVisibleTo(user);
  const query = attemptFilterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, value]) => value !== "")));
  const filter = { scenarioId: query.scenario, userId: query.trainee, mode: query.mode, result: query.result, reviewed: query.reviewed };
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  const scenarios = getScenarios().map((s) => ({ id: s.id, title: pick(s.title) }));
  const [teams, users, assignments, cancelled, attempts, queue] = await Promise.all([
    listTeams(),
    listUsers(),
    listAssignmentProgress(teamIds, now()),
    listCancelledAssignments(teamIds),
    listTeamAttempts(teamIds, filter),
    reviewQueue(teamIds),
  ]);
  // What the open and the cancelled assignments both show of an assignment.
  const shown = (a: Assignment) => ({
    id: a.id,
    kind: a.kind,
    mode: a.mode,
    title: workTitle(a.kind, a.target, a.mode, lang),
    audience: audienceName(a.audience, teams, users),
    dueAt: a.dueAt,
  });
  return {
    filter,
    scenarios,
    trainees: sortedByName(
      users.filter((u) => u.role === "trainee" && teamIds.includes(u.teamId)),
      (u) => u.displayName,
    ).map((u) => ({ id: u.id, name: u.displayName })),
    progress: await listTeamProgress(teamIds, getCourseware(lang)),
    assignments: assignments.map(({ assignment: a, trainees }) => ({
      ...shown(a),
      note: a.note,
      remindedAt: a.remindedAt.at(-1) ?? null,
      done: trainees.filter((t) => t.state === "done").length,
      overdue: trainees.filter((t) => t.state === "overdue").length,
      // Who still has to do it: what a trainer reminds about.
      pending: trainees.filter((t) => t.state !== "done").map((t) => ({ name: t.displayName, overdue: t.state === "overdue" })),
      total: trainees.length,
    })),
    cancelled: cancelled.map((a) => ({ ...shown(a), cancelledAt: a.cancelledAt! })),
    // Where a trainer starts working through the calls nobody has reviewed: the oldest.
    queue: { waiting: queue.length, first: queue[0]?.attemptId ?? null },
    attemptsFound: attempts.length,
    attempts: attempts.slice(0, SHOWN_ATTEMPTS).map((a) => ({ ...a, scenarioTitle: scenarioTitle(a.scenarioId, lang) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "assign:work");
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    const parsed = assignmentActionSchema.safeParse(values);
    if (!parsed.success) return data({ ...noOutcome, error: m["form.invalidRequest"] }, { status: 400 });
    const { intent, confirmed } = parsed.data;
    const assignment = await getAssignment(parsed.data.assignmentId);
    if (!assignment) notFound();
    // Only the teams one trains: an assignment to a trainee is checked through that trainee's team.
    const teamIds = await teamIdsVisibleTo(user);
    const users = await listUsers();
    const teamId =
      assignment.audience.type === "team" ? assignment.audience.teamId : users.find((u) => u.id === (assignment.audience as { userId: string }).userId)?.teamId;
    if (!teamId || !teamIds.includes(teamId)) forbidden();
    const { what, who, due } = await describeAssignment(assignment, requestLang(request));
    if (intent === "remind") {
      await remindAssignment(assignment.id, now());
      return { ...noOutcome, message: m["assign.remindedOk"](what, who) };
    }
    if (intent === "cancel") {
      // Asked first: the confirmation names the task, whom it is for and when it is due.
      if (!confirmed) return { ...noOutcome, confirmCancel: { id: assignment.id, what, who, due } };
      await cancelAssignment(assignment.id, now());
      return { ...noOutcome, message: m["assign.cancelledOk"](what, who), undo: assignment.id };
    }
    const restored = await restoreAssignment(assignment.id);
    if (!restored.ok && restored.error === "duplicate") {
      const open = await describeAssignment(restored.existing, requestLang(request));
      return data({ ...noOutcome, error: m["assign.error.restoreDuplicate"](open.what, open.who, open.due) }, { status: 409 });
    }
    // Restoring one that is open already (a second click) leaves it as it is.
    return { ...noOutcome, message: m["assign.restoredOk"](what, who) };
  });
}

/** What the trainer's action answers: a message or an error, a cancellation to confirm, or one to undo. */
const noOutcome = {
  message: null as string | null,
  error: null as string | null,
  confirmCancel: null as { id: string; what: string; who: string; due: string } | null,
  undo: null as string | null,
};

/** Buttons that post the trainer's actions on one assignment: [intent, label] each. */
function AssignmentButtons({ assignmentId, actions }: { assignmentId: string; actions: Array<["remind" | "cancel" | "restore", string]> }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="assignmentId" value={assignmentId} />
      {actions.map(([intent, label], i) => (
        <span key={intent}>
          {i ? " " : null}
          <button type="submit" name="intent" value={intent} className="link-button">
            {label}
          </button>
        </span>
      ))}
    </Form>
  );
}

/** A filter: "all" or one of the options, submitted as a GET parameter. */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: Array<[string, string]> }) {
  const m = useMessages();
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{m["trainer.any"]}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function TrainerHome() {
  const { progress, assignments, cancelled, queue, attempts, attemptsFound, scenarios, trainees, filter } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const lang = useLang();
  return (
    <>
      <h1>{m["trainer.title"]}</h1>
      <p className="lead">{m["trainer.intro"]}</p>
      <p className="actions">
        <Link className="button" to="/trainer/disagreements">
          {m["disagree.nav"]}
        </Link>
      </p>
      {actionData?.message ? (
        <div className="alert alert--success alert--with-action" role="status">
          <span>{actionData.message}</span>
          {actionData.undo ? <AssignmentButtons assignmentId={actionData.undo} actions={[["restore", m["assign.undoCancel"]]]} /> : null}
        </div>
      ) : (
        <FormAlert message={actionData?.error} />
      )}
      <section className="card module-card__head" aria-labelledby="quiz-bank-title">
        <div>
          <h2 id="quiz-bank-title">{m["quizAuthor.title"]}</h2>
          <p className="muted">{m["quizAuthor.linkHint"]}</p>
        </div>
        <Link className="button" to="/trainer/quizzes">
          {m["quizAuthor.link"]}
        </Link>
      </section>
      <section className="card module-card__head" aria-labelledby="scenario-authoring-title">
        <div>
          <h2 id="scenario-authoring-title">{m["scenarioAuthor.title"]}</h2>
          <p className="muted">{m["scenarioAuthor.linkHint"]}</p>
        </div>
        <Link className="button" to="/trainer/scenarios">
          {m["scenarioAuthor.link"]}
        </Link>
      </section>
      <section className="card" aria-labelledby="open-title">
        <div className="module-card__head">
          <h2 id="open-title">{m["assign.open"]}</h2>
          <Link className="button primary" to="/trainer/assignments/new">
            {m["assign.new"]}
          </Link>
        </div>
        {actionData?.confirmCancel ? (
          <ConfirmStep
            question={m["assign.cancelConfirm.question"](actionData.confirmCancel.what)}
            fields={{ intent: "cancel", assignmentId: actionData.confirmCancel.id }}
            confirmLabel={m["assign.cancelConfirm.yes"]}
            keepLabel={m["assign.cancelConfirm.keep"]}
          >
            <p>{m["assign.cancelConfirm.what"](actionData.confirmCancel.who, actionData.confirmCancel.due)}</p>
          </ConfirmStep>
        ) : null}
        {assignments.length === 0 ? <p>{m["assign.noneOpen"]}</p> : <p className="muted">{m["assign.doneRule"]}</p>}
        {assignments.length === 0 ? null : (
          <Table label={m["assign.open"]} headers={[m["assign.what"], m["assign.who"], m["assign.due"], m["dash.progress"], m["users.actions"]]}>
            {assignments.map((a) => (
              <tr key={a.id} data-assignment={a.id}>
                <th scope="row">
                  <AssignmentLabel kind={a.kind} title={a.title} mode={a.mode} />
                  {a.note ? <div className="muted">{a.note}</div> : null}
                </th>
                <td>{a.audience}</td>
                <td>{formatDate(a.dueAt, lang)}</td>
                <td>
                  {m["assign.completion"](a.done, a.total)}
                  {a.overdue ? <span className="wrong"> · {m["assign.overdueCount"](a.overdue)}</span> : null}
                  {a.remindedAt ? <div className="muted">{m["assign.reminded"](formatDate(a.remindedAt, lang))}</div> : null}
                  {a.pending.length ? (
                    <div className="muted">
                      {m["assign.pending"]}
                      {m.colon}
                      {a.pending.map((p, i) => (
                        <span key={i} className={p.overdue ? "wrong" : undefined}>
                          {i ? m.nameSeparator : ""}
                          {p.name}
                        </span>
                      ))}
                    </div>
                  ) : null}
                </td>
                <td>
                  <AssignmentButtons
                    assignmentId={a.id}
                    actions={[
                      ["remind", m["assign.remind"]],
                      ["cancel", m["assign.cancel"]],
                    ]}
                  />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      {cancelled.length ? (
        <section className="card" aria-labelledby="cancelled-title">
          <h2 id="cancelled-title">{m["assign.cancelledList"]}</h2>
          <p className="muted">{m["assign.cancelledListHint"]}</p>
          <Table label={m["assign.cancelledList"]} headers={[m["assign.what"], m["assign.who"], m["assign.due"], m["users.actions"]]}>
            {cancelled.map((a) => (
              <tr key={a.id} data-assignment={a.id}>
                <th scope="row">
                  <AssignmentLabel kind={a.kind} title={a.title} mode={a.mode} />
                  <div className="muted">{m["assign.cancelledOn"](formatDate(a.cancelledAt, lang))}</div>
                </th>
                <td>{a.audience}</td>
                <td>{formatDate(a.dueAt, lang)}</td>
                <td>
                  <AssignmentButtons assignmentId={a.id} actions={[["restore", m["assign.restore"]]]} />
                </td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}

      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">{m["trainer.recent"]}</h2>
        {queue.first ? (
          <p>
            {m["trainer.queue"](queue.waiting)}{" "}
            <Link className="button" to={`/trainer/attempts/${queue.first}`}>
              {m["trainer.queueStart"]}
            </Link>
          </p>
        ) : null}
        <Form method="get" className="filters">
          <FilterSelect name="scenario" label={m["practice.title"]} value={filter.scenarioId} options={scenarios.map((s) => [s.id, s.title])} />
          <FilterSelect name="trainee" label={m["progress.table.trainee"]} value={filter.userId} options={trainees.map((t) => [t.id, t.name])} />
          <FilterSelect
            name="mode"
            label={m["practice.modeLabel"]}
            value={filter.mode}
            options={[
              ["assessment", m["practice.mode.assessment"]],
              ["practice", m["practice.mode.practice"]],
            ]}
          />
          <FilterSelect
            name="result"
            label={m["trainer.result"]}
            value={filter.result}
            options={[
              ["passed", m["trainer.result.passed"]],
              ["failed", m["trainer.result.failed"]],
              ["abandoned", m["attempts.abandoned"]],
            ]}
          />
          <FilterSelect
            name="reviewed"
            label={m["trainer.reviewed"]}
            value={filter.reviewed}
            options={[
              ["no", m["trainer.reviewed.no"]],
              ["yes", m["trainer.reviewed.yes"]],
            ]}
          />
          <button type="submit" className="button">
            {m["trainer.apply"]}
          </button>
        </Form>
        {attemptsFound > attempts.length ? <p className="muted">{m["trainer.showingNewest"](attempts.length, attemptsFound)}</p> : null}
        {attempts.length === 0 ? (
          <p>{m["trainer.noAttempts"]}</p>
        ) : (
          <AttemptsTable
            attempts={attempts.map((a) => ({ ...a, title: a.scenarioTitle }))}
            rowHeader="trainee"
            link={{ href: (id) => `/trainer/attempts/${id}`, label: m["trainer.open"] }}
            label={m["dash.attempts"]}
          />
        )}
      </section>

      <h2>{m["trainer.teams"]}</h2>
      {progress.length ? <TeamProgressTables teams={progress} traineeHref={(id) => `/trainer/trainees/${id}`} /> : <p>{m["home.trainer.noTeams"]}</p>}
    </>
  );
}
