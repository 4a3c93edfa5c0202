import { getModule } from "~/courseware/courseware.server";
import { inLang, type Lang } from "~/i18n/lang";
import { standingOf } from "~/roleplay/adjusted";
import { uniqueByMove } from "~/roleplay/result";
import type { AttemptRow } from "~/store/schema";

/**
 * A finished attempt as its report shows it, for the trainee and for the trainer reviewing it: the verdict (with
 * any trainer's adjusted scores), why, the transcript with findings, coaching comments and the audit trail.
 */
export function reportView(attempt: AttemptRow, lang: Lang) {
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  const result = attempt.result!;
  const { scores, passed, reasons, passMarks } = standingOf(result, attempt.adjustments);
  return {
    attemptId: attempt.id,
    scenarioId: attempt.scenarioId,
    title: pick(attempt.scenarioTitle),
    mode: attempt.mode,
    finishedAt: attempt.finishedAt!,
    passed,
    outcome: result.outcome,
    endingLine: pick(result.endingLine),
    endingSummary: pick(result.endingSummary),
    scores,
    engineScores: result.scores,
    pass: passMarks,
    reasons: reasons.map(pick),
    critical: uniqueByMove(result.critical).map((c) => ({ move: c.move, reason: pick(c.reason) })),
    learnMore: result.learnMore.map((l) => {
      const module = getModule(l.module, lang);
      const anchors = module?.sections.flatMap((s) => [s, ...s.parts]) ?? [];
      return {
        href: `/learn/${l.module}#${l.section}`,
        title: module ? `${module.title} · ${anchors.find((s) => s.id === l.section)?.title ?? l.section}` : l.section,
      };
    }),
    adjustments: attempt.adjustments,
    turns: turnsView(attempt, lang, true),
  };
}

export type ReportView = ReturnType<typeof reportView>;

/**
 * An assessment the trainee gave up: when, and the turns played. Trainers and supervisors see each reply's scores
 * and findings; the trainee sees the transcript and any coaching, not the scoring of a call they did not finish
 * (else giving up would be a way to read the feedback and start again).
 */
export function abandonedView(attempt: AttemptRow, lang: Lang, scored: boolean) {
  return {
    attemptId: attempt.id,
    scenarioId: attempt.scenarioId,
    title: inLang(attempt.scenarioTitle, lang),
    mode: attempt.mode,
    startedAt: attempt.startedAt,
    abandonedAt: attempt.updatedAt,
    turns: turnsView(attempt, lang, scored),
  };
}

export type AbandonedView = ReturnType<typeof abandonedView>;

/** The transcript with each reply's scores and findings, and trainers' comments under their turns. */
function turnsView(attempt: AttemptRow, lang: Lang, scored: boolean) {
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  return attempt.turns.map((t) => ({
    n: t.n,
    speaker: pick(t.speaker),
    line: pick(t.line),
    text: t.text,
    kind: t.kind,
    scores: scored ? t.scores : null,
    feedback: scored && t.feedback ? pick(t.feedback) : null,
    emotionBefore: t.emotionBefore,
    emotionAfter: t.emotionAfter,
    findings: scored ? t.findings.map((f) => ({ ...f, message: pick(f.message) })) : [],
    comments: attempt.comments
      .filter((c) => c.turn === t.n)
      .map((c) => ({ id: c.id, text: c.text, byId: c.byId, byName: c.byName, at: c.at, editedAt: c.editedAt ?? null })),
  }));
}
