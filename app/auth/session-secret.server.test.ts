import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withTempDataDir } from "../../tests/support/data-dir";
import { sessionSecret } from "./session-secret.server";

const saved = { secret: process.env.SESSION_SECRET, store: process.env.STORE };
afterEach(() => {
  for (const [name, value] of [
    ["SESSION_SECRET", saved.secret],
    ["STORE", saved.store],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("the session secret", () => {
  const data = withTempDataDir();

  it("on lowdb without SESSION_SECRET: generated once, kept in the data directory, the same on the next start", () => {
    delete process.env.SESSION_SECRET;
    delete process.env.STORE;
    const first = sessionSecret();
    expect(first).toHaveLength(64);
    expect(readFileSync(path.join(data.dir(), "session-secret"), "utf8")).toBe(first);
    expect(sessionSecret()).toBe(first);
  });

  it("on PostgreSQL without SESSION_SECRET: refused with what to do, and nothing written to the disk", () => {
    delete process.env.SESSION_SECRET;
    process.env.STORE = "postgres";
    expect(() => sessionSecret()).toThrow(/SESSION_SECRET must be set with STORE=postgres: every server behind the load balancer needs the same secret/);
    expect(existsSync(path.join(data.dir(), "session-secret"))).toBe(false);
  });

  it("on PostgreSQL with SESSION_SECRET: that secret", () => {
    process.env.STORE = "postgres";
    process.env.SESSION_SECRET = "x".repeat(40);
    expect(sessionSecret()).toBe("x".repeat(40));
  });

  it("too short: refused on either store", () => {
    process.env.SESSION_SECRET = "short";
    expect(() => sessionSecret()).toThrow(/SESSION_SECRET is 5 characters long; it must be at least 32/);
  });
});
