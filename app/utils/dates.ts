import type { Lang } from "~/i18n/lang";

/**
 * China Standard Time, the one clock of the product whatever the server's zone: the estates are all in China. Dates
 * are shown in it and due dates are dates in it. China keeps no summer time, so the offset is fixed.
 */
export const DISPLAY_TIME_ZONE = "Asia/Shanghai";
export const CHINA_UTC_OFFSET = "+08:00";

const chinaDay = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: DISPLAY_TIME_ZONE });

/** The date (yyyy-mm-dd) it is in China at an instant. */
export function chinaDate(at: Date): string {
  return chinaDay.format(at);
}

export function formatDate(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleDateString(lang, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: DISPLAY_TIME_ZONE });
}

export function formatDateTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: DISPLAY_TIME_ZONE,
  });
}
