import { describe, expect, it } from "vitest";
import { trainActModel, type LabelledClause } from "~/calibration/act-model-training";
import { compileActModel, modelActs, modelText } from "./act-model";

describe("the act model", () => {
  it("reads digits as one # and keeps a question mark, remembering where each character came from", () => {
    const seen = modelText("师傅30分钟到,好吗?");
    expect(seen.text).toBe("师傅#分钟到好吗?");
    expect(seen.at[2]).toBe(2);
    expect(seen.end[2]).toBe(4); // # stands for "30"
  });

  it("recognises an act and points at the words that speak for it", () => {
    const model = compileActModel({
      version: 1,
      grams: [1, 2],
      acts: ["hardship-named"],
      bias: [-2],
      threshold: [0.5],
      weights: { 辛苦: [[0, 4]], 您: [[0, -0.5]] },
    });
    const [hit] = modelActs("每天爬九楼真辛苦了", model);
    expect(hit.act).toBe("hardship-named");
    expect("每天爬九楼真辛苦了".slice(hit.from, hit.to)).toBe("辛苦");
    expect(modelActs("我们马上处理", model)).toEqual([]);
    expect(modelActs("每天爬九楼真辛苦了", model, new Set(["hardship-named"]))).toEqual([]);
  });

  it("trains the same weights from the same clauses, and generalises past the words it saw", () => {
    const clauses: LabelledClause[] = [
      ...["您每天爬楼太辛苦了", "抱着孩子爬九楼真辛苦", "这几天您受累了", "老人家爬上爬下太遭罪了", "您辛苦了这么多天", "天天扛着婴儿车太累了"].map((text) => ({
        act: "hardship-named",
        kind: "positive" as const,
        text,
      })),
      ...["我们马上处理", "师傅十分钟到", "请您留个电话", "已经通知工程部", "我现在就去看", "您别辛苦跑了，我过去"].map((text) => ({
        act: "action-now",
        kind: "positive" as const,
        text,
      })),
    ];
    const options = { grams: [1, 2] as [number, number], epochs: 120, l2: 0.0005, otherWeight: 1, minCount: 1 };
    const first = trainActModel(clauses, ["hardship-named", "action-now"], options);
    expect(trainActModel(clauses, ["hardship-named", "action-now"], options)).toEqual(first);
    const acts = modelActs("您这几天真是辛苦", compileActModel(first)).map((h) => h.act);
    expect(acts).toContain("hardship-named");
  });
});
