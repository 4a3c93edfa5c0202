import { describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/messages";
import { describeCondition } from "./statechart";

const names: Record<string, string> = { "mediate-neutrally": "保持中立、协调双方" };

describe("a map edge's condition in words", () => {
  it("names dimensions and moves in the viewer's language", () => {
    const condition = { emotionAtLeast: 75, movesMissing: ["mediate-neutrally"], scoreBelow: { empathy: 50 } };
    expect(describeCondition(condition, messagesFor("zh-CN"), (id) => names[id] ?? id)).toBe("情绪≥75，缺少：保持中立、协调双方，得分低于：共情 50");
    expect(describeCondition(condition, messagesFor("en"), (id) => id)).toBe("emotion ≥ 75; missing: mediate-neutrally; score below: Empathy 50");
  });

  it("is empty for the default route", () => {
    expect(describeCondition(null, messagesFor("en"), (id) => id)).toBe("");
  });
});
