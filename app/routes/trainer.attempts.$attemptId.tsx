import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { assessmentAllowanceFor, assessmentGrantsFor, findAttemptOwner, getAttempt, grantAssessmentAttempt } from "~/models/roleplay.server";
import { abandonedView, reportView, type ReportView } from "~/models/report.server";
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
import { markFindingWrong, withdrawFindingMark, type CorrectionResult } from "~/models/corrections.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { scenarioTitle } from "~/roleplay/scenario-files.server";
import { canSeeTrainee } from "~/models/scope.server";
import { getUserById, type User } from "~/models/users.server";
import { AbandonedReport, AttemptReport } from "~/components/roleplay/attempt-report";
import type { FindingItem } from "~/components/roleplay/reply-with-findings";
import { hasPermission } from "~/auth/permissions";
import { inLang } from "~/i18n/lang";
import { formatDateTime } from "~/utils/dates";
import { FieldError, FormAlert, HiddenFields, IntentAlert, PostButton } from "~/components/form";
import { ConfirmStep } from "~/components/confirm-step";
import { now } from "~/utils/clock.server";
import { formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { pack, usePacked } from "~/utils/packed-data";
import { forbidden, notFound } from "~/utils/params.server";
import { commentSchema, adjustSchema, commentChangeSchema, disputeSchema, withdrawDisputeSchema } from "~/utils/form-schemas.server";
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

/** For an assessment: how many of this scenario the trainee has started in the period, and the attempts trainers granted. */
async function attemptLimitView(viewer: User, traineeId: string, scenarioId: string) {
  const [allowance, grants] = await Promise.all([assessmentAllowanceFor(traineeId, scenarioId, now()), assessmentGrantsFor(traineeId, scenarioId)]);
  return { ...allowance, grants: grants.map(({ byName, at }) => ({ byName, at })), canGrant: hasPermission(viewer.role, "grant:assessment-attempts") };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, owner, attempt } = await reviewable(request, params.attemptId);
  if (attempt.status === "active") throw redirect("/trainer");
  const lang = requestLang(request);
  const trainee = await getUserById(owner.userId);
  const report = attempt.result ? reportView(attempt, lang) : null;
  const abandoned = report ? null : abandonedView(attempt, lang, true);
  // Where a trainer working through their calls goes next: the queue of calls nobody has reviewed, oldest first.
  const place = await reviewQueuePlace(await teamIdsVisibleTo(viewer), { attemptId: attempt.id, finishedAt: attempt.finishedAt ?? attempt.updatedAt });
  const call = (a: AttemptSummary | null) => (a ? { attemptId: a.attemptId, trainee: a.traineeName, title: scenarioTitle(a.scenarioId, lang) } : null);
  const mark = attempt.reviewMark;
  return {
    trainee: trainee?.displayName ?? "",
    title: inLang(attempt.scenarioTitle, lang),
    report: report ? pack(report) : null,
    abandoned,
    attemptLimit: attempt.mode === "assessment" ? await attemptLimitView(viewer, owner.userId, attempt.scenarioId) : null,
    viewerId: viewer.id,
    // Findings trainers marked wrong; shown, with the means to take one's own back, under the finding.
    disputes: (attempt.disputes ?? []).map(({ id, turn, finding, reason, byId, byName, at }) => ({
      id,
      turn,
      finding,
      reason,
      byId,
      byName,
      at: formatDateTime(at, lang),
    })),
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

/** Why a mark on a finding (or taking it back) was refused, as the trainer reads it, with its status. */
function correctionRefusal(error: Extract<CorrectionResult, { ok: false }>["error"], m: ReturnType<typeof requestMessages>) {
  switch (error) {
    case "already-marked":
      return { error: m["corrections.error.alreadyMarked"], status: 409 };
    case "not-author":
      return { error: m["corrections.error.notAuthor"], status: 403 };
    case "no-finding":
      return { error: m["corrections.error.noFinding"], status: 404 };
    case "not-found":
      return { error: m["corrections.error.markGone"], status: 404 };
  }
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
    if (values.intent === "dispute-finding" || values.intent === "withdraw-dispute") {
      // The outcome is shown at the finding it concerns.
      const mark = values.intent === "withdraw-dispute" ? (attempt.disputes ?? []).find((d) => d.id === values.disputeId) : null;
      const at = mark ? { turn: mark.turn, finding: mark.finding } : { turn: Number(values.turn) || 0, finding: Number(values.finding) };
      const reply = (fields: { error?: string; message?: string }, status = 200) =>
        data({ intent: values.intent, ...at, reasonError: false, error: null, message: null, ...fields }, { status });
      if (values.intent === "withdraw-dispute") {
        const parsed = withdrawDisputeSchema.safeParse(values);
        if (!parsed.success) return reply({ error: m["corrections.error.markGone"] }, 400);
        const result = await withdrawFindingMark(owner.userId, attempt.id, parsed.data.disputeId, viewer, now());
        if (!result.ok) {
          const { error, status } = correctionRefusal(result.error, m);
          return reply({ error }, status);
        }
        return reply({ message: m["corrections.withdrawn"] });
      }
      const parsed = disputeSchema.safeParse(values);
      if (!parsed.success) {
        const reasonError = parsed.error.issues.some((i) => i.path[0] === "reason");
        return data(
          { intent: values.intent, ...at, reasonError, error: reasonError ? m["corrections.error.reason"] : m["corrections.error.noFinding"], message: null },
          { status: 400 },
        );
      }
      const { turn, finding, reason } = parsed.data;
      const result = await markFindingWrong(owner.userId, attempt.id, turn, finding, reason, viewer, now());
      if (!result.ok) {
        const { error, status } = correctionRefusal(result.error, m);
        return reply({ error }, status);
      }
      return reply({ message: m["corrections.marked"] });
    }
    if (values.intent === "comment") {
      const parsed = commentSchema.safeParse(values);
      if (!parsed.success) return data({ intent: "comment", turn: Number(values.turn) || 0, error: m["review.error.comment"], message: null }, { status: 400 });
      const result = await addComment(owner.userId, attempt.id, parsed.data.turn, parsed.data.text, viewer, now());
      if (!result.ok) return data({ intent: "comment", turn: parsed.data.turn, error: m["form.invalidRequest"], message: null }, { status: 400 });
      return { intent: "comment", turn: parsed.data.turn, error: null, message: m["review.commentAdded"] };
    }
    if (values.intent === "grant") {
      const granter = await requirePermission(request, "grant:assessment-attempts");
      if (attempt.mode !== "assessment") return data({ intent: "grant", turn: 0, error: m["form.invalidRequest"], message: null }, { status: 400 });
      const granted = await grantAssessmentAttempt(owner.userId, attempt.scenarioId, granter, now());
      if (!granted.ok) return data({ intent: "grant", turn: 0, error: m["review.limit.notNeeded"], message: null }, { status: 409 });
      return { intent: "grant", turn: 0, error: null, message: m["review.limit.granted"] };
    }
    if (values.intent === "adjust") {
      const parsed = adjustSchema.safeParse(values);
      if (!parsed.success) {
        const reasonMissing = parsed.error.issues.some((i) => i.path[0] === "reason");
        return data({ intent: "adjust", turn: 0, error: reasonMissing ? m["review.error.reason"] : m["review.error.score"], message: null }, { status: 400 });
      }
      const result = await adjustScore(owner.userId, attempt.id, parsed.data.dimension, parsed.data.score, parsed.data.reason, viewer, now());
      if (!result.ok) return data({ intent: "adjust", turn: 0, error: m["form.invalidRequest"], message: null }, { status: 400 });
      const verdict = (passed: boolean) => (passed ? m["report.passed"] : m["report.notPassed"]);
      const message = m["review.adjusted"](verdict(result.passedBefore), verdict(result.passedAfter));
      return { intent: "adjust", turn: 0, error: null, message: result.certificateStands ? `${message}${m["review.certificateStands"]}` : message };
    }
    return data({ intent: null, turn: 0, error: m["form.invalidRequest"], message: null }, { status: 400 });
  });
}

export default function ReviewAttempt() {
  const { trainee, title, report: packedReport, abandoned, attemptLimit, viewerId, disputes, queue } = useLoaderData<typeof loader>();
  const report = usePacked(packedReport);
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  // The outcome of a change to a comment: shown at its turn; a deletion first asks, under the comment.
  const commentChange = actionData && "commentId" in actionData ? actionData : null;
  const commentForm = (n: number) => (
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
  );
  const commentActions = (c: CommentView) =>
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
        <PostButton fields={{ intent: "delete-comment", commentId: c.id }} label={m["review.deleteComment"]} />
      </div>
    );
  // What a trainer may do with a finding: say it is wrong, with a reason, or take their own mark back.
  const correction = actionData && "finding" in actionData ? actionData : null;
  const findingMarks = (n: number, f: FindingItem) => {
    const marks = disputes.filter((d) => d.turn === n && d.finding === f.index);
    const outcome = correction?.turn === n && correction.finding === f.index ? correction : null;
    const mine = marks.some((d) => d.byId === viewerId);
    const errorId = `reason-error-${n}-${f.index}`;
    return (
      <div className="finding-marks">
        {outcome?.message ? <FormAlert tone="success" message={outcome.message} /> : null}
        {outcome?.error && !outcome.reasonError ? <FormAlert message={outcome.error} /> : null}
        {marks.map((d) => (
          <div key={d.id} className="finding-mark" data-testid="finding-mark">
            <span>{m["corrections.markLine"](d.byName, d.at, d.reason)}</span>
            {d.byId === viewerId ? <PostButton fields={{ intent: "withdraw-dispute", disputeId: d.id }} label={m["corrections.withdraw"]} /> : null}
          </div>
        ))}
        {mine ? null : (
          // Keyed by the marks, so that it closes once a mark is saved, and stays open on a refused reason.
          <details key={marks.length} open={Boolean(outcome?.reasonError) || undefined} className="finding-dispute">
            <summary>{m["corrections.markWrong"]}</summary>
            <Form method="post" className="form">
              <HiddenFields fields={{ intent: "dispute-finding", turn: n, finding: f.index }} />
              <label className="field">
                <span>{m["corrections.reason"]}</span>
                <textarea
                  name="reason"
                  rows={2}
                  maxLength={500}
                  aria-invalid={outcome?.reasonError ? true : undefined}
                  aria-describedby={outcome?.reasonError ? errorId : undefined}
                />
                <FieldError id={errorId} message={outcome?.reasonError ? (outcome.error ?? undefined) : undefined} />
              </label>
              <p className="hint">{m["corrections.reasonHint"]}</p>
              <button type="submit" className="button">
                {m["corrections.submit"]}
              </button>
            </Form>
          </details>
        )}
      </div>
    );
  };
  return (
    <div className="report">
      <p>
        <Link to="/trainer">← {m["trainer.title"]}</Link>
      </p>
      <h1>{m["review.title"](trainee, title)}</h1>
      {report ? <AttemptReport r={report} traineeName={trainee} turnExtra={commentForm} commentExtra={commentActions} findingExtra={findingMarks} /> : null}
      {abandoned ? (
        <AbandonedReport r={abandoned} traineeName={trainee} turnExtra={commentForm} commentExtra={commentActions} findingExtra={findingMarks} />
      ) : null}
      {attemptLimit ? <AttemptLimitCard trainee={trainee} limit={attemptLimit} /> : null}
      {report ? <AdjustForm /> : null}
      <ReviewQueueCard queue={queue} />
    </div>
  );
}

type CommentView = ReportView["turns"][number]["comments"][number];

/** Where this call stands in the queue of calls nobody has reviewed, a mark for a call with nothing to add, and the next one. */
function ReviewQueueCard({ queue }: { queue: LoaderData["queue"] }) {
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  return (
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
  );
}

/** A trainer changes a finished call's score, with a reason. */
function AdjustForm() {
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  return (
    <Form method="post" className="card form" aria-labelledby="adjust-title">
      <h2 id="adjust-title">{m["review.adjust"]}</h2>
      <p className="muted">{m["review.adjustIntro"]}</p>
      <IntentAlert result={actionData && { ...actionData, formError: actionData.error }} intent="adjust" />
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
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * How many assessments of this scenario the trainee has started in the period, against the limit; at the limit, a
 * trainer who trains them can grant one more, and every grant is listed with who made it and when.
 */
function AttemptLimitCard({ trainee, limit }: { trainee: string; limit: NonNullable<LoaderData["attemptLimit"]> }) {
  const actionData = useActionData<typeof action>();
  const m = useMessages();
  const lang = useLang();
  return (
    <section className="card" aria-labelledby="limit-title">
      <h2 id="limit-title">{m["review.limit.title"]}</h2>
      <IntentAlert result={actionData && { ...actionData, formError: actionData.error }} intent="grant" />
      <p>{m["review.limit.status"](trainee, limit.used, limit.limit, limit.periodDays)}</p>
      {limit.allowed ? null : (
        <>
          <p>{m["review.limit.reached"](limit.nextAt ? formatDateTime(limit.nextAt, lang) : "")}</p>
          {limit.canGrant ? (
            <Form method="post">
              <input type="hidden" name="intent" value="grant" />
              <button type="submit" className="button primary">
                {m["review.limit.grant"]}
              </button>
            </Form>
          ) : (
            <p className="muted">{m["review.limit.trainersGrant"]}</p>
          )}
        </>
      )}
      {limit.grants.length ? (
        <>
          <h3>{m["review.limit.grants"]}</h3>
          <ul data-testid="grants">
            {limit.grants.map((g) => (
              <li key={g.at}>{m["review.limit.grantLine"](g.byName, formatDateTime(g.at, lang))}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
