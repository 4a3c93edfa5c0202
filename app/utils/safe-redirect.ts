/**
 * Only same-site paths may be redirect targets after sign-in: this is what stops `?redirectTo=https://evil`
 * (and `//evil`, `/\evil`) from turning our login page into an open redirect.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  return to;
}
