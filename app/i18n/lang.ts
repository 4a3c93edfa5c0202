export const LANGS = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh-CN";

/** Content written in both languages (scenario lines, findings, titles), in the one the viewer reads. */
export function inLang(text: { zh: string; en: string }, lang: Lang): string {
  return lang === "en" ? text.en : text.zh;
}

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** The language from the `lang` cookie; Simplified Chinese unless English was chosen. */
export function langFromCookieHeader(cookieHeader: string | null): Lang {
  const match = /(?:^|;\s*)lang=([^;]+)/.exec(cookieHeader ?? "");
  const value = match ? decodeURIComponent(match[1]) : null;
  return isLang(value) ? value : DEFAULT_LANG;
}

export function langCookie(lang: Lang): string {
  return `lang=${encodeURIComponent(lang)}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
