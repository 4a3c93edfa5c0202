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

describe("hashing under a burst", () => {
  it("never runs more hashes at once than it allows (one: the other core serves requests), however many are asked for", async () => {
    const { hashingLoad, MAX_CONCURRENT_HASHES } = await import("./password.server");
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, hashingLoad().running)), 1);
    await Promise.all(Array.from({ length: 12 }, () => hashPassword("burst-password")));
    clearInterval(watch);
    expect(MAX_CONCURRENT_HASHES).toBe(1);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    expect(hashingLoad()).toEqual({ running: 0, waiting: 0 });
  });
});
