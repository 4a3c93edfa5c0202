import { describe, expect, it } from "vitest";
import { cleanName } from "./clean-name";

describe("cleanName", () => {
  it("removes bidi overrides and isolates, so a name cannot reverse the text after it", () => {
    expect(cleanName("李\u202e晓雨")).toBe("李 晓雨");
    expect(cleanName("\u2067abc\u2069")).toBe("abc");
  });
  it("turns newlines, separators and control characters into one space", () => {
    expect(cleanName("王\n建国")).toBe("王 建国");
    expect(cleanName("a\u2028b\r\n\tc\u0000d")).toBe("a b c d");
  });
  it("keeps ordinary names as they are", () => {
    expect(cleanName("  欧阳 娜娜 ")).toBe("欧阳 娜娜");
    expect(cleanName("Zoë O'Brien-Smith")).toBe("Zoë O'Brien-Smith");
  });
});
