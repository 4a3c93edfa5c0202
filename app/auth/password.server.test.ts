import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("demo1234");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain("demo1234");
    expect(await verifyPassword("demo1234", hash)).toBe(true);
    expect(await verifyPassword("demo12345", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("never matches a malformed stored hash", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "plain$text")).toBe(false);
    expect(await verifyPassword("x", "scrypt$16384$8$1$c2FsdA==$c2hvcnQ=")).toBe(false);
  });

  it("treats full-width and half-width forms of a password alike", async () => {
    const hash = await hashPassword("ａｂｃ１２３４５");
    expect(await verifyPassword("abc12345", hash)).toBe(true);
  });
});
