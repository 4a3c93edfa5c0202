/** Request bodies larger than this are refused (413): no form of ours comes near it. The server checks the
 * declared length before reading; `readForm` stops reading past it. */
export const MAX_BODY_BYTES = 64 * 1024;
