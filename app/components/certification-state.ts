import type { CertificationState } from "~/certification/rules";
import type { Lang } from "~/i18n/lang";
import type { Messages } from "~/i18n/messages";
import { formatDate } from "~/utils/dates";

export interface CertificationStanding {
  state: CertificationState;
  /** When the latest certificate runs (or ran) out; null before the first. */
  expiresAt: string | null;
  done: number;
  total: number;
}

/**
 * A trainee's certification in words, the one wording for the dashboard, its printable view and the trainee's
 * record: 已认证 / 即将到期 / 已过期 with the certificate's expiry date, or how far along the requirements they are.
 */
export function certificationStateText(m: Messages, lang: Lang, s: CertificationStanding): string {
  if (s.state === "in-progress") return m["dash.state.in-progress"](s.done, s.total);
  return m[`dash.state.${s.state}`] + (s.expiresAt ? m.paren(m["dash.state.validUntil"](formatDate(s.expiresAt, lang))) : "");
}

/** The colour class a certification state is shown in. */
export function certificationStateTone(state: CertificationState): string | undefined {
  return state === "expired" ? "wrong" : state === "expiring" ? "warn" : state === "certified" ? "right" : undefined;
}
