import { MODULE_SLUGS } from "~/courseware/modules";

/**
 * The certification rule (物业客服上岗认证), in one pure module. A trainee is certified when they have completed
 * all six modules, passed all six module quizzes (or the final exam), and passed angry-owner, group-complaint and
 * lift-entrapment in assessment mode: passed by the one verdict rule (roleplay/result.ts `verdictOf`: resolved, no
 * critical error, each score at its pass mark), applied to a trainer's adjusted scores where there are any.
 * A certificate lasts `validMonths`; once expired (or within 30 days of expiry) the trainee renews by passing the
 * three assessments again.
 */

export const REQUIRED_SCENARIOS = ["angry-owner", "group-complaint", "lift-entrapment"] as const;
export const EXPIRING_WITHIN_DAYS = 30;

export interface Evidence {
  modulesCompleted: string[];
  quizPasses: Array<{ quiz: string; at: string }>;
  assessments: Array<{
    attemptId: string;
    scenarioId: string;
    at: string;
    listening: number;
    empathy: number;
    wording: number;
    /** The call's verdict, as every page shows it (roleplay/adjusted.ts `standingOf`). */
    passed: boolean;
  }>;
  certificates: Array<{ id: string; issuedAt: string; expiresAt: string }>;
}

export type CertificationState = "certified" | "expiring" | "expired" | "in-progress";

export interface ChecklistItem {
  key: string;
  kind: "module" | "quiz" | "scenario";
  target: string;
  done: boolean;
  /** A pass from before the renewal window: it counted once, and must be earned again. */
  expired: boolean;
}

export interface CertificationStatus {
  state: CertificationState;
  current: { id: string; issuedAt: string; expiresAt: string } | null;
  /** The newest certificate, valid or not: an expired one says when it ran out. */
  latest: { id: string; issuedAt: string; expiresAt: string } | null;
  checklist: ChecklistItem[];
  done: number;
  total: number;
  /** All requirements are met now, and no valid certificate covers them: a new one should be issued. */
  eligible: boolean;
  /** The qualifying assessment per scenario, for the certificate's record. */
  qualifying: Record<string, Evidence["assessments"][number]>;
}

export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + months);
  if (d.getUTCDate() < day) d.setUTCDate(0); // 31 Jan + 1 month → 28/29 Feb, not 3 Mar
  return d.toISOString();
}

export function certificationStatus(evidence: Evidence, now: Date): CertificationStatus {
  const latest = [...evidence.certificates].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0] ?? null;
  const at = now.toISOString();
  const valid = latest && latest.expiresAt > at ? latest : null;
  const expiringSoon = valid ? new Date(valid.expiresAt).getTime() - now.getTime() <= EXPIRING_WITHIN_DAYS * 86_400_000 : false;
  // Assessments count only when taken inside the current window: after the last certificate's renewal window
  // opened (30 days before its expiry), or ever if there has been no certificate.
  const windowOpens = latest ? new Date(new Date(latest.expiresAt).getTime() - EXPIRING_WITHIN_DAYS * 86_400_000).toISOString() : "";

  const checklist: ChecklistItem[] = [];
  for (const slug of MODULE_SLUGS) {
    checklist.push({ key: `module:${slug}`, kind: "module", target: slug, done: evidence.modulesCompleted.includes(slug), expired: false });
  }
  const passedQuizzes = new Set(evidence.quizPasses.map((q) => q.quiz));
  const finalPassed = passedQuizzes.has("final");
  for (const slug of MODULE_SLUGS) {
    checklist.push({ key: `quiz:${slug}`, kind: "quiz", target: slug, done: finalPassed || passedQuizzes.has(slug), expired: false });
  }
  // Until that window opens, the passes that earned the valid certificate still stand: the checklist shows them
  // done, not expired (a trainee certified yesterday has nothing to do yet).
  const earnedStands = Boolean(valid) && !expiringSoon;
  const qualifying: CertificationStatus["qualifying"] = {};
  for (const scenario of REQUIRED_SCENARIOS) {
    const passes = evidence.assessments.filter((a) => a.scenarioId === scenario && a.passed).sort((a, b) => b.at.localeCompare(a.at));
    const current = passes.find((a) => a.at >= windowOpens);
    if (current) qualifying[scenario] = current;
    const done = Boolean(current) || (earnedStands && passes.length > 0);
    checklist.push({ key: `scenario:${scenario}`, kind: "scenario", target: scenario, done, expired: !done && passes.length > 0 });
  }
  const done = checklist.filter((c) => c.done).length;
  const allDone = done === checklist.length;
  // Renewal is due when there is no valid certificate, or it expires within 30 days.
  const renewalDue = !valid || expiringSoon;
  const issuedInWindow = valid && latest && latest.issuedAt >= windowOpens && !expiringSoon;
  const state: CertificationState = valid ? (expiringSoon ? "expiring" : "certified") : latest ? "expired" : "in-progress";
  return {
    state,
    current: valid,
    latest,
    checklist,
    done,
    total: checklist.length,
    eligible: allDone && renewalDue && !issuedInWindow,
    qualifying,
  };
}
