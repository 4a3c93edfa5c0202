import { describe, expect, it } from "vitest";
import { clausesOf, recogniseActs } from "./acts";
import { readLexicon } from "./lexicon-files.server";
import { canonicalNumbers, normalise } from "./text";

const lexicon = readLexicon();
const actsIn = (text: string, withModel = false) =>
  recogniseActs(canonicalNumbers(normalise(text)), lexicon.acts, lexicon.negations, withModel ? lexicon.actModel : null).map((h) => h.act);

describe("the act recogniser", () => {
  it("splits a reply into clauses, a question keeping its mark", () => {
    expect(clausesOf("您好,请问几栋?我马上派人。").map((c) => c.text)).toEqual(["您好", "请问几栋?", "我马上派人"]);
  });

  it("lets a negation before the words cancel an act that says so (别着急 names no feeling)", () => {
    expect(actsIn("您先别着急。")).not.toContain("feeling-named");
    expect(actsIn("您肯定很着急。")).toContain("feeling-named");
  });

  it("keeps a trainer's exception over the model's guess", () => {
    // 请您理解 asks the owner to understand us: an exception of feeling-named, whatever the model thinks.
    expect(actsIn("请您理解。", true)).not.toContain("feeling-named");
  });

  it("adds strengths the patterns missed, never faults", () => {
    const model = lexicon.actModel!;
    const faults = new Set(lexicon.acts.filter((a) => a.kind === "issue").map((a) => a.id));
    expect(model.acts.some((a) => faults.has(a))).toBe(false);
    const hits = recogniseActs(canonicalNumbers(normalise("换作谁天天抱着孩子扛着婴儿车爬九楼都吃不消。")), lexicon.acts, lexicon.negations, model);
    expect(hits.map((h) => h.act)).toContain("hardship-named");
  });
});
