import { describe, expect, it } from "vitest";
import { compileLexicon, LexiconError } from "./lexicon";
import { readLexicon } from "./lexicon-files.server";
import { scoreReply } from "../../tests/support/scorer";

const lexicon = readLexicon();
const { acts, moves } = lexicon.files;

describe("the scoring lexicon", () => {
  it.each(acts.acts.filter((a) => !a.engine).map((a) => [a.id, a.example]))("act %s is recognised in its own example (%s)", (id, example) => {
    expect(scoreReply(example).acts).toContain(id);
  });

  it.each(moves.moves.map((m) => [m.id, m.example]))("move %s is recognised in its own example (%s)", (id, example) => {
    expect(scoreReply(example).moves).toContain(id);
  });

  it("gives every fault a better wording", () => {
    for (const act of acts.acts.filter((a) => a.kind === "issue")) expect(act.suggestion, act.id).toBeTruthy();
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

  it("refuses a suggested question for an ask topic that does not exist (a typo would never be shown)", () => {
    const listening = { ...lexicon.files.listening, askSuggestions: { ...lexicon.files.listening.askSuggestions, 车牌: "车牌号是多少？" } };
    expect(() => compileLexicon({ ...lexicon.files, listening })).toThrow(/listening\.yaml: askSuggestions names no ask topic: 车牌/);
  });

  it("refuses a required move that stands in for a rule the engine does not have", () => {
    const [first, ...rest] = lexicon.files.moves.moves;
    const typo = { ...first, required: { points: -10, message: { zh: "x", en: "x" }, replaces: ["empathy.upset-no-feelings"] } };
    expect(() => compileLexicon({ ...lexicon.files, moves: { ...lexicon.files.moves, moves: [typo, ...rest] } })).toThrow(
      /moves\.yaml: moves\.0\.required\.replaces\.0/,
    );
  });

  it("refuses an act defined twice, points outside what an act assesses, and a strength that costs", () => {
    const [first, ...rest] = acts.acts;
    expect(() => compileLexicon({ ...lexicon.files, acts: { acts: [first, first, ...rest] } })).toThrow(/defined twice/);
    const apology = acts.acts.find((a) => a.id === "apology")!;
    const filedWrong = { ...apology, points: { ...apology.points, listening: 5 } };
    expect(() => compileLexicon({ ...lexicon.files, acts: { acts: [filedWrong, ...acts.acts.filter((a) => a !== apology)] } })).toThrow(
      /acts\.yaml.*apology: has points for listening, which it does not assess/,
    );
    const costing = { ...apology, points: { empathy: -3 } };
    expect(() => compileLexicon({ ...lexicon.files, acts: { acts: [costing, ...acts.acts.filter((a) => a !== apology)] } })).toThrow(
      /a strength cannot take points away/,
    );
  });

  it("refuses a word class that does not exist, naming the act", () => {
    const feeling = acts.acts.find((a) => a.id === "feeling-named")!;
    const typo = { ...feeling, patterns: ["{FEELINGS}"] };
    expect(() => compileLexicon({ ...lexicon.files, acts: { acts: [typo, ...acts.acts.filter((a) => a !== feeling)] } })).toThrow(
      /feeling-named: unknown class \{FEELINGS\}/,
    );
  });

  it("refuses a trained model that names an act acts.yaml does not have", () => {
    const model = { version: 1, grams: [1, 2], acts: ["apology", "apologise"], bias: [0, 0], threshold: [0.5, 0.5], weights: {} };
    expect(() => compileLexicon(lexicon.files, model)).toThrow(/act-model\.json: unknown act "apologise"/);
  });

  it("refuses a move with a key it does not know (a misspelt exception would be silently ignored)", () => {
    const moves = lexicon.files.moves;
    const [first, ...rest] = moves.moves;
    const misspelt = { ...first, exceptPatterns: ["没人回访"] };
    expect(() => compileLexicon({ ...lexicon.files, moves: { ...moves, moves: [misspelt, ...rest] } })).toThrow(/exceptPatterns/);
  });

  it("a move sameAs another is recognised by that move's words alone and keeps a requirement of its own", () => {
    const byId = new Map(lexicon.moves.map((m) => [m.id, m]));
    const [police, general] = [byId.get("call-police-110")!, byId.get("call-110")!];
    expect(police.phrases).toEqual(general.phrases);
    expect(police.exceptPatterns.map(String)).toEqual(general.exceptPatterns.map(String));
    expect(police.required?.message.zh).not.toBe(general.required?.message.zh);

    const withWords = moves.moves.map((m) => (m.id === "call-police-110" ? { ...m, phrases: ["报警"] } : m));
    expect(() => compileLexicon({ ...lexicon.files, moves: { ...moves, moves: withWords } })).toThrow(/call-police-110: sameAs call-110: takes its words/);
    const policeMove = moves.moves.find((m) => m.id === "call-police-110")!;
    const chained = [...moves.moves, { ...policeMove, id: "call-police-again", sameAs: "call-police-110" }];
    expect(() => compileLexicon({ ...lexicon.files, moves: { ...moves, moves: chained } })).toThrow(/itself sameAs call-110/);
    const dangling = moves.moves.map((m) => (m.id === "call-police-110" ? { ...m, sameAs: "call-police" } : m));
    expect(() => compileLexicon({ ...lexicon.files, moves: { ...moves, moves: dangling } })).toThrow(/sameAs call-police: no such move/);
  });
});
