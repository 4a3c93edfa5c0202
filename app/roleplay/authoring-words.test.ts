import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { zhCN } from "~/i18n/zh-CN";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { blankScript, checkScriptText } from "./authoring";
import type { AuthoringProblem } from "./authoring-fields";
import { problemHint, problemText } from "./authoring-words";

const lexicon = getLexicon();
const vocabulary = { moves: new Set(lexicon.moves.map((m) => m.id)), acts: new Set(lexicon.acts.map((a) => a.id)) };
const ID = "org-abcdefghij";
const blank = blankScript(ID);

/** Every problem of a text, as the author reads it in Chinese and in English. */
function words(text: string) {
  const { problems } = checkScriptText(text, ID, vocabulary);
  return { zh: problems.map((p) => problemText(p, zhCN)), en: problems.map((p) => problemText(p, en)), problems };
}

const suggestion =
  "    suggestions:\n      - text: 您好\n        scores: { listening: 80, empathy: 80, wording: 80 }\n        feedback: { zh: 好, en: Good }\n";
const upsetBackTo = (to: string) => blank.replace(/( {2}upset:[\s\S]*?)- goto: step-3\n/, `$1- goto: ${to}\n`);

/** Each problem kind the checker finds in a text: the text, and every problem as read in Chinese and in English. */
const CASES: Array<{ kind: string; text: string; zh: string[]; en: string[] }> = [
  {
    kind: "a branch to a turn that does not exist",
    text: blank.replace("      - goto: step-3\n", "      - goto: water-nwo\n"),
    zh: ["第 2 轮（step-2） › 第 2 个分支指向不存在的轮次或结局“water-nwo”。"],
    en: ["Turn 2 (step-2) › branch 2 goes to “water-nwo”, which does not exist."],
  },
  {
    kind: "a deadline to a turn that does not exist",
    text: `${blank}deadlines:\n  - { id: late, if: { minuteAtLeast: 5 }, goto: missing }\n`,
    zh: ["第 1 个时限指向不存在的轮次或结局“missing”。"],
    en: ["Deadline 1 goes to “missing”, which does not exist."],
  },
  {
    kind: "a move that does not exist",
    text: blank.replace("requiredMoves: []", "requiredMoves: [no-such-move]"),
    zh: ["第 1 轮（step-1） › 评分要求用了不存在的话术动作“no-such-move”（动作列表见 content/scoring/moves.yaml）。"],
    en: ["Turn 1 (step-1) › expectations uses the move “no-such-move”, which does not exist (see content/scoring/moves.yaml)."],
  },
  {
    kind: "schema: text where a number belongs",
    text: blank.replace("startEmotion: 60", "startEmotion: 很多"),
    zh: ["起始情绪应当是数字，现在是“很多”。"],
    en: ["Starting emotion should be a number, not “很多”."],
  },
  {
    kind: "schema: a fraction where a whole number belongs",
    text: blank.replace("startEmotion: 60", "startEmotion: 60.5"),
    zh: ["起始情绪应当是整数，现在是“60.5”。"],
    en: ["Starting emotion should be a whole number, not “60.5”."],
  },
  {
    kind: "schema: a list where a mapping belongs",
    text: blank.replace("title:\n  zh: 新情景\n  en: New scenario\n", "title: [新情景]\n"),
    zh: ['标题应当是一组“字段: 内容”，现在是“["新情景"]”。'],
    en: ['Title should be a group of "field: value" entries, not “["新情景"]”.'],
  },
  {
    kind: "schema: a number too big",
    text: blank.replace("startEmotion: 60", "startEmotion: 150"),
    zh: ["起始情绪不能大于 100，现在是 150。"],
    en: ["Starting emotion must be at most 100, not 150."],
  },
  {
    kind: "schema: a number too small",
    text: blank.replace("maxTurns: 10", "maxTurns: 1"),
    zh: ["最多轮数不能小于 3，现在是 1。"],
    en: ["Maximum turns must be at least 3, not 1."],
  },
  {
    kind: "schema: a missing key",
    text: blank.replace("channel: phone\n", ""),
    zh: ["缺少渠道。"],
    en: ["Channel is missing."],
  },
  {
    kind: "schema: an empty text",
    text: blank.replace("  zh: 新情景\n", '  zh: ""\n'),
    zh: ["标题 › 中文不能为空。"],
    en: ["Title › Chinese must not be empty."],
  },
  {
    kind: "schema: too few items",
    text: blank.replace("    next:\n      - goto: resolved\n", "    next: []\n"),
    zh: ["第 5 轮（step-5） › 分支至少要有 1 项。"],
    en: ["Turn 5 (step-5) › branch needs at least 1 item."],
  },
  {
    kind: "schema: too many items",
    text: blank.replace("    next:\n", `${suggestion}${suggestion.slice(17).repeat(4)}    next:\n`),
    zh: ["第 1 轮（step-1） › 参考回答最多只能有 4 项。"],
    en: ["Turn 1 (step-1) › suggested reply may have at most 4 items."],
  },
  {
    kind: "schema: an unknown key",
    text: `${blank}colour: red\n`,
    zh: ["脚本里有不认识的字段：colour。"],
    en: ["The script has fields a scenario does not have: colour."],
  },
  {
    kind: "schema: a value not among the options",
    text: blank.replace("channel: phone", "channel: fax"),
    zh: ["渠道只能是 phone / counter / intercom / online 之一，现在是“fax”。"],
    en: ["Channel must be one of phone / counter / intercom / online, not “fax”."],
  },
  {
    kind: "schema: a name in the wrong letters",
    text: blank.replace("start: step-1", "start: Step_1"),
    zh: ["开场轮次只能用小写字母、数字和连字符，现在是“Step_1”。"],
    en: ["Start may use only lower-case letters, digits and hyphens, not “Step_1”."],
  },
  {
    kind: "schema: a turn named in the wrong letters",
    text: blank.replace("  upset:\n", "  Upset:\n"),
    zh: ["第 6 轮（Upset）的名字“Upset”只能用小写字母、数字和连字符。"],
    en: ["The name “Upset” of turn 6 (Upset) may use only lower-case letters, digits and hyphens."],
  },
  {
    kind: "no English title",
    text: blank.replace("  en: New scenario\n", ""),
    zh: ["缺少英文标题。每个情景都要有中英文标题。"],
    en: ["The English title is missing. Every scenario needs a Chinese and an English title."],
  },
  {
    kind: "another id",
    text: blank.replace(`id: ${ID}`, "id: my-own"),
    zh: [`id 必须是这个情景自己的编号 ${ID}，不能改成“my-own”。`],
    en: [`The id must stay this scenario's own, ${ID}, not “my-own”.`],
  },
  {
    kind: "a text too long",
    text: blank.replace("zh: 业主第 1 句话。", `zh: ${"长".repeat(2001)}`),
    zh: ["第 1 轮（step-1） › 台词 › 中文太长了（上限 2000 字）。"],
    en: ["Turn 1 (step-1) › line › Chinese is too long (at most 2000 characters)."],
  },
  {
    kind: "a script too large",
    text: `a: ${"长".repeat(100_000)}`,
    zh: ["脚本太长了，上限 256 KB。请删减后再保存。"],
    en: ["The script is too long (limit 256 KB). Shorten it and save again."],
  },
  {
    kind: "a control character",
    text: blank.replace("新情景\n", "新\u0007情景\n"),
    zh: ["脚本里有看不见的控制字符（U+0007），可能是从别处粘贴带进来的。请删掉后再保存。"],
    en: ["The script contains an invisible control character (U+0007), probably pasted in from elsewhere. Remove it and save again."],
  },
  {
    kind: "not YAML",
    text: "id: [unclosed",
    zh: ["脚本格式有误，读不出来（YAML）：常见的原因是缩进没对齐、冒号后面少了空格，或者引号没有配对。"],
    en: ["The script cannot be read (YAML): usually an indent out of line, a colon without a space after it, or an unmatched quote."],
  },
  {
    kind: "not a mapping",
    text: "- a\n- b\n",
    zh: ["脚本应当是“字段: 内容”的形式（和 scenarios/ 里的文件一样），这个文件不是。"],
    en: ['A script is a list of "field: value" entries, like the files in scenarios/. This is not.'],
  },
  {
    kind: "a turn and an ending of the same name",
    text: `${blank}  step-5:\n    outcome: resolved\n    line: { zh: 好, en: OK }\n    summary: { zh: 好, en: OK }\n`,
    zh: ["“step-5”既是轮次又是结局：两者的名字不能相同。"],
    en: ["“step-5” is both a turn and an ending: give them different names."],
  },
  {
    kind: "a start that is not a turn",
    text: blank.replace("start: step-1", "start: resolved"),
    zh: ["开场轮次（start）“resolved”不是一个轮次。"],
    en: ["The start, “resolved”, is not a turn."],
  },
  {
    kind: "no timeout ending",
    text: blank.replace("  timeout:\n", "  gave-up:\n"),
    zh: ["缺少结局“timeout”：轮数用完时，通话在这里结束。"],
    en: ["The ending “timeout” is missing: a call that runs out of turns ends there."],
  },
  {
    kind: "a persona that does not exist",
    text: blank.replace("speaker: owner", "speaker: neighbour"),
    zh: ["第 1 轮（step-1） › 说话人用了不存在的角色“neighbour”。"],
    en: ["Turn 1 (step-1) › speaker names the persona “neighbour”, which does not exist."],
  },
  {
    kind: "a last branch with a condition",
    text: blank.replace("      - goto: resolved\n", "      - if: { emotionAtLeast: 85 }\n        goto: resolved\n"),
    zh: ["第 5 轮（step-5）的最后一个分支不能带条件（if）：它是其他情况下的去向。"],
    en: ["The last branch of turn 5 (step-5) must have no condition (if): it is where the turn goes otherwise."],
  },
  {
    kind: "one suggested reply",
    text: blank.replace("    next:\n", `${suggestion}    next:\n`),
    zh: ["第 1 轮（step-1）只有 1 个参考回答：要么给 2–4 个，要么一个也不给。"],
    en: ["Turn 1 (step-1) has only 1 suggested reply: give 2–4, or none."],
  },
  {
    kind: "an act that does not exist",
    text: `${blank}critical:\n  never:\n    - move: act:no-such-act\n      reason: { zh: 不行, en: No }\n`,
    zh: ["红线里用了不存在的行为“act:no-such-act”（见 content/scoring/acts.yaml）。"],
    en: ["The critical rules name the act “act:no-such-act”, which does not exist (see content/scoring/acts.yaml)."],
  },
  {
    kind: "a condition on a turn that does not exist",
    text: blank.replace("      - goto: resolved\n", "      - if: { visited: step-9 }\n        goto: resolved\n      - goto: resolved\n"),
    zh: ["第 5 轮（step-5） › 第 1 个分支的条件“经过了 step-9”：没有叫这个名字的轮次。"],
    en: ["Turn 5 (step-5) › branch 1: the condition “has been through step-9” names no turn."],
  },
  {
    kind: "an answer whose condition cannot hold with a line it opens",
    text:
      blank.replace(
        "      en: The owner's line 2.\n",
        "      en: The owner's line 2.\n    lines:\n      - if: { visited: step-1 }\n        zh: 业主第 2 句话，又说了一遍。\n        en: The owner's line 2, again.\n",
      ) +
      "answers:\n  - move: ask-contact-number\n    speakers: [owner]\n    if: { visited: step-3 }\n    zh: 我电话138 0000 0000。\n    en: My number is 138 0000 0000.\n",
    zh: ["第 1 个回答 › 条件和它要接上的某句台词的条件不能同时成立（两边都设了“visited”，而且不一样）。"],
    en: ["Answer 1 › condition cannot hold together with the condition of a line it would open (both set “visited”, differently)."],
  },
  {
    kind: "unreachable turns and a main line too short",
    text: blank.replace("      - goto: step-4\n", "      - goto: resolved\n"),
    zh: [
      "第 4 轮（step-4）从开头走不到：没有哪条分支通向它。",
      "第 5 轮（step-5）从开头走不到：没有哪条分支通向它。",
      "主线（每轮都答得好）有 3 轮，应当在 5–12 轮之间。",
    ],
    en: [
      "Turn 4 (step-4) can never be reached from the start: no branch leads to it.",
      "Turn 5 (step-5) can never be reached from the start: no branch leads to it.",
      "The main line (a strong reply at every turn) has 3 turns; it should have 5–12.",
    ],
  },
  {
    kind: "no escalation",
    text: blank.replace("        goto: complaint\n", "        goto: step-3\n"),
    zh: ["结局“complaint”从开头走不到：没有哪条分支通向它。", "除了 timeout，没有一个走得到的升级或失败结局：学员答得差时也要有后果。"],
    en: [
      "Ending “complaint” can never be reached from the start: no branch leads to it.",
      "Besides timeout, no escalated or failed ending can be reached: poor answers need consequences too.",
    ],
  },
  {
    kind: "no recovery",
    text: upsetBackTo("complaint"),
    zh: ["没有挽回的路线：离开主线的轮次都回不到圆满解决的结局。"],
    en: ["There is no way back: no turn off the main line leads back to a resolved ending."],
  },
  {
    kind: "a main line that does not resolve",
    text: blank.replace("      - goto: resolved\n", "      - goto: complaint\n"),
    zh: [
      "结局“resolved”从开头走不到：没有哪条分支通向它。",
      "主线（每轮都答得好）最后到了结局“complaint”，它不是圆满解决（resolved）的结局。",
      "没有挽回的路线：离开主线的轮次都回不到圆满解决的结局。",
    ],
    en: [
      "Ending “resolved” can never be reached from the start: no branch leads to it.",
      "The main line (a strong reply at every turn) ends in “complaint”, which is not a resolved ending.",
      "There is no way back: no turn off the main line leads back to a resolved ending.",
    ],
  },
];

// The path check's findings no small script shows (its own limits make them rare), as the checker records them.
const problem = (code: AuthoringProblem["code"], more: Partial<AuthoringProblem> = {}): AuthoringProblem => ({ code, path: [], line: 2, detail: "", ...more });
const RARE: Array<{ kind: string; problem: AuthoringProblem; zh: string; en: string }> = [
  {
    kind: "a dead end",
    problem: problem("dead-end", { path: ["turns", "step-2"], turn: 2, value: "step-2" }),
    zh: "从第 2 轮（step-2）出发，有的走法永远到不了结局。",
    en: "From turn 2 (step-2), some ways of answering never reach an ending.",
  },
  {
    kind: "too complex",
    problem: problem("too-complex", { limit: "80000" }),
    zh: "情景太复杂，检查走了 80000 种情况还没走完。请减少轮次或分支条件。",
    en: "The scenario is too complex: the check stopped after 80000 situations. Use fewer turns or branch conditions.",
  },
  {
    kind: "a path over maxTurns",
    problem: problem("too-many-turns", { value: "12", limit: "10" }),
    zh: "有一条路线要走 12 轮，超过了最多轮数（maxTurns）10。",
    en: "A path takes 12 turns, over the maximum (maxTurns) of 10.",
  },
  {
    kind: "a main line that ends nowhere",
    problem: problem("main-line-end", { value: "" }),
    zh: "主线（每轮都答得好）走不到任何结局。",
    en: "The main line (a strong reply at every turn) never reaches an ending.",
  },
  {
    kind: "another path check finding",
    problem: problem("graph", { detail: "something new" }),
    zh: "路线检查没有通过。",
    en: "The path check did not pass.",
  },
  {
    kind: "another reference",
    problem: problem("reference", { path: ["learnMore", 0], detail: "something new" }),
    zh: "第 1 个延伸学习引用了不存在的内容。",
    en: "Learn more 1 refers to something that is not there.",
  },
];

describe("a draft's problems in the author's language (issue 20)", () => {
  it.each(CASES)("$kind", ({ text, zh, en: english }) => {
    // Act
    const found = words(text);
    // Assert
    expect(found.zh).toEqual(zh);
    expect(found.en).toEqual(english);
  });

  it.each(RARE)("$kind", ({ problem: p, zh, en: english }) => {
    expect(problemText(p, zhCN)).toBe(zh);
    expect(problemText(p, en)).toBe(english);
  });

  it("keeps the checker's own words only as a hint, where the sentence cannot say them", () => {
    // Act
    const [schema] = words(blank.replace("startEmotion: 60", "startEmotion: 150")).problems;
    const [yaml] = words("id: [unclosed").problems;
    const [goto] = words(CASES[0].text).problems;
    // Assert
    expect(problemHint(schema)).toBe("Too big: expected number to be <=100");
    expect(problemHint(yaml)).toMatch(/^Flow sequence/);
    expect(problemHint(goto)).toBeNull();
    expect(zhCN["scenarioAuthor.problemHint"]("x")).toBe("检查器原文：x");
    expect(en["scenarioAuthor.problemHint"]("x")).toBe("The checker's words: x");
  });

  it("names no field by its raw path in any sentence", () => {
    for (const { text } of CASES) {
      for (const sentence of [...words(text).zh, ...words(text).en]) expect(sentence).not.toMatch(/turns\.|\[\d\]|expected |Invalid input/);
    }
  });
});
