import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getLexicon } from "~/scoring/lexicon-files.server";
import {
  applyForm,
  audienceAllowed,
  blankScript,
  canBeSaved,
  checkScriptText,
  fieldOf,
  formOf,
  isVisibleTo,
  lineDiff,
  rawScript,
  withIdAndVersion,
} from "./authoring";

const lexicon = getLexicon();
const vocabulary = { moves: new Set(lexicon.moves.map((m) => m.id)), acts: new Set(lexicon.acts.map((a) => a.id)) };
const ID = "org-abcdefghij";
const angry = withIdAndVersion(readFileSync("scenarios/angry-owner.yaml", "utf8"), ID);

describe("checkScriptText", () => {
  it("passes the blank template and a copy of angry-owner", () => {
    // Act
    const blank = checkScriptText(blankScript(ID), ID, vocabulary);
    const copy = checkScriptText(angry, ID, vocabulary);
    // Assert
    expect(blank.problems).toEqual([]);
    expect(blank.script?.id).toBe(ID);
    expect(copy.problems).toEqual([]);
  });

  it("places a branch to a missing turn at its field and line", () => {
    // Arrange
    const text = angry.replace("goto: hotline-threat", "goto: nowhere");
    const line = text.split("\n").findIndex((l) => l.includes("goto: nowhere")) + 1;
    // Act
    const { script, problems } = checkScriptText(text, ID, vocabulary);
    // Assert
    expect(script).toBeNull();
    const goto = problems.find((p) => p.code === "goto")!;
    expect(goto.line).toBe(line);
    expect(fieldOf(goto)).toMatch(/^turns\.[a-z-]+\.next\.\d+\.goto$/);
    expect(canBeSaved(problems)).toBe(true);
  });

  it("finds an unknown move, a missing English title and an unreachable turn", () => {
    const unknownMove = checkScriptText(angry.replace("requiredMoves: [acknowledge-feeling]", "requiredMoves: [no-such-move]"), ID, vocabulary);
    expect(unknownMove.problems.map((p) => p.code)).toContain("unknown-move");
    const noEnglish = checkScriptText(angry.replace('en: "An angry owner: the leak from upstairs, third time"', 'en: ""'), ID, vocabulary);
    expect(noEnglish.problems.find((p) => p.code === "missing-en")).toMatchObject({ path: ["title", "en"], line: 9 });
    // The only branch into "upstairs" now goes to "wrap-up": "upstairs" can no longer be reached.
    const raw = rawScript(angry)!;
    const into = Object.entries(raw.turns as Record<string, { next: Array<{ goto: string }> }>).filter(([, t]) => t.next.some((b) => b.goto === "upstairs"));
    let text = angry;
    for (const [name] of into) text = text.replace(new RegExp(`(\\n  ${name}:[\\s\\S]*?)goto: upstairs`), "$1goto: wrap-up");
    const unreachable = checkScriptText(text, ID, vocabulary);
    expect(unreachable.problems).toContainEqual(expect.objectContaining({ code: "unreachable", path: ["turns", "upstairs"] }));
  });

  it("refuses text that is not a script at all, without going further", () => {
    expect(checkScriptText("id: [unclosed", ID, vocabulary).problems[0]).toMatchObject({ code: "yaml", line: 1 });
    expect(checkScriptText("- a list\n- not a mapping\n", ID, vocabulary).problems[0].code).toBe("not-a-mapping");
    expect(checkScriptText("id: x\ntitle: \u0007bell\n", ID, vocabulary).problems[0]).toMatchObject({ code: "control-chars", line: 2 });
    expect(checkScriptText("a: " + "长".repeat(100_000), ID, vocabulary).problems[0].code).toBe("too-large");
    const laughs = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) => `${"bcdefghij"[i]}: &${"bcdefghij"[i]} [*${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}, *${"abcdefghi"[i]}]`,
      ),
    ].join("\n");
    expect(canBeSaved(checkScriptText(laughs, ID, vocabulary).problems)).toBe(false);
  });

  it("checks a script that would crash or never end the engine without crashing: a cycle, a branch to nowhere from a deadline", () => {
    // Arrange: every turn loops back to the start; only the turn limit ends the call.
    const raw = rawScript(blankScript(ID))!;
    let cycle = blankScript(ID);
    for (const n of [1, 2, 3, 4]) cycle = cycle.replace(`      - goto: step-${n + 1}\n`, "      - goto: step-1\n");
    cycle = cycle.replace("      - goto: resolved\n", "      - goto: step-1\n");
    // Act
    const looped = checkScriptText(cycle, ID, vocabulary);
    const deadline = checkScriptText(`${blankScript(ID)}deadlines:\n  - { id: late, if: { minuteAtLeast: 5 }, goto: missing }\n`, ID, vocabulary);
    // Assert
    expect(Object.keys(raw.turns as object)).toHaveLength(6);
    expect(looped.script).toBeNull();
    expect(looped.problems.map((p) => p.code)).toEqual(expect.arrayContaining(["unreachable"]));
    expect(deadline.problems).toContainEqual(expect.objectContaining({ code: "goto", detail: "missing", path: ["deadlines", 0, "goto"] }));
  });

  it("keeps a script with problems saveable, but not one with a text too long, and places each problem", () => {
    const { problems } = checkScriptText(
      angry
        .replace("startEmotion: 75", "startEmotion: 99999999999")
        .replace("id: " + ID, "id: angry-owner")
        .replace("zh: 刘女士", `zh: ${"长".repeat(3000)}`),
      ID,
      vocabulary,
    );
    expect(canBeSaved(problems)).toBe(false);
    expect(canBeSaved(problems.filter((p) => p.code !== "too-long"))).toBe(true);
    expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(["schema", "id", "too-long"]));
    expect(problems.find((p) => p.code === "schema")!.path).toEqual(["startEmotion"]);
    expect(fieldOf(problems.find((p) => p.code === "too-long")!)).toBe("personas.owner.name.zh");
  });
});

describe("applyForm", () => {
  it("changes only the fields given, keeping comments and order", () => {
    // Act
    const text = applyForm(
      angry,
      new Map([
        ["personas.owner.name.zh", "王女士"],
        ["startEmotion", "70"],
        ["turns.opening.next.0.goto", "firm-answer"],
        ["turns.nope.line.zh", "ignored: no such turn"],
        ["version", "99"],
      ]),
      new Map([["turns.opening.expect.forbiddenMoves", ["promise-compensation", "blame-owner"]]]),
    );
    // Assert
    expect(text.startsWith("# 愤怒的业主：楼上漏水，第三次报修\n")).toBe(true);
    const form = formOf(rawScript(text));
    expect(form.personas[0].name).toEqual({ zh: "王女士", en: "Ms Liu" });
    expect(form.startEmotion).toBe(70);
    expect(form.turns[0].next[0].goto).toBe("firm-answer");
    expect(form.turns[0].forbiddenMoves).toEqual(["promise-compensation", "blame-owner"]);
    expect(rawScript(text)!.version).toBe(rawScript(angry)!.version);
    expect(form.turns.map((t) => t.id)).toEqual(formOf(rawScript(angry)).turns.map((t) => t.id));
  });

  it("reaches every suggestion and every other wording of a line in every shipped scenario, so a copy of any can be edited (no YAML alias in the way)", () => {
    let wordings = 0;
    for (const file of readdirSync("scenarios").filter((f) => f.endsWith(".yaml"))) {
      const text = readFileSync(`scenarios/${file}`, "utf8");
      const fields = new Map<string, string>();
      for (const turn of formOf(rawScript(text)).turns) {
        turn.suggestions.forEach((_, i) => fields.set(`turns.${turn.id}.suggestions.${i}.text`, `${turn.id}/${i}`));
        turn.lines.forEach((_, i) => {
          fields.set(`turns.${turn.id}.lines.${i}.en`, `${turn.id}/line ${i}`);
          fields.set(`turns.${turn.id}.lines.${i}.narration.zh`, `${turn.id}/旁白 ${i}`);
          fields.set(`turns.${turn.id}.lines.${i}.narration.en`, `${turn.id}/narration ${i}`);
        });
      }
      const edited = formOf(rawScript(applyForm(text, fields, new Map())));
      for (const turn of edited.turns) {
        turn.suggestions.forEach((s, i) => expect(s.text, file).toBe(`${turn.id}/${i}`));
        turn.lines.forEach((v, i) => {
          wordings++;
          expect(v.en, file).toBe(`${turn.id}/line ${i}`);
          expect(v.narration, file).toEqual({ zh: `${turn.id}/旁白 ${i}`, en: `${turn.id}/narration ${i}` });
        });
      }
    }
    expect(wordings).toBeGreaterThan(0);
  });

  it("clears a wording's own narration without touching the wording", () => {
    const lift = readFileSync("scenarios/lift-entrapment.yaml", "utf8");
    const before = formOf(rawScript(lift)).turns.find((t) => t.id === "rescued")!;
    expect(before.lines[0].narration.zh).toContain("120");
    const cleared = new Map([
      ["turns.rescued.lines.0.narration.zh", ""],
      ["turns.rescued.lines.0.narration.en", ""],
    ]);
    const text = applyForm(lift, cleared, new Map());
    const after = formOf(rawScript(text)).turns.find((t) => t.id === "rescued")!;
    expect(after.lines[0]).toEqual({ zh: before.lines[0].zh, en: before.lines[0].en, narration: { zh: "", en: "" } });
    expect(checkScriptText(text, "lift-entrapment", vocabulary).problems).toEqual([]);
  });

  it("leaves a number that is not a number as text, for the check to place", () => {
    const text = applyForm(angry, new Map([["startEmotion", "很多"]]), new Map());
    expect(checkScriptText(text, ID, vocabulary).problems[0]).toMatchObject({ code: "schema", path: ["startEmotion"] });
  });
});

describe("lineDiff", () => {
  it("aligns the common lines and marks the rest", () => {
    expect(lineDiff("a\nb\nc\nd", "a\nc\nx\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "del", text: "b" },
      { op: "same", text: "c" },
      { op: "add", text: "x" },
      { op: "same", text: "d" },
    ]);
    expect(lineDiff("same", "same")).toEqual([{ op: "same", text: "same" }]);
  });
});

describe("who plays what", () => {
  const published = (audience: "everyone" | string[], retiredAt: string | null = null) => ({ retiredAt, versions: [{ version: 1, audience }] });
  it("shows a scenario to its teams or to everyone, never once retired or before it is published", () => {
    expect(isVisibleTo(published(["t1"]), { teamId: "t1" }, false)).toBe(true);
    expect(isVisibleTo(published(["t1"]), { teamId: "t2" }, false)).toBe(false);
    expect(isVisibleTo(published("everyone"), { teamId: "t2" }, false)).toBe(true);
    expect(isVisibleTo(published("everyone", "2026-12-01T00:00:00.000Z"), { teamId: "t2" }, true)).toBe(false);
    expect(isVisibleTo({ retiredAt: null, versions: [] }, { teamId: "t1" }, true)).toBe(false);
    expect(isVisibleTo(published(["t1"]), { teamId: "t2" }, true)).toBe(true);
  });
  it("lets trainers publish only to teams they train, and only supervisors to everyone", () => {
    expect(audienceAllowed(["t1"], ["t1", "t2"], false)).toBe(true);
    expect(audienceAllowed(["t3"], ["t1"], false)).toBe(false);
    expect(audienceAllowed([], ["t1"], false)).toBe(false);
    expect(audienceAllowed("everyone", ["t1"], false)).toBe(false);
    expect(audienceAllowed("everyone", [], true)).toBe(true);
  });
});
