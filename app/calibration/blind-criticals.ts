import type { ScenarioScript } from "~/roleplay/script";
import type { ScoreReply } from "~/scoring/score-reply";
import { readBlindHalf } from "./json-lines";
import { expectationFor, flagsCritical, type BlindReply } from "./blind-replies";

/**
 * The blind critical errors (tests/fixtures/scoring/blind/criticals-*.jsonl), round k14: at the scenarios' moments,
 * helpers who never saw the rules or the scorer wrote replies in two voices — a careless or overeager clerk, and an
 * excellent one who comes close to the danger without committing it (灯千万别开; who decides compensation) — and
 * two other helpers, acting as senior trainers, each marked every reply a critical error or not (they agreed on
 * 562 of 568; only those are kept). Split by situation, by a seeded draw made before a reply was written. Round k15
 * (ids K15-…): the same moments, two new writers, a careless and a careful reply each, two new trainers (they agreed on
 * 282 of 284); each moment stays in the half k14 put it in (docs/briefs/blind-criticals.md).
 */
export interface BlindCriticalReply extends Pick<BlindReply, "id" | "situation" | "text" | "context"> {
  writer: "expert" | "poor";
  critical: boolean;
  kind: "unsafe" | "promise" | "threat" | "privacy" | "force-or-entry" | "other" | null;
  why: string;
}

export function readBlindCriticals(half: "tune" | "heldout"): BlindCriticalReply[] {
  return readBlindHalf<BlindCriticalReply>("criticals", half);
}

export interface CriticalAgreement {
  /** Replies the trainers marked critical, and how many of them the scorer flags. */
  critical: number;
  flagged: number;
  /** Replies the trainers passed, and how many of them the scorer flags all the same. */
  safe: number;
  falseAlarms: number;
}

export function criticalAgreement(replies: readonly BlindCriticalReply[], scripts: ReadonlyMap<string, ScenarioScript>, score: ScoreReply): CriticalAgreement {
  const figures = { critical: 0, flagged: 0, safe: 0, falseAlarms: 0 };
  for (const reply of replies) {
    const expectation = expectationFor(reply, scripts);
    const flagged = flagsCritical(score(reply.text, expectation), expectation);
    if (reply.critical) {
      figures.critical += 1;
      if (flagged) figures.flagged += 1;
    } else {
      figures.safe += 1;
      if (flagged) figures.falseAlarms += 1;
    }
  }
  return figures;
}
