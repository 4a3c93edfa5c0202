import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { inLang } from "~/i18n/lang";
import { Form, Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useMachine } from "@xstate/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { requirePermission } from "~/auth/session.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import {
  abandonAttempt,
  AssessmentLimitReached,
  assessmentAllowanceFor,
  findAttemptOwner,
  getActiveAttempt,
  playTurn,
  startAttempt,
  type Mode,
} from "~/models/roleplay.server";
import { formatDateTime } from "~/utils/dates";
import { playView, scenarioHistory } from "~/models/roleplay-views.server";
import { ScenarioHistory } from "~/components/roleplay/scenario-history";
import { MAX_REPLY_CHARS, replyBoxMachine } from "~/roleplay/reply-box.machine";
import { playableScenario } from "~/models/scenario-authoring.server";
import { Meters } from "~/components/roleplay/meters";
import { OwnerBubble } from "~/components/roleplay/owner-bubble";
import { ReplyWithFindings } from "~/components/roleplay/reply-with-findings";
import { FormAlert } from "~/components/form";
import { formValues, readForm, refusal } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { forbidden, notFound } from "~/utils/params.server";
import { now } from "~/utils/clock.server";
import { storeFailureMessage, withStoreErrors } from "~/utils/store-errors.server";
import { ScoresInline } from "~/components/roleplay/score-bars";
import { z } from "zod";
import { practiceModeSchema, roleplayTurnSchema } from "~/utils/form-schemas.server";
import { ANSWER_IN_PLACE_FIELD, ANSWER_IN_PLACE_VALUE, answerInPlace, answeredInPlace, viewAnsweredInPlace } from "~/utils/answered-in-place";
import { pack, usePacked } from "~/utils/packed-data";
import { loadDraft, saveDraft } from "~/utils/saved-draft";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => args.data?.scenario.title ?? m["practice.title"]);

function modeOf(request: Request): Mode {
  const raw = new URL(request.url).searchParams.get("mode") ?? "practice";
  const parsed = practiceModeSchema.safeParse(raw);
  if (!parsed.success) throw refusal(requestMessages(request)["practice.error.mode"], 400);
  return parsed.data;
}

/**
 * The script played here: a built-in scenario, an authored one published to this user, or (for its authors) a
 * draft without problems, played under `draft-<id>` in practice mode only and kept off every record.
 */
async function scriptFor(user: Parameters<typeof playableScenario>[0], id: string | undefined, mode: Mode) {
  const found = (id && (await playableScenario(user, id))) || notFound();
  if (found.draft && mode !== "practice") notFound();
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:scenarios");
  const mode = modeOf(request);
  const { script, draft } = await scriptFor(user, params.scenarioId, mode);
  const lang = requestLang(request);
  const attempt = await getActiveAttempt(user.id, script.id, mode);
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  // Assessments are limited per period (abandoned ones count): the start panel and the confirm step say where the trainee stands.
  const allowance = mode === "assessment" ? await assessmentAllowanceFor(user.id, script.id, now()) : null;
  return {
    scenario: {
      id: script.id,
      title: pick(script.title),
      setting: pick(script.setting),
      meter: script.meter,
      showClock: script.showClock,
      startEmotion: script.startEmotion,
      draft,
    },
    mode,
    allowance,
    // Giving up an assessment is asked about first: the restart control links here, and the page asks.
    confirmAbandon: mode === "assessment" && attempt !== null && new URL(request.url).searchParams.get(ABANDON_PARAM) === ABANDON_CONFIRM,
    play: attempt ? pack(playView(attempt, script, lang)) : null,
    history: await scenarioHistory(user.id, script.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "practice:scenarios");
    const mode = modeOf(request);
    const { script, draft } = await scriptFor(user, params.scenarioId, mode);
    const m = requestMessages(request);
    const values = formValues(await readForm(request, m));
    const here = `/practice/${script.id}?mode=${mode}`;

    if (values.intent === "start") {
      try {
        await startAttempt(user.id, script, mode, now(), draft);
      } catch (error) {
        if (!(error instanceof AssessmentLimitReached)) throw error;
        const { used, periodDays, nextAt } = error.allowance;
        return data(
          { error: m["practice.limit.reached"](used, periodDays, nextAt ? formatDateTime(nextAt, requestLang(request)) : ""), text: "" },
          { status: 409 },
        );
      }
      return redirect(here);
    }

    const parsed = roleplayTurnSchema.safeParse(values);
    if (!parsed.success) return data({ error: m["form.invalidRequest"], text: values.text ?? "" }, { status: 400 });
    const { attemptId, turn } = parsed.data;
    // The attempt must be this trainee's own, and of this scenario.
    const owner = await findAttemptOwner(attemptId);
    if (!owner || owner.scenarioId !== script.id) notFound();
    if (owner.userId !== user.id) forbidden();

    if (values.intent === "restart") {
      // An assessment is given up only once confirmed (it is recorded and counts as an attempt); practice restarts freely.
      if (owner.mode === "assessment" && values.confirm !== ABANDON_CONFIRM)
        return data({ error: m["practice.abandon.unconfirmed"], text: "" }, { status: 400 });
      await abandonAttempt(user.id, attemptId, now());
      return redirect(here);
    }

    let answer;
    if (values.intent === "choose") {
      const index = z.coerce.number().int().min(0).max(3).safeParse(values.index);
      if (!index.success) return data({ error: m["form.invalidRequest"], text: "" }, { status: 400 });
      answer = { kind: "choose" as const, index: index.data };
    } else {
      const text = values.text ?? "";
      if (!text.trim()) return data({ error: m["practice.error.empty"], text }, { status: 400 });
      if (text.length > MAX_REPLY_CHARS) return data({ error: m["practice.error.tooLong"], text }, { status: 400 });
      answer = { kind: "reply" as const, text };
    }

    let outcome;
    try {
      outcome = await playTurn(user.id, attemptId, turn, answer, script, now());
    } catch (error) {
      // A full disk: the turn was not played (nothing of it is kept), and the reply stays in the box to send again.
      const message = storeFailureMessage(error, m, m["practice.error.storeFull"]);
      if (!message) throw error;
      return data({ error: message, text: answer.kind === "reply" ? answer.text : "", behind: false }, { status: 503 });
    }
    if (!outcome.ok) {
      const status = outcome.error === "not-found" ? 404 : outcome.error === "refused" ? 400 : 409;
      const message = {
        "not-found": m["error.notFound.body"],
        finished: m["practice.error.finished"],
        "out-of-order": m["practice.error.outOfOrder"],
        "answered-elsewhere": m["practice.error.answeredElsewhere"],
        outdated: m["practice.error.outdated"],
        refused: m["practice.error.refused"],
      }[outcome.error];
      // The page is behind the attempt (played on in another window): it reloads its data, keeping the draft.
      const behind = outcome.error === "answered-elsewhere" || outcome.error === "out-of-order";
      return data({ error: message, text: answer.kind === "reply" ? answer.text : "", behind }, { status });
    }
    if (outcome.attempt.status === "finished") return redirect(`/practice/${script.id}/attempts/${outcome.attempt.id}`);
    if (values[ANSWER_IN_PLACE_FIELD] === ANSWER_IN_PLACE_VALUE) {
      // The page with JavaScript: the next turn's view in this response, instead of a redirect and a reload.
      return answerInPlace(playView(outcome.attempt, script, requestLang(request)));
    }
    return redirect(here);
  });
}

/** The query that asks the trainee to confirm giving up an assessment, and the form value that confirms it. */
const ABANDON_PARAM = "abandon";
const ABANDON_CONFIRM = "confirm";

export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  if (answeredInPlace(actionResult)) return false;
  // A refused action is not followed by a reload unless asked for: a page behind its attempt asks.
  if (typeof actionResult === "object" && actionResult !== null && "behind" in actionResult && actionResult.behind === true) return true;
  return defaultShouldRevalidate;
};

/** The reply form's fetcher, shared by the conversation (which shows its answer) and the reply box. */
const REPLY_FETCHER = "roleplay-reply";

export default function Play() {
  const { scenario, mode, allowance, play: packedPlay, history } = useLoaderData<typeof loader>();
  const play = usePacked(packedPlay);
  const m = useMessages();
  const modeName = mode === "assessment" ? m["practice.mode.assessment"] : m["practice.mode.practice"];
  return (
    <div className="play">
      <p>
        <Link to="/practice">← {m["report.back"]}</Link>
      </p>
      <h1>{scenario.title}</h1>
      {scenario.draft ? (
        <p className="alert alert--warning" role="status">
          {m["scenarioAuthor.tryingDraft"]}
        </p>
      ) : null}
      <p className="muted">
        {m["practice.modeLabel"]}
        {m.colon}
        <strong data-testid="mode">{modeName}</strong>
      </p>
      <section className="card setting" aria-labelledby="setting-title">
        <h2 id="setting-title">{m["practice.setting"]}</h2>
        <p>{scenario.setting}</p>
      </section>
      {play ? <Conversation scenario={scenario} play={play} /> : <StartPanel mode={mode} modeName={modeName} allowance={allowance} />}
      <ScenarioHistory scenarioId={scenario.id} history={history} inCall={Boolean(play)} />
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function StartPanel({ mode, modeName, allowance }: { mode: Mode; modeName: string; allowance: LoaderData["allowance"] }) {
  const m = useMessages();
  const lang = useLang();
  const actionData = useActionData<typeof action>();
  const refused = actionData && "error" in actionData ? actionData.error : null;
  return (
    <Form method="post" className="card">
      <h2>{m["practice.start.title"](modeName)}</h2>
      <p>{mode === "assessment" ? m["practice.start.assessmentNote"] : m["practice.start.practiceNote"]}</p>
      {allowance && allowance.allowed ? <p className="muted">{m["practice.limit.count"](allowance.used, allowance.limit, allowance.periodDays)}</p> : null}
      <FormAlert message={refused} />
      {allowance && !allowance.allowed ? (
        <p className="alert alert--warning" role="status">
          {m["practice.limit.reached"](allowance.used, allowance.periodDays, allowance.nextAt ? formatDateTime(allowance.nextAt, lang) : "")}
        </p>
      ) : (
        <>
          <input type="hidden" name="intent" value="start" />
          <button type="submit" className="button primary">
            {m["practice.start.button"]}
          </button>
        </>
      )}
    </Form>
  );
}
type PlayView = ReturnType<typeof playView>;

function Conversation({ scenario, play: loaded }: { scenario: LoaderData["scenario"]; play: PlayView }) {
  const m = useMessages();
  const reply = useFetcher<typeof action>({ key: REPLY_FETCHER });
  // The view a reply was answered with, while it is newer than the page's data (a reload or a restart is not).
  const answered = useMemo(() => (reply.data && "played" in reply.data ? viewAnsweredInPlace<PlayView>(reply.data) : null), [reply.data]);
  const play = answered && answered.attemptId === loaded.attemptId && answered.nextTurn > loaded.nextTurn ? answered : loaded;
  const last = play.lastFeedback;
  return (
    <>
      <Meters emotion={play.emotion} meter={scenario.meter} minute={play.minute} showClock={scenario.showClock} />
      {play.transcript.length > 0 ? (
        <section aria-labelledby="transcript-title" className="transcript">
          <h2 id="transcript-title" className="visually-hidden">
            {m["practice.transcript"]}
          </h2>
          <ol className="chat">
            {play.transcript.map((t) => (
              <li key={t.n}>
                <OwnerBubble speaker={t.speaker} line={t.line} />
                <p className="bubble bubble--trainee">
                  <strong>
                    {m["practice.you"]}
                    {m.colon}
                  </strong>
                  {t.text}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {last ? (
        <section className="card feedback" aria-labelledby="feedback-title">
          <h2 id="feedback-title">{m["practice.lastFeedback"]}</h2>
          <p>
            <ScoresInline scores={last.scores} />
          </p>
          {last.feedback ? <p>{last.feedback}</p> : null}
          {last.findings && last.findings.length ? <ReplyWithFindings text={last.text} findings={last.findings} /> : null}
        </section>
      ) : null}
      {play.current ? <CurrentTurn play={play} current={play.current} /> : null}
    </>
  );
}

function CurrentTurn({ play, current }: { play: PlayView; current: NonNullable<PlayView["current"]> }) {
  const m = useMessages();
  const actionData = useActionData<typeof action>();
  const fetcher = useFetcher<typeof action>({ key: REPLY_FETCHER });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [state, send] = useMachine(replyBoxMachine, { input: { draft: actionData && "text" in actionData ? actionData.text : "" } });
  const turnSeen = useRef(play.nextTurn);
  const serverError = (fetcher.data && "error" in fetcher.data ? fetcher.data.error : null) ?? (actionData && "error" in actionData ? actionData.error : null);

  // What is being typed survives a reload: restored once after hydration, then kept as it changes.
  const draftRestored = useRef(false);
  useEffect(() => {
    if (!draftRestored.current) {
      draftRestored.current = true;
      const saved = loadDraft(play.attemptId, play.nextTurn);
      if (saved && !state.context.draft) send({ type: "draft.change", text: saved });
      return;
    }
    saveDraft(play.attemptId, play.nextTurn, state.context.draft);
  }, [state.context.draft, play.attemptId, play.nextTurn, send]);

  // The server answered: a new turn arrived (the page revalidated), or it refused the reply.
  useEffect(() => {
    if (play.nextTurn !== turnSeen.current) {
      turnSeen.current = play.nextTurn;
      send({ type: "server.answered" });
    }
  }, [play.nextTurn, send]);
  // As soon as the refusal is in, before any reload it asks for (a page behind its attempt) brings a new turn: the
  // reply box is then editing again, so the new turn does not clear what was typed.
  useEffect(() => {
    if (fetcher.state !== "submitting" && fetcher.data && "error" in fetcher.data) send({ type: "server.failed" });
  }, [fetcher.state, fetcher.data, send]);

  const sending = state.matches("sending") || fetcher.state !== "idle";
  const problem = state.context.problem === "empty" ? m["practice.error.empty"] : state.context.problem === "too-long" ? m["practice.error.tooLong"] : null;
  return (
    <section className="card current-turn" aria-labelledby="owner-line">
      <p className="muted">{m["practice.turn"](play.nextTurn)}</p>
      {current.narration ? <p className="narration">{current.narration}</p> : null}
      <p id="owner-line" className="owner-line">
        <strong>
          {current.speaker}
          {m.colon}
        </strong>
        <span data-testid="owner-line">{current.line}</span>
      </p>
      {current.line !== current.lineZh ? (
        <p className="muted" lang="zh-CN">
          {current.lineZh}
        </p>
      ) : null}
      <fetcher.Form
        method="post"
        className="form reply-form"
        onSubmit={(event) => {
          send({ type: "reply.submit" });
          const draft = state.context.draft;
          if (!draft.trim() || draft.length > MAX_REPLY_CHARS || sending) event.preventDefault();
        }}
      >
        <FormAlert message={problem ?? serverError} />
        <input type="hidden" name="intent" value="reply" />
        {hydrated ? <input type="hidden" name={ANSWER_IN_PLACE_FIELD} value={ANSWER_IN_PLACE_VALUE} /> : null}
        <input type="hidden" name="attemptId" value={play.attemptId} />
        <input type="hidden" name="turn" value={play.nextTurn} />
        {/* The hint and the count describe the box (aria-describedby); inside the label they would be read as its name. */}
        <div className="field">
          <label htmlFor="reply-text">{m["practice.reply"]}</label>
          <textarea
            id="reply-text"
            name="text"
            rows={4}
            lang="zh-CN"
            value={state.context.draft}
            onChange={(e) => send({ type: "draft.change", text: e.target.value })}
            aria-describedby="reply-hint"
          />
          <small id="reply-hint" className="muted">
            {m["practice.replyHint"]} {m["practice.chars"](state.context.draft.length)}
          </small>
        </div>
        <button type="submit" className="button primary" disabled={sending}>
          {sending ? m["practice.sending"] : m["practice.send"]}
        </button>
      </fetcher.Form>
      {current.hint ? (
        <details className="hint">
          <summary>{m["practice.hint"]}</summary>
          <p>{current.hint}</p>
        </details>
      ) : null}
      {current.suggestions.length || current.counterExamples.length ? (
        <details className="suggestions">
          <summary>{m["practice.suggestions"]}</summary>
          {current.suggestions.length ? (
            <section aria-labelledby="suggestions-use">
              <h3 id="suggestions-use" className="suggestions__title">
                {m["practice.suggestions.use"]}
              </h3>
              <ul className="plain-list">
                {current.suggestions.map((s) => (
                  <li key={s.index}>
                    <Form method="post" className="suggestion">
                      <input type="hidden" name="intent" value="choose" />
                      <input type="hidden" name="attemptId" value={play.attemptId} />
                      <input type="hidden" name="turn" value={play.nextTurn} />
                      <input type="hidden" name="index" value={s.index} />
                      <span lang="zh-CN">{s.text}</span>{" "}
                      <button type="submit" className="link-button">
                        {m["practice.useSuggestion"]}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {current.counterExamples.length ? (
            <section aria-labelledby="suggestions-avoid" className="counter-examples">
              <h3 id="suggestions-avoid" className="suggestions__title">
                {m["practice.suggestions.avoid"]}
              </h3>
              <ul className="plain-list">
                {current.counterExamples.map((s) => (
                  <li key={s.index} className="counter-example">
                    <span className="badge badge--avoid">✗ {m["practice.suggestions.avoidTag"]}</span> <q lang="zh-CN">{s.text}</q>
                    <br />
                    <small>
                      {m["practice.suggestions.why"]}
                      {s.why}
                    </small>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </details>
      ) : null}
      {play.mode === "assessment" ? (
        <AbandonAssessment play={play} />
      ) : (
        <Form method="post" className="restart">
          <input type="hidden" name="intent" value="restart" />
          <input type="hidden" name="attemptId" value={play.attemptId} />
          <input type="hidden" name="turn" value={play.nextTurn} />
          <button type="submit" className="link-button">
            {m["practice.restart"]}
          </button>
        </Form>
      )}
    </section>
  );
}

/**
 * Giving up an assessment, in two steps that work without JavaScript: the control opens this page asking to
 * confirm (a GET), and only the confirmation posts. It says that the attempt is kept and counts toward the limit.
 */
function AbandonAssessment({ play }: { play: PlayView }) {
  const m = useMessages();
  const { scenario, confirmAbandon, allowance } = useLoaderData<typeof loader>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirmAbandon) heading.current?.focus();
  }, [confirmAbandon]);
  if (!confirmAbandon) {
    return (
      <Form method="get" className="restart">
        <input type="hidden" name="mode" value="assessment" />
        <input type="hidden" name={ABANDON_PARAM} value={ABANDON_CONFIRM} />
        <button type="submit" className="link-button">
          {m["practice.restart"]}
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" className="confirm-step" aria-labelledby="abandon-title">
      <h3 id="abandon-title" ref={heading} tabIndex={-1}>
        {m["practice.abandon.title"]}
      </h3>
      {allowance ? <p>{m["practice.abandon.body"](allowance.used, allowance.limit, allowance.periodDays)}</p> : null}
      <input type="hidden" name="intent" value="restart" />
      <input type="hidden" name="attemptId" value={play.attemptId} />
      <input type="hidden" name="turn" value={play.nextTurn} />
      <input type="hidden" name="confirm" value={ABANDON_CONFIRM} />
      <div className="actions">
        <button type="submit" className="button danger">
          {m["practice.abandon.confirm"]}
        </button>{" "}
        <Link className="button" to={`/practice/${scenario.id}?mode=assessment`} replace>
          {m["practice.abandon.keepGoing"]}
        </Link>
      </div>
    </Form>
  );
}
