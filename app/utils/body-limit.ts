/** Request bodies larger than this are refused (413): no form of ours comes near it. The server checks the
 * declared length before reading; `readForm` stops reading past it. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The scenario editor posts a whole script (the largest built-in is about 60 KB of mostly Chinese text, and a
 * form of all its fields is as large): its pages take up to this much, and the script itself is limited to
 * roleplay/authoring.ts's MAX_SCRIPT_BYTES.
 */
export const SCRIPT_BODY_BYTES = 512 * 1024;

/** The body limit of a path: the scenario editor's, or everyone else's. */
export function bodyLimitFor(pathname: string): number {
  return pathname === "/trainer/scenarios" || pathname.startsWith("/trainer/scenarios/") || pathname.startsWith("/trainer/scenarios.")
    ? SCRIPT_BODY_BYTES
    : MAX_BODY_BYTES;
}
