import { afterEach, describe, expect, it } from "vitest";
import { checkSettings, settings } from "./config.server";

afterEach(() => {
  delete process.env.ORGANISATION_NAME;
  delete process.env.QUIZ_PASS_MARK;
});

describe("settings", () => {
  it("name the issuing organisation, with a demo default", () => {
    expect(settings.organisationName()).toBe("示例物业服务有限公司");
    process.env.ORGANISATION_NAME = "   ";
    expect(settings.organisationName()).toBe("示例物业服务有限公司");
    process.env.ORGANISATION_NAME = " 翠湖物业管理有限公司 ";
    expect(settings.organisationName()).toBe("翠湖物业管理有限公司");
  });

  it("stop the start on a wrong value, naming it", () => {
    expect(() => checkSettings()).not.toThrow();
    process.env.ORGANISATION_NAME = "物".repeat(81);
    expect(() => checkSettings()).toThrow(/ORGANISATION_NAME/);
    delete process.env.ORGANISATION_NAME;
    process.env.QUIZ_PASS_MARK = "80";
    expect(() => checkSettings()).toThrow(/QUIZ_PASS_MARK/);
  });
});
