import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/learn/core-process?x=1")).toBe("/learn/core-process?x=1");
  });
  it.each([
    ["/中文", "/%E4%B8%AD%E6%96%87"],
    ["/learn\u3000x", "/learn%E3%80%80x"],
    ["/a\u2028b?c=\u2029", "/a%E2%80%A8b?c=%E2%80%A9"],
  ])("percent-encodes %j so the Location header can carry it", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
    expect(() => new Headers({ Location: safeRedirect(to) })).not.toThrow();
  });
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, "/a\nb"])("refuses %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
  });
});
