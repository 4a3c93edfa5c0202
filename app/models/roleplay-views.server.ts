import { inLang, type Lang } from "~/i18n/lang";
import { standingOf, type Standing } from "~/roleplay/adjusted";
import { sayingAtSnapshot } from "~/roleplay/runner";
import { getScenarios } from "~/roleplay/scenario-files.server";
import type { ScenarioScript } from "~/roleplay/script";
import { sortSuggestions } from "~/roleplay/suggestions";
import type { AttemptRow } from "~/store/schema";
import { allAttempts, isOnRecord, type AttemptOverview } from "./roleplay.server";

/**
 * The scenario list as a trainee sees it: each scenario with their best finished result and any active attempt.
 * `authored`: the organisation's own scenarios this trainee may play, after the built-in ones.
 */
export async function listScenariosFor(userId: string, lang: Lang, authored: readonly ScenarioScript[] = []) {
  const attempts = await allAttempts(userId);
  return [...getScenarios(), ...authored].map((script) => {
    const mine = attempts.filter((a) => a.scenarioId === script.id);
    const finished = mine.filter((a) => a.status === "finished" && a.result).map((a) => ({ ...a, standing: standingOf(a.result!, a.adjustments) }));
    const best = bestAttempt(finished);
    return {
      id: script.id,
      title: inLang(script.title, lang),
      summary: inLang(script.summary, lang),
      category: inLang(script.category, lang),
      channel: script.channel,
      finishedCount: finished.length,
      passedAssessment: finished.some((a) => a.mode === "assessment" && a.standing.passed),
      best: best ? { attemptId: best.id, mode: best.mode, passed: best.standing.passed, scores: best.standing.scores } : null,
      active: mine.filter((a) => a.status === "active").map((a) => ({ mode: a.mode })),
    };
  });
}

/** A trainee's finished calls of one scenario, and the assessments they gave up, newest first, as their history lists them. */
export async function scenarioHistory(userId: string, scenarioId: string) {
  return (await allAttempts(userId))
    .filter((a) => a.scenarioId === scenarioId && isOnRecord(a))
    .map((a) => {
      const standing = a.result ? standingOf(a.result, a.adjustments) : null;
      return {
        attemptId: a.id,
        mode: a.mode,
        finishedAt: a.finishedAt ?? a.updatedAt,
        comments: a.comments.length,
        abandoned: !standing,
        passed: standing?.passed ?? false,
        adjusted: standing?.adjusted ?? false,
        scores: standing?.scores ?? null,
      };
    })
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
}

/**
 * Whether a trainee's map of a scenario shows the conditions of each branch (what the engine checks: the answer
 * key of an assessment): only once they have passed it in assessment, and not while one is in progress.
 */
export async function traineeMapShowsConditions(userId: string, scenarioId: string): Promise<boolean> {
  const assessments = (await allAttempts(userId)).filter((a) => a.scenarioId === scenarioId && a.mode === "assessment");
  if (assessments.some((a) => a.status === "active")) return false;
  return assessments.some((a) => a.status === "finished" && a.result && standingOf(a.result, a.adjustments).passed);
}

/** Best = a passed assessment first, then passed practice, then the highest total score (a trainer's changes counted). */
export function bestAttempt<A extends Pick<AttemptOverview, "mode"> & { standing: Pick<Standing, "passed" | "scores"> }>(finished: readonly A[]): A | null {
  const rank = ({ mode, standing: { passed, scores } }: A) =>
    (passed ? (mode === "assessment" ? 2 : 1) : 0) * 1000 + scores.listening + scores.empathy + scores.wording;
  return [...finished].sort((a, b) => rank(b) - rank(a))[0] ?? null;
}

/**
 * What the play page shows: the current line, the meters and the transcript. Answer keys never leave the server:
 * no branches, no suggestion scores, no feedback on a reply to use before it is chosen, and in assessment mode no
 * scores, findings, hints or suggestions at all until the report. In practice the suggestions come sorted: replies
 * to use, and counter-examples with why they are wrong (shown, never offered to send).
 */
export function playView(attempt: Readonly<AttemptRow>, script: ScenarioScript, lang: Lang) {
  const turn = script.turns[attempt.state];
  const saying = turn && sayingAtSnapshot(turn, attempt.snapshot);
  const practice = attempt.mode === "practice";
  const last = attempt.turns.at(-1);
  const suggestions = turn && practice ? sortSuggestions(turn, script.pass) : { usable: [], counterExamples: [] };
  return {
    attemptId: attempt.id,
    mode: attempt.mode,
    nextTurn: attempt.turns.length + 1,
    emotion: attempt.emotion,
    minute: attempt.minute,
    current:
      turn && saying
        ? {
            speaker: inLang(script.personas[turn.speaker].name, lang),
            line: inLang(saying.line, lang),
            lineZh: saying.line.zh,
            narration: saying.narration ? inLang(saying.narration, lang) : null,
            hint: practice && turn.hint ? inLang(turn.hint, lang) : null,
            suggestions: suggestions.usable.map(({ index, suggestion }) => ({ index, text: suggestion.text })),
            counterExamples: suggestions.counterExamples.map(({ index, suggestion }) => ({
              index,
              text: suggestion.text,
              why: inLang(suggestion.feedback, lang),
            })),
          }
        : null,
    transcript: attempt.turns.map((t) => ({ n: t.n, speaker: inLang(t.speaker, lang), line: inLang(t.line, lang), text: t.text, kind: t.kind })),
    // Practice mode shows the scores and findings of the last reply only; earlier ones are in the report.
    lastFeedback:
      practice && last
        ? {
            text: last.text,
            scores: last.scores,
            findings: last.findings.map((f) => ({ ...f, message: inLang(f.message, lang) })),
            feedback: last.feedback ? inLang(last.feedback, lang) : null,
          }
        : null,
  };
}
