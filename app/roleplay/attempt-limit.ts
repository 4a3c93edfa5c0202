/**
 * How many assessment attempts of one scenario a trainee may start: `attempts` within any `periodDays`, abandoned
 * attempts included (restarting a call that goes badly until one goes well is what the limit stops), plus one for
 * each extra attempt a trainer granted within the same period. Practice is not limited. Pure.
 */

export interface AttemptLimitRule {
  attempts: number;
  periodDays: number;
}

export interface AttemptAllowance {
  /** A new attempt may be started now. */
  allowed: boolean;
  /** Attempts started within the period up to now. */
  used: number;
  /** Attempts that may be started within the period: the rule's, plus those granted. */
  limit: number;
  /** Extra attempts trainers granted within the period. */
  granted: number;
  periodDays: number;
  /** When not allowed: the earliest time a new attempt may be started without a grant (ISO). */
  nextAt: string | null;
}

const DAY_MS = 86_400_000;

/** `starts` and `grants` are ISO times; those older than the period do not count. */
export function assessmentAllowance(starts: readonly string[], grants: readonly string[], now: Date, rule: AttemptLimitRule): AttemptAllowance {
  const period = rule.periodDays * DAY_MS;
  const within = (at: number) => (iso: string) => Date.parse(iso) > at - period && Date.parse(iso) <= at;
  const standing = (at: number) => {
    const used = starts.filter(within(at)).length;
    const granted = grants.filter(within(at)).length;
    return { used, granted, limit: rule.attempts + granted };
  };
  const nowMs = now.getTime();
  const current = standing(nowMs);
  const allowed = current.used < current.limit;
  let nextAt: string | null = null;
  if (!allowed) {
    // The count falls only when a start leaves the period: try each such moment, earliest first.
    const leaving = starts
      .filter(within(nowMs))
      .map((iso) => Date.parse(iso) + period)
      .sort((a, b) => a - b);
    const free = leaving.find((at) => standing(at).used < standing(at).limit);
    nextAt = free === undefined ? null : new Date(free).toISOString();
  }
  return { allowed, ...current, periodDays: rule.periodDays, nextAt };
}
