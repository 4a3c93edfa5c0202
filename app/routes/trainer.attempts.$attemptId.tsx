import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { findAttemptOwner, getAttempt } from "~/models/roleplay.server";
import { reportView } from "~/models/report.server";
import { addComment, adjustScore, listTeamAttempts } from "~/models/review.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { scenarioTitle } from "~/roleplay/scenario-files.server";
import { canSeeTrainee } from "~/models/scope.server";
import { getUserById } from "~/models/users.server";
import { AttemptReport } from "~/components/roleplay/attempt-report";
import { FormAlert } from "~/components/form";
import { now } from "~/utils/clock.server";
import { formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { pack, usePacked } from "~/utils/packed-data";
import { forbidden, notFound } from "~/utils/params.server";
import { commentSchema, adjustSchema } from "~/utils/form-schemas.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (m) => (args.data ? m["review.title"](args.data.trainee, args.data.title) : m["trainer.title"]));

/** The attempt, if it exists and the viewer trains the trainee's team (supervisors: anyone's). */
async function reviewable(request: Request, attemptId: string | undefined) {
  const viewer = await requirePermission(request, "review:attempts");
  const owner = attemptId ? await findAttemptOwner(attemptId) : null;
  if (!owner) notFound();
  if (!(await canSeeTrainee(viewer, owner.userId))) forbidden();
  const attempt = (await getAttempt(owner.userId, attemptId!)) ?? notFound();
  return { viewer, owner, attempt };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, owner, attempt } = await reviewable(request, params.attemptId);
  if (attempt.status !== "finished" || !attempt.result) throw redirect("/trainer");
  const lang = requestLang(request);
  const trainee = await getUserById(owner.userId);
  const report = reportView(attempt, lang);
  // Where a trainer working through their calls goes next: the newest one nobody has reviewed yet, by someone
  // still on the team (a deactivated trainee's calls stay in the list, but are no one's next task).
  const teamIds = await teamIdsVisibleTo(viewer);
  const next = (await listTeamAttempts(teamIds, { reviewed: "no", activeTraineesOnly: true })).find((a) => a.attemptId !== attempt.id);
  return {
    trainee: trainee?.displayName ?? "",
    title: report.title,
    report: pack(report),
    nextToReview: next ? { attemptId: next.attemptId, trainee: next.traineeName, title: scenarioTitle(next.scenarioId, lang) } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const { viewer, owner, attempt } = await reviewable(request, params.attemptId);
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    if (values.intent === "comment") {
      const parsed = commentSchema.safeParse(values);
      if (!parsed.success) return data({ intent: "comment", turn: Number(values.turn) || 0, error: m["review.error.comment"], message: null }, { status: 400 });
      const result = await addComment(owner.userId, attempt.id, parsed.data.turn, parsed.data.text, viewer, now());
      if (!result.ok) return data({ intent: "comment", turn: parsed.data.turn, error: m["form.invalidRequest"], message: null }, { status: 400 });
      return { intent: "comment", turn: parsed.data.turn, error: null, message: m["review.commentAdded"] };
    }
    if (values.intent === "adjust") {
      const parsed = adjustSchema.safeParse(values);
      if (!parsed.success) {
        const reasonMissing = parsed.error.issues.some((i) => i.path[0] === "reason");
        return data({ intent: "adjust", turn: 0, error: reasonMissing ? m["review.error.reason"] : m["review.error.score"], message: null }, { status: 400 });
      }
      await adjustScore(owner.userId, attempt.id, parsed.data.dimension, parsed.data.score, parsed.data.reason, viewer, now());
      return { intent: "adjust", turn: 0, error: null, message: m["review.adjusted"] };
    }
    return data({ intent: null, turn: 0, error: m["form.invalidRequest"], message: null }, { status: 400 });
  });
}

export default function ReviewAttempt() {
  const { trainee, report: packedReport, nextToReview } = useLoaderData<typeof loader>();
  const report = usePacked(packedReport);
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  return (
    <div className="report">
      <p>
        <Link to="/trainer">← {m["trainer.title"]}</Link>
      </p>
      <h1>{m["review.title"](trainee, report.title)}</h1>
      <AttemptReport
        r={report}
        traineeName={trainee}
        turnExtra={(n) => (
          <Form method="post" className="form comment-form">
            {actionData?.intent === "comment" && actionData.turn === n ? (
              actionData.message ? (
                <FormAlert tone="success" message={actionData.message} />
              ) : (
                <FormAlert message={actionData.error} />
              )
            ) : null}
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="turn" value={n} />
            <label className="field">
              <span>{m["review.commentLabel"](n)}</span>
              <textarea name="text" rows={2} maxLength={1000} />
            </label>
            <button type="submit" className="button">
              {m["review.addComment"]}
            </button>
          </Form>
        )}
      />
      <Form method="post" className="card form" aria-labelledby="adjust-title">
        <h2 id="adjust-title">{m["review.adjust"]}</h2>
        <p className="muted">{m["review.adjustIntro"]}</p>
        {actionData?.intent === "adjust" ? (
          actionData.message ? (
            <FormAlert tone="success" message={actionData.message} />
          ) : (
            <FormAlert message={actionData.error} />
          )
        ) : null}
        <input type="hidden" name="intent" value="adjust" />
        <label className="field">
          <span>{m["review.dimension"]}</span>
          <select name="dimension">
            {(["listening", "empathy", "wording"] as const).map((d) => (
              <option key={d} value={d}>
                {m[`dimension.${d}`]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{m["review.newScore"]}</span>
          <input name="score" type="number" min={0} max={100} step={1} inputMode="numeric" />
        </label>
        <label className="field">
          <span>{m["review.reason"]}</span>
          <textarea name="reason" rows={2} maxLength={500} />
        </label>
        <button type="submit" className="button primary">
          {m["review.adjustSubmit"]}
        </button>
      </Form>
      <p>
        {nextToReview ? (
          <Link className="button" to={`/trainer/attempts/${nextToReview.attemptId}`}>
            {m["review.next"](nextToReview.trainee, nextToReview.title)}
          </Link>
        ) : (
          <span className="muted">{m["review.allReviewed"]}</span>
        )}
      </p>
    </div>
  );
}
