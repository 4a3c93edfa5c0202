import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getModule } from "~/courseware/courseware.server";
import { requestLang } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { findAttemptOwner, getAttempt } from "~/models/attempts.server";
import { getScenario } from "~/roleplay/scenario-files.server";
import { ReplyWithFindings } from "~/components/roleplay/reply-with-findings";
import { ScoreBars } from "~/components/roleplay/score-bars";
import { formatDateTime } from "~/utils/dates";
import { pageTitle } from "~/utils/meta";
import { forbidden, notFound } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => (args.data ? m["report.title"](args.data.title) : m["practice.title"]));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "practice:scenarios");
  const owner = params.attemptId ? await findAttemptOwner(params.attemptId) : null;
  if (!owner || owner.scenarioId !== params.scenarioId) notFound();
  if (owner.userId !== user.id) forbidden();
  const attempt = (await getAttempt(owner.userId, params.attemptId!)) ?? notFound();
  if (attempt.status !== "finished" || !attempt.result) throw redirect(`/practice/${attempt.scenarioId}?mode=${attempt.mode}`);
  const lang = requestLang(request);
  const pick = (t: { zh: string; en: string }) => (lang === "en" ? t.en : t.zh);
  const { result } = attempt;
  // The pass marks of the version this attempt ran, if that version is still the current one.
  const script = getScenario(attempt.scenarioId);
  return {
    scenarioId: attempt.scenarioId,
    title: pick(attempt.scenarioTitle),
    mode: attempt.mode,
    finishedAt: attempt.finishedAt!,
    passed: result.passed,
    outcome: result.outcome,
    endingLine: pick(result.endingLine),
    endingSummary: pick(result.endingSummary),
    scores: result.scores,
    pass: script && script.version === attempt.scenarioVersion ? script.pass : null,
    reasons: result.reasons.map(pick),
    critical: result.critical.map((c) => ({ move: c.move, reason: pick(c.reason) })),
    learnMore: result.learnMore.map((l) => {
      const module = getModule(l.module, lang);
      return { href: `/learn/${l.module}#${l.section}`, title: module ? `${module.title} · ${module.sections.find((s) => s.id === l.section)?.title ?? l.section}` : l.section };
    }),
    turns: attempt.turns.map((t) => ({
      n: t.n,
      speaker: pick(t.speaker),
      line: pick(t.line),
      text: t.text,
      kind: t.kind,
      scores: t.scores,
      feedback: t.feedback ? pick(t.feedback) : null,
      emotionBefore: t.emotionBefore,
      emotionAfter: t.emotionAfter,
      findings: t.findings.map((f) => ({ ...f, message: pick(f.message) })),
    })),
  };
}

export default function Report() {
  const r = useLoaderData<typeof loader>();
  const m = useMessages();
  const lang = useLang();
  return (
    <div className="report">
      <p>
        <Link to="/practice">← {m["report.back"]}</Link>
      </p>
      <h1>{m["report.title"](r.title)}</h1>
      <p className="muted">
        {m["report.mode"](r.mode === "assessment" ? m["practice.mode.assessment"] : m["practice.mode.practice"])} · {m["report.finishedAt"](formatDateTime(r.finishedAt, lang))}
      </p>
      <section className={`card verdict verdict--${r.passed ? "pass" : "fail"}`} aria-labelledby="verdict">
        <h2 id="verdict" data-testid="verdict">
          {r.passed ? m["report.passed"] : m["report.notPassed"]}
        </h2>
        <p>
          <strong>{m["report.ending"]}：</strong>
          {m[`report.outcome.${r.outcome}`]}。{r.endingSummary}
        </p>
        <blockquote>{r.endingLine}</blockquote>
        <h3>{m["report.why"]}</h3>
        <ul>
          {r.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="scores-title">
        <h2 id="scores-title">{m["report.scores"]}</h2>
        <ScoreBars scores={r.scores} pass={r.pass ?? undefined} />
      </section>
      {r.critical.length ? (
        <section className="card critical" aria-labelledby="critical-title">
          <h2 id="critical-title">{m["report.critical"]}</h2>
          <ul>
            {r.critical.map((c) => (
              <li key={c.move}>{c.reason}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {r.learnMore.length ? (
        <section className="card" aria-labelledby="learn-title">
          <h2 id="learn-title">{m["report.learnMore"]}</h2>
          <ul>
            {r.learnMore.map((l) => (
              <li key={l.href}>
                <Link to={l.href}>{l.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="turns-title">
        <h2 id="turns-title">{m["report.transcript"]}</h2>
        <ol className="report-turns">
          {r.turns.map((t) => (
            <li key={t.n} className="card report-turn">
              <p className="muted">
                {m["practice.turn"](t.n)} · {m["report.emotionChange"](t.emotionBefore, t.emotionAfter)} · {(["listening", "empathy", "wording"] as const).map((d) => `${m[`dimension.${d}`]} ${t.scores[d]}`).join(" · ")}
              </p>
              <p className="bubble bubble--owner">
                <strong>{t.speaker}：</strong>
                {t.line}
              </p>
              <div className="bubble bubble--trainee">
                <strong>
                  {m["practice.you"]}
                  {t.kind === "choice" ? m["report.chosenSuggestion"] : ""}：
                </strong>
                <ReplyWithFindings text={t.text} findings={t.findings} />
                {t.feedback ? <p>{t.feedback}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      </section>
      <p>
        <Link className="button primary" to={`/practice/${r.scenarioId}?mode=${r.mode}`}>
          {m["report.again"]}
        </Link>
      </p>
    </div>
  );
}
