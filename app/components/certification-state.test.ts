import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { zhCN } from "~/i18n/zh-CN";
import { certificationStateText } from "./certification-state";

describe("a trainee's certification in words", () => {
  const expiresAt = "2027-11-29T04:00:00.000Z";

  it("names the state with the certificate's expiry date, the same words on every page", () => {
    expect(certificationStateText(zhCN, "zh-CN", { state: "certified", expiresAt, done: 15, total: 15 })).toBe("已认证（有效期至 2027/11/29）");
    expect(certificationStateText(zhCN, "zh-CN", { state: "expiring", expiresAt, done: 12, total: 15 })).toBe("即将到期（有效期至 2027/11/29）");
    expect(certificationStateText(zhCN, "zh-CN", { state: "expired", expiresAt, done: 12, total: 15 })).toBe("已过期（有效期至 2027/11/29）");
    expect(certificationStateText(en, "en", { state: "certified", expiresAt, done: 15, total: 15 })).toBe("Certified (valid until 11/29/2027)");
  });

  it("counts the requirements done before the first certificate", () => {
    expect(certificationStateText(zhCN, "zh-CN", { state: "in-progress", expiresAt: null, done: 1, total: 15 })).toBe(zhCN["dash.state.in-progress"](1, 15));
  });
});
