import { describe, expect, it } from "vitest";
import { readingMinutes } from "./reading-time";

describe("reading time", () => {
  it("counts Chinese characters at 300 a minute and English words at 200, rounding up", () => {
    expect(readingMinutes("字".repeat(300))).toBe(1);
    expect(readingMinutes("字".repeat(301))).toBe(2);
    expect(readingMinutes(Array(400).fill("word").join(" "))).toBe(2);
  });

  it("leaves out heading anchors and link targets", () => {
    expect(readingMinutes(`## 标题 {#some-long-anchor}\n[链接](/learn/problem-handling#gas-leak)`)).toBe(1);
  });
});
