import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { getCertificationStatus, listCertificates } from "~/models/certificates.server";
import { listQuizzesFor } from "~/models/quizzes.server";
import { listTeamAttempts } from "~/models/review.server";
import { canSeeTrainee } from "~/models/scope.server";
import { getTeam } from "~/models/teams.server";
import { getUserById } from "~/models/users.server";
import { scenarioTitle } from "~/roleplay/scenario-files.server";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/dates";
import { AttemptsTable } from "~/components/attempts-table";
import { pageTitle } from "~/utils/meta";
import { forbidden, notFound } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => m["dash.traineeTitle"](args.data?.name ?? ""));

/** One trainee's history: certification, role-plays and quizzes. Supervisors see anyone; trainers their teams. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "view:team-progress");
  const trainee = params.userId ? await getUserById(params.userId) : null;
  if (!trainee || trainee.role !== "trainee") notFound();
  if (!(await canSeeTrainee(viewer, trainee.id))) forbidden();
  const lang = requestLang(request);
  const at = now();
  const [status, certificates, attempts, quizzes, team] = await Promise.all([
    getCertificationStatus(trainee.id, at),
    listCertificates(trainee.id),
    listTeamAttempts([trainee.teamId], { userId: trainee.id }),
    listQuizzesFor(trainee.id, at),
    getTeam(trainee.teamId),
  ]);
  return {
    name: trainee.displayName,
    team: team?.name ?? "",
    state: status.state,
    done: status.done,
    total: status.total,
    certificates: certificates.map((c) => ({ id: c.id, issuedAt: c.issuedAt, expiresAt: c.expiresAt })),
    attempts: attempts.map((a) => ({ ...a, title: scenarioTitle(a.scenarioId, lang) })),
    quizzes: quizzes.filter((q) => q.lastSubmitted).map((q) => ({ quiz: q.quiz, passed: q.passedEver, last: q.lastSubmitted!.result!.percent })),
  };
}

export default function TraineeHistory() {
  const t = useLoaderData<typeof loader>();
  const m = useMessages();
  const lang = useLang();
  return (
    <>
      <p>
        <Link to="/supervisor">← {m["dash.title"]}</Link>
      </p>
      <h1>{m["dash.traineeTitle"](t.name)}</h1>
      <p className="lead">
        {t.team} ·{" "}
        {t.state === "in-progress" ? m["dash.state.in-progress"](t.done, t.total) : t.state === "expired" ? m["dash.state.expired"] : m["cert.valid"]}
      </p>
      <section className="card">
        <h2>{m["dash.certificates"]}</h2>
        <ul>
          {t.certificates.map((c) => (
            <li key={c.id}>
              <Link to={`/certificates/${c.id}`}>
                {formatDate(c.issuedAt, lang)} → {formatDate(c.expiresAt, lang)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{m["dash.attempts"]}</h2>
        <AttemptsTable
          attempts={t.attempts}
          rowHeader="scenario"
          label={m["dash.attempts"]}
          link={{ href: (id) => `/trainer/attempts/${id}`, label: m["trainer.open"] }}
        />
      </section>
      <section className="card">
        <h2>{m["dash.quizzes"]}</h2>
        <ul>
          {t.quizzes.map((q) => (
            <li key={q.quiz}>
              {q.quiz}
              {m.colon}
              {q.passed ? m["quiz.passed"] : m["quiz.notYet"]}
              {m.paren(`${q.last}%`)}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
