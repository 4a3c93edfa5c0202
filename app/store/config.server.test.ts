import { afterEach, describe, expect, it } from "vitest";
import { databaseTarget, redactUrl, storeKind } from "./config.server";

describe("redactUrl", () => {
  it("hides the password of a connection string and keeps what finds the database", () => {
    expect(redactUrl("postgres://app:s3cret@db.example.cn:6432/wuye?sslmode=require")).toBe("postgres://app:***@db.example.cn:6432/wuye?sslmode=require");
  });

  it("hides a password given as a parameter, and one with characters escaped in the URL", () => {
    const redacted = redactUrl("postgresql://app:p%40ss%2Fw0rd@10.0.0.5/wuye?password=other-secret");
    expect(redacted).not.toMatch(/p%40ss|w0rd|other-secret/);
    expect(redacted).toBe("postgresql://app:***@10.0.0.5/wuye?password=***");
  });

  it("leaves a connection string without a password as it is, and never echoes one that does not parse", () => {
    expect(redactUrl("postgres://postgres@127.0.0.1:5432/test")).toBe("postgres://postgres@127.0.0.1:5432/test");
    expect(redactUrl("app:secret@nowhere")).not.toContain("secret");
    expect(redactUrl("not a url :secret@")).not.toContain("secret");
  });
});

describe("databaseTarget", () => {
  it("names host and port, with PostgreSQL's default port when none is given", () => {
    expect(databaseTarget("postgres://app:s3cret@db.example.cn/wuye")).toBe("db.example.cn:5432");
    expect(databaseTarget("postgres://127.0.0.1:6543/test")).toBe("127.0.0.1:6543");
  });
});

describe("storeKind", () => {
  const saved = process.env.STORE;
  afterEach(() => {
    if (saved === undefined) delete process.env.STORE;
    else process.env.STORE = saved;
  });

  it("is lowdb unless STORE says postgres, and refuses anything else", () => {
    delete process.env.STORE;
    expect(storeKind()).toBe("lowdb");
    process.env.STORE = "postgres";
    expect(storeKind()).toBe("postgres");
    process.env.STORE = "mysql";
    expect(() => storeKind()).toThrow(/STORE must be one of lowdb, postgres/);
  });
});
