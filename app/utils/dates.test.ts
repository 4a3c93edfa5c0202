import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./dates";

describe("dates shown", () => {
  it("read as the platform's own formatting does, in China's time, in each language, however often they are asked for", () => {
    const options = { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Asia/Shanghai" } as const;
    for (const lang of ["zh-CN", "en"] as const)
      for (const iso of ["2026-12-07T15:59:59.000Z", "2026-12-07T16:00:00.000Z", "2025-06-30T23:30:00.000Z"])
        for (let twice = 0; twice < 2; twice++) {
          expect(formatDate(iso, lang)).toBe(new Date(iso).toLocaleDateString(lang, options));
          expect(formatDateTime(iso, lang)).toBe(new Date(iso).toLocaleString(lang, { ...options, hour: "2-digit", minute: "2-digit" }));
        }
    expect(formatDateTime("2026-12-07T16:00:00.000Z", "zh-CN")).toBe("2026/12/08 00:00");
  });
});
