/**
 * Only same-site paths may be redirect targets after sign-in: this is what stops `?redirectTo=https://evil`
 * (and `//evil`, `/\evil`) from turning our login page into an open redirect. The path comes back percent-encoded
 * (`/中文` → `/%E4%B8%AD%E6%96%87`): a Location header may only carry ASCII, and a raw U+3000 or U+2028 in it
 * made the redirect itself fail.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  const base = "http://same-site.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
