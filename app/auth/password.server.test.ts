import { describe, expect, it } from "vitest";
import { hashPassword, scryptCost, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("demo1234");
    expect(hash).toMatch(new RegExp(`^scrypt\\$${scryptCost(process.env.NODE_ENV)}\\$8\\$1\\$`));
    expect(hash).not.toContain("demo1234");
    expect(await verifyPassword("demo1234", hash)).toBe(true);
    expect(await verifyPassword("demo12345", hash)).toBe(false);
  });

  it("hashes at N=2^14 on a server, and at 2^10 only in the unit tests; a hash made at either cost verifies", async () => {
    expect(scryptCost("production")).toBe(16384);
    expect(scryptCost(undefined)).toBe(16384);
    expect(scryptCost("development")).toBe(16384);
    expect(scryptCost("test")).toBe(1024);
    // Made at the full cost (what every account on a server has): the cost is read from the hash itself.
    const serverHash = "scrypt$16384$8$1$8FfgIP55vLvzrZfaUoAiog==$/dS/Tu1t4cCgiks6hcpxnQJzISlf6YVAsE+lIiUQLls=";
    expect(await verifyPassword("demo1234", serverHash)).toBe(true);
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
