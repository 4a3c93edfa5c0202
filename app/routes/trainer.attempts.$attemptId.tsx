import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { findAttemptOwner, getAttempt } from "~/models/roleplay.server";
import { reportView } from "~/models/report.server";
import {
  addComment,
  adjustScore,
  commentChangeRefusal,
  deleteComment,
  editComment,
  isReviewed,
  markReviewed,
  reviewQueuePlace,
  type AttemptSummary,
} from "~/models/review.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { scenarioTitle } from "~/roleplay/scenario-files.server";
import { canSeeTrainee } from "~/models/scope.server";
import { getUserById } from "~/models/users.server";
import { AttemptReport } from "~/components/roleplay/attempt-report";
import { FormAlert, IntentAlert } from "~/components/form";
import { ConfirmStep } from "~/components/confirm-step";
import { formatDateTime } from "~/utils/dates";
import { now } from "~/utils/clock.server";
import { formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { pack, usePacked } from "~/utils/packed-data";
import { forbidden, notFound } from "~/utils/params.server";
import { commentSchema, adjustSchema, commentChangeSchema } from "~/utils/form-schemas.server";
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
  // Where a trainer working through their calls goes next: the queue of calls nobody has reviewed, oldest first.
  const place = await reviewQueuePlace(await teamIdsVisibleTo(viewer), { attemptId: attempt.id, finishedAt: attempt.finishedAt! });
  const call = (a: AttemptSummary | null) => (a ? { attemptId: a.attemptId, trainee: a.traineeName, title: scenarioTitle(a.scenarioId, lang) } : null);
  const mark = attempt.reviewMark;
  return {
    trainee: trainee?.displayName ?? "",
    title: report.title,
    report: pack(report),
    viewerId: viewer.id,
    queue: {
      reviewed: isReviewed(attempt),
      markedBy: mark ? { name: mark.byName, at: formatDateTime(mark.at, lang) } : null,
      position: place.position,
      waiting: place.waiting,
      next: call(place.next),
      restart: call(place.restart),
    },
  };
}

/** Why a change to a comment was refused, as the trainer reads it, with its status. */
function commentRefusal(error: "not-found" | "not-author" | "bad-turn", m: ReturnType<typeof requestMessages>) {
  return error === "not-author" ? { error: m["review.error.notAuthor"], status: 403 } : { error: m["review.error.commentGone"], status: 404 };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const { viewer, owner, attempt } = await reviewable(request, params.attemptId);
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    if (values.intent === "mark-reviewed") {
      const result = await markReviewed(owner.userId, attempt.id, viewer, now());
      if (!result.ok) return data({ intent: "mark-reviewed", turn: 0, error: m["form.invalidRequest"], message: null }, { status: 400 });
      return { intent: "mark-reviewed", turn: 0, error: null, message: m["review.markedReviewed"] };
    }
    if (values.intent === "edit-comment" || values.intent === "delete-comment") {
      const comment = attempt.comments.find((c) => c.id === values.commentId);
      const reply = (fields: { error?: string; message?: string; confirmDelete?: boolean }, status = 200) =>
        data(
          { intent: values.intent, turn: comment?.turn ?? 0, commentId: comment?.id ?? null, confirmDelete: false, error: null, message: null, ...fields },
          { status },
        );
      const parsed = commentChangeSchema.safeParse(values);
      if (!parsed.success) return reply({ error: values.intent === "edit-comment" ? m["review.error.comment"] : m["form.invalidRequest"] }, 400);
      const change = parsed.data;
      // Deleting asks first; the confirmation says which comment goes.
      if (change.intent === "delete-comment" && !change.confirmed) {
        const refusal = commentChangeRefusal(attempt, change.commentId, viewer);
        if (!refusal) return reply({ confirmDelete: true });
        const { error, status } = commentRefusal(refusal, m);
        return reply({ error }, status);
      }
      const result =
        change.intent === "edit-comment"
          ? await editComment(owner.userId, attempt.id, change.commentId, change.text, viewer, now())
          : await deleteComment(owner.userId, attempt.id, change.commentId, viewer, now());
      if (!result.ok) {
        const { error, status } = commentRefusal(result.error, m);
        return reply({ error }, status);
      }
      return reply({ message: change.intent === "edit-comment" ? m["review.commentEdited"] : m["review.commentDeleted"] });
    }
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
  const { trainee, report: packedReport, viewerId, queue } = useLoaderData<typeof loader>();
  const report = usePacked(packedReport);
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  // The outcome of a change to a comment: shown at its turn; a deletion first asks, under the comment.
  const commentChange = actionData && "commentId" in actionData ? actionData : null;
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
            {(actionData?.intent === "comment" || commentChange) && actionData?.turn === n ? (
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
        commentExtra={(c) =>
          c.byId !== viewerId ? null : commentChange?.confirmDelete && commentChange.commentId === c.id ? (
            <ConfirmStep
              question={m["review.deleteConfirm.question"]}
              fields={{ intent: "delete-comment", commentId: c.id }}
              confirmLabel={m["review.deleteConfirm.yes"]}
              keepLabel={m["review.deleteConfirm.keep"]}
            >
              <p>{m["review.deleteConfirm.what"](trainee)}</p>
            </ConfirmStep>
          ) : (
            <div className="comment-actions">
              {/* Keyed by the last change, so that a saved edit closes and shows the new text next time. */}
              <details key={c.editedAt ?? c.at}>
                <summary>{m["review.editComment"]}</summary>
                <Form method="post" className="form">
                  <input type="hidden" name="intent" value="edit-comment" />
                  <input type="hidden" name="commentId" value={c.id} />
                  <label className="field">
                    <span>{m["review.editLabel"]}</span>
                    <textarea name="text" rows={3} maxLength={1000} defaultValue={c.text} />
                  </label>
                  <p className="hint">{m["review.editHint"]}</p>
                  <button type="submit" className="button">
                    {m["review.saveEdit"]}
                  </button>
                </Form>
              </details>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="delete-comment" />
                <input type="hidden" name="commentId" value={c.id} />
                <button type="submit" className="link-button">
                  {m["review.deleteComment"]}
                </button>
              </Form>
            </div>
          )
        }
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
      <section className="card review-queue" aria-labelledby="queue-title">
        <h2 id="queue-title">{m["review.queue"]}</h2>
        <IntentAlert result={actionData} intent="mark-reviewed" />
        {queue.reviewed ? (
          <p>{queue.markedBy ? m["review.markedBy"](queue.markedBy.name, queue.markedBy.at) : m["review.isReviewed"]}</p>
        ) : (
          <Form method="post">
            <p>{m["review.notYetReviewed"]}</p>
            <input type="hidden" name="intent" value="mark-reviewed" />
            <button type="submit" className="button">
              {m["review.markReviewed"]}
            </button>
          </Form>
        )}
        <p className="muted">{queue.position ? m["review.queuePosition"](queue.position, queue.waiting) : m["review.queueWaiting"](queue.waiting)}</p>
        {queue.next ? (
          <Link className="button primary" to={`/trainer/attempts/${queue.next.attemptId}`}>
            {m["review.next"](queue.next.trainee, queue.next.title)}
          </Link>
        ) : queue.restart ? (
          <>
            <p>{m["review.queueEnd"]}</p>
            <Link className="button" to={`/trainer/attempts/${queue.restart.attemptId}`}>
              {m["review.restart"](queue.restart.trainee, queue.restart.title)}
            </Link>
          </>
        ) : (
          <p>{m["review.allReviewed"]}</p>
        )}
      </section>
    </div>
  );
}
