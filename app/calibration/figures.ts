import { readAllScenarios } from "~/roleplay/scenario-files.server";
import { recogniseActs } from "~/scoring/acts";
import type { Lexicon } from "~/scoring/lexicon";
import { createReplyScorer } from "~/scoring/score-reply";
import { agreement, expectationFor, readBlindReplies, readSecondOpinions, trainerAgreement, type BlindAgreement, type TrainerAgreement } from "./blind-replies";
import { criticalAgreement, readBlindCriticals, type CriticalAgreement } from "./blind-criticals";
import { roundOf } from "./json-lines";
import { callAgreement, readBlindCalls, replayCall, type CallAgreement, type ReplayedCall } from "./blind-calls";
import { clauseView, corpusActs, readClauseCorpus } from "./clause-corpus";
import { readCalibration, runCalibration, type CalibrationResult } from "./labelled-sets";

/**
 * Every figure `npm run calibration` prints, computed in one place so the tests that hold the line read the same
 * numbers: the blind replies (tuned and held-out halves), the blind calls replayed on today's engine, the act
 * recogniser on the clause corpus, and the earlier labelled sets.
 */

export interface ClauseFigures {
  positives: number;
  found: number;
  foundByPatterns: number;
  nearMisses: number;
  falseAlarms: number;
  byAct: Record<string, { positives: number; found: number; nearMisses: number; falseAlarms: number }>;
}

export function clauseFigures(lexicon: Lexicon, half: "tune" | "heldout"): ClauseFigures {
  const figures: ClauseFigures = { positives: 0, found: 0, foundByPatterns: 0, nearMisses: 0, falseAlarms: 0, byAct: {} };
  const clauses = readClauseCorpus(half);
  for (const act of corpusActs(clauses)) figures.byAct[act] = { positives: 0, found: 0, nearMisses: 0, falseAlarms: 0 };
  for (const c of clauses) {
    if (!c.act) continue;
    const hits = recogniseActs(clauseView(c), lexicon.acts, lexicon, lexicon.actModel).filter((h) => h.act === c.act);
    const row = figures.byAct[c.act];
    if (c.kind === "positive") {
      figures.positives++;
      row.positives++;
      if (hits.length) {
        figures.found++;
        row.found++;
      }
      if (hits.some((h) => !h.byModel)) figures.foundByPatterns++;
    } else {
      figures.nearMisses++;
      row.nearMisses++;
      if (hits.length) {
        figures.falseAlarms++;
        row.falseAlarms++;
      }
    }
  }
  return figures;
}

export interface Figures {
  replies: { tune: BlindAgreement; heldout: BlindAgreement; secondTrainer: TrainerAgreement };
  calls: { tune: CallAgreement & { replayed: ReplayedCall[] }; heldout: CallAgreement & { replayed: ReplayedCall[] } };
  clauses: { tune: ClauseFigures; heldout: ClauseFigures };
  /** Each half pooled, and per round (roundOf: k14, k15): a later round measures wording the rules never saw. */
  criticals: {
    tune: CriticalAgreement & { rounds: Record<string, CriticalAgreement> };
    heldout: CriticalAgreement & { rounds: Record<string, CriticalAgreement> };
  };
  labelled: CalibrationResult & { replies: number; pairs: number };
}

export function computeFigures(lexicon: Lexicon): Figures {
  const score = createReplyScorer(lexicon);
  const scripts = new Map(readAllScenarios().map((s) => [s.id, s]));
  const heldoutReplies = readBlindReplies("heldout");
  const replies = (half: "tune" | "heldout") => {
    const set = half === "heldout" ? heldoutReplies : readBlindReplies(half);
    const expectations = set.map((r) => expectationFor(r, scripts));
    return agreement(
      set,
      set.map((r, i) => score(r.text, expectations[i])),
      expectations,
    );
  };
  const calls = (half: "tune" | "heldout") => {
    const replayed = readBlindCalls(half).map((c) => replayCall(c, scripts.get(c.scenario)!, score));
    return { ...callAgreement(replayed), replayed };
  };
  const criticals = (half: "tune" | "heldout") => {
    const all = readBlindCriticals(half);
    const rounds: Record<string, CriticalAgreement> = {};
    for (const round of new Set(all.map((r) => roundOf(r.id))))
      rounds[round] = criticalAgreement(
        all.filter((r) => roundOf(r.id) === round),
        scripts,
        score,
      );
    // The half is the sum of its rounds: each reply scored once.
    const pooled = Object.values(rounds).reduce(
      (sum, r) => ({
        critical: sum.critical + r.critical,
        flagged: sum.flagged + r.flagged,
        safe: sum.safe + r.safe,
        falseAlarms: sum.falseAlarms + r.falseAlarms,
      }),
      { critical: 0, flagged: 0, safe: 0, falseAlarms: 0 },
    );
    return { ...pooled, rounds };
  };
  const { replies: labelledReplies, pairs } = readCalibration();
  return {
    replies: { tune: replies("tune"), heldout: replies("heldout"), secondTrainer: trainerAgreement(heldoutReplies, readSecondOpinions()) },
    calls: { tune: calls("tune"), heldout: calls("heldout") },
    clauses: { tune: clauseFigures(lexicon, "tune"), heldout: clauseFigures(lexicon, "heldout") },
    criticals: { tune: criticals("tune"), heldout: criticals("heldout") },
    labelled: { ...runCalibration(score, labelledReplies, pairs), replies: labelledReplies.length, pairs: pairs.length },
  };
}
