import { describe, expect, it } from "vitest";
import { sortedByName } from "./collate";

describe("names in lists", () => {
  it("are in pinyin order, numbers by value, and the list given is left as it was", () => {
    const names = ["赵磊", "刘芳", "学员10", "张明", "李晓雨", "学员2"];
    expect(sortedByName(names, (n) => n)).toEqual(["李晓雨", "刘芳", "学员2", "学员10", "张明", "赵磊"]);
    expect(names[0]).toBe("赵磊");
  });
});
