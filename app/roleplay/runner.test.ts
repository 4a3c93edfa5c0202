import { describe, expect, it } from "vitest";
import { readAllScenarios } from "./scenario-files.server";
import { turnExpectation } from "./runner";
import { scoreReply } from "../../tests/support/scorer";

const gasSmell = readAllScenarios().find((s) => s.id === "gas-smell")!;

describe("what the scorer is told at a turn", () => {
  it("does not demand again a move made at an earlier turn, unless this step's branches decide on it now", () => {
    const call = { earlier: [], emotion: 10, madeBefore: ["gas-leave-area", "gas-no-sparks"] };
    // goes-back-in branches to the failure when nobody stops him now: leaving the area is demanded again here.
    expect(turnExpectation(gasSmell, "goes-back-in", call).madeBefore).toEqual(["gas-no-sparks"]);
    const reply = scoreReply("好的，我这边马上安排，有进展第一时间告诉您。", turnExpectation(gasSmell, "goes-back-in", call));
    expect(reply.findings.map((f) => f.rule)).toContain("move.missing.gas-leave-area");
    // A step that does not branch on it keeps what was done before.
    const outside = gasSmell.turns.outside.next.flatMap((b) => b.if?.movesMissing ?? []);
    expect(outside).not.toContain("gas-no-sparks");
    expect(turnExpectation(gasSmell, "outside", call).madeBefore).toContain("gas-no-sparks");
  });
});
