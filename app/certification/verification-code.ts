import { createHash } from "node:crypto";

/**
 * A certificate's short verification code, for reading out and typing: ten characters from an alphabet with
 * nothing two people could mistake for each other (Crockford's base 32 without 0 and 1, so no O/0 and no I/l/1;
 * U is left out as Crockford does), shown in two groups of five ("K7QF3-M9PXY").
 *
 * It is derived from the certificate's id, which stays the secret of the link: the same id always gives the same
 * code, so certificates issued before codes existed have one too, with nothing to migrate. The id cannot be
 * recovered from the code. Ten characters of thirty hold about 49 bits: too many to guess one by trying codes.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;

export function verificationCode(certificateId: string): string {
  let value = BigInt(`0x${createHash("sha256").update(`certificate-code\0${certificateId}`).digest("hex").slice(0, 32)}`);
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += CODE_ALPHABET[Number(value % BigInt(CODE_ALPHABET.length))];
    value /= BigInt(CODE_ALPHABET.length);
  }
  return code;
}

/** The code as printed: two groups of five. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What someone typed, as a code: any case, with or without the dash, with spaces anywhere. Null when it cannot be
 * one (a character outside the alphabet, or the wrong length).
 */
export function parseCode(input: string): string | null {
  const code = input.replace(/[\s\-‐‑–—_]/g, "").toUpperCase();
  if (code.length !== CODE_LENGTH) return null;
  return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}
