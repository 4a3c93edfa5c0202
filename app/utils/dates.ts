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

// One formatter per language and form, made on first use: toLocaleDateString and toLocaleString build a new one on
// every call, a tenth of the server's time rendering the trainer's page (and the browser's, hydrating it).
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang} ${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    const time = withTime ? ({ hour: "2-digit", minute: "2-digit" } as const) : {};
    format = new Intl.DateTimeFormat(lang, { year: "numeric", month: "2-digit", day: "2-digit", ...time, timeZone: DISPLAY_TIME_ZONE });
    dateFormats.set(key, format);
  }
  return format;
}

export function formatDate(iso: string, lang: Lang): string {
  return formatIn(lang, false).format(new Date(iso));
}

export function formatDateTime(iso: string, lang: Lang): string {
  return formatIn(lang, true).format(new Date(iso));
}
