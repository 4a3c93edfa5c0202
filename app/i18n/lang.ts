export const LANGS = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh-CN";

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
