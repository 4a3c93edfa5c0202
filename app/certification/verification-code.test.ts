import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, formatCode, parseCode, verificationCode } from "./verification-code";

describe("a certificate's verification code", () => {
  it("is ten characters none of which can be mistaken for another", () => {
    expect(CODE_ALPHABET).toHaveLength(30);
    for (const c of "0O1IL") expect(CODE_ALPHABET.toUpperCase()).not.toContain(c);
    const code = verificationCode("2YeZzhOWoiO8jeCpHPbhwg");
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
  });

  it("is the same for the same certificate, always (certificates issued before codes have one too)", () => {
    expect(verificationCode("2YeZzhOWoiO8jeCpHPbhwg")).toBe(verificationCode("2YeZzhOWoiO8jeCpHPbhwg"));
    // Pinned: a change to the derivation would leave every printed certificate with a code that no longer verifies.
    expect(verificationCode("2YeZzhOWoiO8jeCpHPbhwg")).toBe("JDQYC65BBZ");
  });

  it("differs between certificates", () => {
    const codes = new Set(Array.from({ length: 2000 }, (_, i) => verificationCode(`certificate-${i}`)));
    expect(codes.size).toBe(2000);
  });

  it("is printed in two groups of five", () => {
    expect(formatCode("K7QF3M9PXY")).toBe("K7QF3-M9PXY");
  });

  it("is read back in any case, with or without the dash, with spaces", () => {
    for (const typed of ["K7QF3-M9PXY", "k7qf3m9pxy", " k7qf3 - m9pxy ", "K7QF3 M9PXY", "k7qf3–m9pxy"]) expect(parseCode(typed)).toBe("K7QF3M9PXY");
    for (const typed of ["K7QF3-M9PX", "K7QF3-M9PXYZ", "K7QF0-M9PXY", "K7QFI-M9PXY", "", "2YeZzhOWoiO8jeCpHPbhwg"]) expect(parseCode(typed)).toBeNull();
  });
});
