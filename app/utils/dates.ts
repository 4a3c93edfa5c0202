import type { Lang } from "~/i18n/lang";

/** Dates are shown in China Standard Time whatever the server's zone: the estates are all in China. */
export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

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
