import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/learn/core-process?x=1")).toBe("/learn/core-process?x=1");
  });
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, "/a\nb"])("refuses %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
  });
});
