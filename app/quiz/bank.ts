import { Marked, type Token, type Tokens } from "marked";
import { parseYaml } from "~/utils/yaml";
import { MODULE_SLUGS, type ModuleSlug } from "~/courseware/modules";
import { OPTION_COUNT, QUESTION_TYPES, TRUE_FALSE_WORDS, type QuestionType } from "./question-types";

/**
 * Question banks: markdown a trainer edits (content/quizzes/README.md), parsed with marked's lexer. Pure: the
 * text comes in, a checked bank comes out, or a QuizBankError naming the file and the question.
 */

export { QUESTION_TYPES, type QuestionType };

export interface Question {
  id: string;
  type: QuestionType;
  /** The stem as markdown (rendered on the server). */
  stem: string;
  /** Options in the order the bank lists them; ids are a, b, c … by that position. */
  options: Array<{ id: string; text: string }>;
  /** Correct option ids; for `order`, all ids in the correct order. */
  correct: string[];
  /** The explanation as markdown, shown only after grading. */
  explanation: string;
  /** The courseware section the explanation links to. */
  source: { module: ModuleSlug; section: string };
}

export interface Bank {
  module: ModuleSlug;
  questions: Question[];
}

export class QuizBankError extends Error {
  constructor(file: string, question: string | null, problem: string) {
    super(`${file}${question ? ` · ${question}` : ""}: ${problem}`);
    this.name = "QuizBankError";
  }
}

const HEADING = /^([a-z]{2}-\d{2})\s*·\s*([a-z-]+)\s*$/;
const SOURCE_LINK = /\]\(\/learn\/([a-z-]+)#([a-z0-9-]+)\)/;

export function parseBank(text: string, file: string, lang: "zh-CN" | "en"): Bank {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new QuizBankError(file, null, "missing front matter (--- module: <slug> ---)");
  const meta = parseYaml(match[1]) as { module?: string } | null;
  const module = meta?.module;
  if (!module || !(MODULE_SLUGS as readonly string[]).includes(module))
    throw new QuizBankError(file, null, `front matter "module" must be one of ${MODULE_SLUGS.join(", ")}`);

  const sections: Array<{ heading: string; tokens: Token[] }> = [];
  for (const token of new Marked({ gfm: true }).lexer(match[2])) {
    if (token.type === "heading" && token.depth === 2) sections.push({ heading: token.text, tokens: [] });
    else if (token.type === "heading" && token.depth === 1) continue;
    else if (sections.length) sections.at(-1)!.tokens.push(token);
    else if (token.type !== "space") throw new QuizBankError(file, null, "text before the first question");
  }

  const questions: Question[] = [];
  for (const { heading, tokens } of sections) {
    const head = HEADING.exec(heading.trim());
    if (!head) throw new QuizBankError(file, heading, 'heading must be "## <id> · <type>", e.g. "## cp-01 · single"');
    const [, id, type] = head;
    const fail = (problem: string): never => {
      throw new QuizBankError(file, id, problem);
    };
    if (!(QUESTION_TYPES as readonly string[]).includes(type)) fail(`unknown type "${type}" (one of ${QUESTION_TYPES.join(", ")})`);
    if (questions.some((q) => q.id === id)) fail("id used twice");
    const content = tokens.filter((t) => t.type !== "space");
    const listAt = content.findIndex((t) => t.type === "list");
    if (listAt < 0) fail("no options (a task list of - [ ] / - [x])");
    const stem = content
      .slice(0, listAt)
      .map((t) => t.raw)
      .join("")
      .trim();
    if (!stem) fail("no stem before the options");
    if (content.slice(0, listAt).some((t) => t.type === "blockquote")) fail("the explanation (blockquote) must come after the options");
    const list = content[listAt] as Tokens.List;
    const rest = content.slice(listAt + 1);
    if (rest.length !== 1 || rest[0].type !== "blockquote") fail("after the options there must be exactly one blockquote: the explanation");
    const explanation = (rest[0] as Tokens.Blockquote).text.trim();
    const link = SOURCE_LINK.exec(explanation);
    if (!link) fail("the explanation must link to its courseware section, as (/learn/<module>#<section>)");
    if (!(MODULE_SLUGS as readonly string[]).includes(link![1])) fail(`the explanation links to an unknown module "${link![1]}"`);

    if (list.items.some((item) => !item.task)) fail("every option must be a task list item (- [ ] or - [x])");
    const options = list.items.map((item, i) => ({ id: String.fromCharCode(97 + i), text: item.text.replace(/^\[[ xX]\]\s*/, "").trim() }));
    const checked = list.items.map((item, i) => (item.checked ? options[i].id : null)).filter((x): x is string => x !== null);
    const [min, max] = OPTION_COUNT[type as QuestionType];
    if (options.length < min || options.length > max) fail(`${type} needs ${min === max ? min : `${min}–${max}`} options, found ${options.length}`);
    if (options.some((o) => !o.text)) fail("an option is empty");
    if (new Set(options.map((o) => o.text)).size !== options.length) fail("two options have the same text");

    let correct: string[];
    switch (type as QuestionType) {
      case "single":
      case "best-reply":
      case "truefalse":
        if (checked.length !== 1) fail(`${type} needs exactly one [x], found ${checked.length}`);
        correct = checked;
        break;
      case "multiple":
        if (checked.length < 2) fail(`multiple needs two or more [x], found ${checked.length}`);
        correct = checked;
        break;
      case "order":
        if (checked.length !== 0) fail("order lists its steps in the correct order, all [ ]");
        correct = options.map((o) => o.id);
        break;
    }
    if (type === "truefalse") {
      const words = options.map((o) => o.text.toLowerCase());
      const expected = TRUE_FALSE_WORDS[lang].map((w) => w.toLowerCase());
      if (words[0] !== expected[0] || words[1] !== expected[1]) fail(`truefalse options must be "${expected[0]}" then "${expected[1]}"`);
    }
    questions.push({
      id,
      type: type as QuestionType,
      stem,
      options,
      correct: correct!,
      explanation,
      source: { module: link![1] as ModuleSlug, section: link![2] },
    });
  }
  if (questions.length === 0) throw new QuizBankError(file, null, "no questions");
  return { module: module as ModuleSlug, questions };
}

/** The English bank must mirror the Chinese one: same ids, types, option counts and answers, in order. */
export function checkTranslation(zh: Bank, en: Bank, enFile: string): void {
  const zhIds = zh.questions.map((q) => q.id).join(",");
  const enIds = en.questions.map((q) => q.id).join(",");
  if (zhIds !== enIds) throw new QuizBankError(enFile, null, `questions [${enIds}] differ from the Chinese bank [${zhIds}]`);
  zh.questions.forEach((q, i) => {
    const e = en.questions[i];
    if (e.type !== q.type) throw new QuizBankError(enFile, q.id, `type ${e.type} differs from the Chinese ${q.type}`);
    if (e.options.length !== q.options.length) throw new QuizBankError(enFile, q.id, "a different number of options from the Chinese");
    if (e.correct.join() !== q.correct.join()) throw new QuizBankError(enFile, q.id, "different correct options from the Chinese");
  });
}
