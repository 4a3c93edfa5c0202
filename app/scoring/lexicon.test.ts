import { describe, expect, it } from "vitest";
import { compileLexicon, LexiconError } from "./lexicon";
import { readLexicon } from "./lexicon-files.server";
import { scoreReply } from "./test-scorer";

const lexicon = readLexicon();
const { listening, empathy, wording, moves } = lexicon.files;

const entries = [
  ...listening.confirmations,
  ...listening.cues,
  ...empathy.strengths,
  ...empathy.issues,
  ...wording.polite,
  ...wording.concrete,
  ...wording.issues,
  ...wording.taboos,
];

describe("the scoring lexicon", () => {
  it.each(entries.map((e) => [e.id, e.example]))("%s fires on its own example (%s)", (id, example) => {
    expect(scoreReply(example).findings.map((f) => f.rule)).toContain(id);
  });

  it.each(moves.moves.map((m) => [m.id, m.example]))("move %s is recognised in its own example (%s)", (id, example) => {
    expect(scoreReply(example).moves).toContain(id);
  });

  it("gives every issue a better wording", () => {
    const issues = [...empathy.issues, ...wording.issues, ...wording.taboos];
    for (const entry of issues) expect(entry.suggestion, entry.id).toBeTruthy();
  });

  it("refuses a broken file, naming it", () => {
    const raw = { ...lexicon.files, wording: { ...lexicon.files.wording, base: "high" } };
    expect(() => compileLexicon(raw)).toThrow(LexiconError);
    expect(() => compileLexicon(raw)).toThrow(/content\/scoring\/wording\.yaml: base/);
  });

  it("refuses a topic with no English name, naming it", () => {
    const listening = { ...lexicon.files.listening, askTopics: { ...lexicon.files.listening.askTopics, 车牌号: ["车牌"] } };
    expect(() => compileLexicon({ ...lexicon.files, listening })).toThrow(/listening\.yaml: topicNames has no English name for 车牌号/);
  });

  it("refuses a required move that stands in for a rule the engine does not have", () => {
    const [first, ...rest] = lexicon.files.moves.moves;
    const typo = { ...first, required: { points: -10, message: { zh: "x", en: "x" }, replaces: ["empathy.upset-no-feelings"] } };
    expect(() => compileLexicon({ ...lexicon.files, moves: { ...lexicon.files.moves, moves: [typo, ...rest] } })).toThrow(/moves\.yaml: moves\.0\.required\.replaces\.0/);
  });

  it("refuses an entry id used twice", () => {
    const duplicate = { ...lexicon.files.empathy, strengths: [...lexicon.files.empathy.strengths, lexicon.files.empathy.strengths[0]] };
    expect(() => compileLexicon({ ...lexicon.files, empathy: duplicate })).toThrow(/used twice/);
  });
});
