import { describe, expect, it } from "vitest";
import { MODULE_SLUGS } from "~/courseware/modules";
import { loadAllBanks } from "./banks.server";

describe("the quiz banks in content/quizzes", () => {
  const banks = loadAllBanks();

  it("has a bank of at least 12 questions for every module, in both languages", () => {
    let total = 0;
    for (const slug of MODULE_SLUGS) {
      expect(banks["zh-CN"][slug].questions.length, slug).toBeGreaterThanOrEqual(12);
      expect(banks.en[slug].questions.map((q) => q.id)).toEqual(banks["zh-CN"][slug].questions.map((q) => q.id));
      total += banks["zh-CN"][slug].questions.length;
    }
    expect(total).toBeGreaterThanOrEqual(72);
  });

  it("uses every question type in every bank", () => {
    for (const slug of MODULE_SLUGS) {
      const types = new Set(banks["zh-CN"][slug].questions.map((q) => q.type));
      expect([...types].sort(), slug).toEqual(["best-reply", "multiple", "order", "single", "truefalse"]);
    }
  });
});
