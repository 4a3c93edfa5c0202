import { getModule } from "~/courseware/courseware.server";
import { inLang, type Lang } from "~/i18n/lang";
import { standingOf } from "~/roleplay/adjusted";
import { getScenario } from "~/roleplay/scenario-files.server";
import type { AttemptRow } from "~/store/schema";

/**
 * A finished attempt as its report shows it, for the trainee and for the trainer reviewing it: the verdict (with
 * any trainer's adjusted scores), why, the transcript with findings, coaching comments and the audit trail.
 */
export function reportView(attempt: AttemptRow, lang: Lang) {
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  const result = attempt.result!;
  const script = getScenario(attempt.scenarioId);
  const { scores, passed } = standingOf(result, attempt.adjustments);
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
    pass: script && script.version === attempt.scenarioVersion ? script.pass : null,
    reasons: result.reasons.map(pick),
    critical: result.critical.map((c) => ({ move: c.move, reason: pick(c.reason) })),
    learnMore: result.learnMore.map((l) => {
      const module = getModule(l.module, lang);
      const anchors = module?.sections.flatMap((s) => [s, ...s.parts]) ?? [];
      return {
        href: `/learn/${l.module}#${l.section}`,
        title: module ? `${module.title} · ${anchors.find((s) => s.id === l.section)?.title ?? l.section}` : l.section,
      };
    }),
    adjustments: attempt.adjustments,
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
      comments: attempt.comments
        .filter((c) => c.turn === t.n)
        .map((c) => ({ id: c.id, text: c.text, byId: c.byId, byName: c.byName, at: c.at, editedAt: c.editedAt ?? null })),
    })),
  };
}

export type ReportView = ReturnType<typeof reportView>;
