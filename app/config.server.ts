/** Settings a deployment may change, read from the environment with the defaults the product specifies. */
function number(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** A name to show, trimmed; unset or blank gives the default. */
function text(name: string, fallback: string, maxLength: number): string {
  const value = process.env[name]?.trim();
  if (!value) return fallback;
  if (value.length > maxLength) throw new Error(`${name} must be at most ${maxLength} characters, got ${value.length}`);
  return value;
}

export const settings = {
  /** Share of questions to answer correctly to pass a quiz (QUIZ_PASS_MARK, 0–1). */
  quizPassMark: () => number("QUIZ_PASS_MARK", 0.8, 0.1, 1),
  /** Minutes before a failed quiz can be retaken (QUIZ_COOLDOWN_MINUTES). */
  quizCooldownMinutes: () => number("QUIZ_COOLDOWN_MINUTES", 10, 0, 60 * 24 * 7),
  /** Assessment attempts a trainee may start of one scenario within the period, abandoned ones included (ASSESSMENT_ATTEMPTS). */
  assessmentAttempts: () => number("ASSESSMENT_ATTEMPTS", 3, 1, 100),
  /** The period those attempts are counted over, in days (ASSESSMENT_PERIOD_DAYS). */
  assessmentPeriodDays: () => number("ASSESSMENT_PERIOD_DAYS", 7, 1, 365),
  /** How long a certificate is valid (CERT_VALID_MONTHS). */
  certificateMonths: () => number("CERT_VALID_MONTHS", 12, 1, 120),
  /** Who issues the certificates, as printed on them (ORGANISATION_NAME). */
  organisationName: () => text("ORGANISATION_NAME", "示例物业服务有限公司", 80),
};

/** Reads every setting once at start, so that a wrong value stops the start with its message, not a page later. */
export function checkSettings(): void {
  for (const read of Object.values(settings)) read();
}
