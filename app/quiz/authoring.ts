import type { Question } from "./bank";
import { OPTION_COUNT, TRUE_FALSE_WORDS, type QuestionType } from "./question-types";
import { keyStandsOutByLength } from "./option-length";

/**
 * The organisation's own questions, written in the browser: what a question holds, the checks it must pass before
 * it is saved or published, and its versions. Pure: the store and the pages are elsewhere
 * (models/quiz-authoring.server.ts, routes/trainer.quizzes.*).
 */

/** One language's words of a question. Options in the order the author listed them (for `order`, the right order). */
export interface QuestionWords {
  stem: string;
  options: string[];
  explanation: string;
}

/** What a trainer writes: the same five types and rules as the built-in banks (content/quizzes/README.md). */
export interface QuestionContent {
  type: QuestionType;
  /** The courseware section of the question's own module that the explanation points to. */
  section: string;
  /** Keyed option ids (a, b, c … by position); for `order`, every id in order. */
  correct: string[];
  zh: QuestionWords;
  /** Optional: without it an English-speaking trainee reads the Chinese. */
  en: QuestionWords | null;
}

export interface QuestionVersion {
  version: number;
  content: QuestionContent;
  publishedAt: string;
  byId: string;
  byName: string;
  /** Set when this version republished an earlier one's text (a roll back). */
  rolledBackFrom: number | null;
}

/** The versioned part of an organisation question, as the store keeps it. */
export interface VersionedQuestion {
  /** Unpublished changes; trainees never see them. */
  draft: QuestionContent | null;
  /** Published versions, oldest first, never changed once written. */
  versions: QuestionVersion[];
  retiredAt: string | null;
}

/** Limits in characters: long enough for any real question, short enough to read on a phone. */
export const LIMITS = { stem: 600, option: 200, explanation: 1000 } as const;

/** Organisation question ids: never like a built-in id (`cp-01`), so the two never collide in a quiz's keys. */
export const ORG_QUESTION_ID = /^org-[a-z0-9]{10}$/;

export type ProblemCode =
  | "required"
  | "tooLong"
  | "optionCount"
  | "optionEmpty"
  | "optionDuplicate"
  | "keyMissing"
  | "keyCount"
  | "keyOnEmpty"
  | "keyStandsOut"
  | "section"
  | "englishIncomplete"
  | "duplicateQuestion";

/**
 * A problem at one field of the form. Fields: `type`, `section`, `correct`, `<lang>.stem`, `<lang>.explanation`,
 * `<lang>.options` (the list as a whole) and `<lang>.option.<n>` (n from 0).
 */
export interface Problem {
  field: string;
  code: ProblemCode;
  /** A limit, a count or the other question's id, for the message. */
  detail?: string | number;
}

/** Another question of the same module, for the duplicate check. */
export interface OtherQuestion {
  id: string;
  stem: string;
}

// Control characters (but tab and newline), bidirectional overrides and isolates, and the line and paragraph
// separators: nothing a trainer means to type, and all of them able to disguise the text around them.
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text as typed, made safe to keep: invisible controls removed, Windows line ends made plain, ends trimmed. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(INVISIBLE, "").trim();
}

const sameText = (text: string) => cleanText(text).replace(/\s+/g, " ").toLowerCase();

const length = (text: string) => [...text].length;

/**
 * Every problem with a question, each at its field; none means it may be saved and published. `sections` are the
 * ids of its module's real courseware sections; `others` the module's other questions (built-in and the
 * organisation's published ones).
 */
export function checkQuestion(content: QuestionContent, sections: readonly string[], others: readonly OtherQuestion[]): Problem[] {
  const problems: Problem[] = [];
  const [min, max] = OPTION_COUNT[content.type];
  if (!sections.includes(content.section)) problems.push({ field: "section", code: "section" });

  const languages = content.en ? (["zh", "en"] as const) : (["zh"] as const);
  for (const lang of languages) {
    const words = content[lang]!;
    for (const part of ["stem", "explanation"] as const) {
      if (!words[part]) problems.push({ field: `${lang}.${part}`, code: lang === "en" ? "englishIncomplete" : "required" });
      else if (length(words[part]) > LIMITS[part]) problems.push({ field: `${lang}.${part}`, code: "tooLong", detail: LIMITS[part] });
    }
    const seen = new Map<string, number>();
    words.options.forEach((option, i) => {
      const field = `${lang}.option.${i}`;
      if (!option) problems.push({ field, code: lang === "en" ? "englishIncomplete" : "optionEmpty" });
      else if (length(option) > LIMITS.option) problems.push({ field, code: "tooLong", detail: LIMITS.option });
      else if (seen.has(sameText(option))) problems.push({ field, code: "optionDuplicate", detail: seen.get(sameText(option))! + 1 });
      else seen.set(sameText(option), i);
    });
  }
  if (content.zh.options.length < min || content.zh.options.length > max) {
    problems.push({ field: "zh.options", code: "optionCount", detail: min === max ? `${min}` : `${min}–${max}` });
  }

  const ids = content.zh.options.map((_, i) => optionId(i));
  const keyed = content.correct.filter((id) => ids.includes(id));
  if (keyed.length !== content.correct.length) problems.push({ field: "correct", code: "keyOnEmpty" });
  else if (content.type === "order") {
    if (content.correct.join() !== ids.join()) problems.push({ field: "correct", code: "keyCount" });
  } else if (keyed.length === 0) problems.push({ field: "correct", code: "keyMissing" });
  else if (content.type === "multiple" ? keyed.length < 2 || keyed.length === ids.length : keyed.length !== 1) {
    problems.push({ field: "correct", code: "keyCount" });
  }

  // Only once the options themselves are sound: a long key among empty options says nothing.
  if (!problems.some((p) => p.field === "correct" || /^(zh|en)\.option/.test(p.field))) {
    for (const lang of languages) {
      if (keyStandsOutByLength(asQuestion("check", "service-overview", content, lang))) {
        problems.push({ field: `${lang}.option.${ids.indexOf(content.correct[0])}`, code: "keyStandsOut" });
      }
    }
  }

  const twin = content.zh.stem && others.find((o) => sameText(o.stem) === sameText(content.zh.stem));
  if (twin) problems.push({ field: "zh.stem", code: "duplicateQuestion", detail: twin.id });
  return problems;
}

export const optionId = (index: number) => String.fromCharCode(97 + index);

/** The words a true/false question's options must be, by language. */
export function trueFalseOptions(lang: "zh" | "en"): string[] {
  return [...TRUE_FALSE_WORDS[lang === "en" ? "en" : "zh-CN"]];
}

/** A question content as the quiz engine takes it, in one language (the Chinese when there is no English). */
export function asQuestion(id: string, module: Question["source"]["module"], content: QuestionContent, lang: "zh" | "en"): Question {
  const words = (lang === "en" && content.en) || content.zh;
  return {
    id,
    type: content.type,
    stem: words.stem,
    options: words.options.map((text, i) => ({ id: optionId(i), text })),
    correct: [...content.correct],
    explanation: words.explanation,
    source: { module, section: content.section },
  };
}

/** A built-in question as the start of an organisation question: the same words, key and section. */
export function copyOfBuiltIn(zh: Question, en: Question | undefined): QuestionContent {
  // The built-in explanation names its section as a link; an organisation question keeps the section apart.
  const words = (q: Question): QuestionWords => ({
    stem: q.stem,
    options: q.options.map((o) => o.text),
    explanation: q.explanation.replace(/\[([^\]]*)\]\(\/learn\/[^)]*\)/g, "$1"),
  });
  return { type: zh.type, section: zh.source.section, correct: [...zh.correct], zh: words(zh), en: en ? words(en) : null };
}

export const latestVersion = (q: VersionedQuestion): QuestionVersion | null => q.versions.at(-1) ?? null;

/** Drawn in new quizzes: published and not retired. */
export const isDrawable = (q: VersionedQuestion) => q.retiredAt === null && q.versions.length > 0;

export const versionOf = (q: VersionedQuestion, version: number): QuestionVersion | null => q.versions.find((v) => v.version === version) ?? null;

/** Publishes `content` as the next version, immutable from now on; the draft is gone once published. */
export function publishVersion(
  q: VersionedQuestion,
  content: QuestionContent,
  by: { id: string; name: string },
  at: Date,
  rolledBackFrom: number | null = null,
): QuestionVersion {
  const version: QuestionVersion = {
    version: (latestVersion(q)?.version ?? 0) + 1,
    content: structuredClone(content),
    publishedAt: at.toISOString(),
    byId: by.id,
    byName: by.name,
    rolledBackFrom,
  };
  q.versions.push(version);
  return version;
}

/**
 * A question from the authoring form. Fields: `<lang>.stem`, `<lang>.explanation`, `<lang>.option.<row>` for each
 * of the type's rows, `correct` (the keyed rows' letters), `section`. Rows left empty in both languages are
 * dropped and the key follows its option; a key on an empty row stays as a key to nothing, which the check
 * reports. The English is absent when every English field is empty.
 */
export function contentFromForm(type: QuestionType, field: (name: string) => string, keyed: readonly string[]): QuestionContent {
  const rows = OPTION_COUNT[type][1];
  const text = (name: string) => cleanText(field(name));
  const englishGiven =
    !!text("en.stem") || !!text("en.explanation") || Array.from({ length: rows }, (_, i) => text(`en.option.${i}`)).some((t) => t.length > 0);
  if (type === "truefalse") {
    const correct = keyed.filter((id) => id === "a" || id === "b");
    return {
      type,
      section: text("section"),
      correct,
      zh: { stem: text("zh.stem"), options: trueFalseOptions("zh"), explanation: text("zh.explanation") },
      en: englishGiven ? { stem: text("en.stem"), options: trueFalseOptions("en"), explanation: text("en.explanation") } : null,
    };
  }
  const kept = Array.from({ length: rows }, (_, i) => i).filter((i) => text(`zh.option.${i}`) || text(`en.option.${i}`));
  const correct =
    type === "order"
      ? kept.map((_, i) => optionId(i))
      : [...new Set(keyed)].map((id) => {
          const at = kept.findIndex((row) => optionId(row) === id);
          return at < 0 ? "?" : optionId(at);
        });
  const words = (lang: "zh" | "en"): QuestionWords => ({
    stem: text(`${lang}.stem`),
    options: kept.map((row) => text(`${lang}.option.${row}`)),
    explanation: text(`${lang}.explanation`),
  });
  return { type, section: text("section"), correct, zh: words("zh"), en: englishGiven ? words("en") : null };
}

export type QuestionStatus = "draft" | "published" | "changed" | "retired";

/** Where a question stands: never published, published, published with changes waiting, or retired. */
export function questionStatus(q: VersionedQuestion): QuestionStatus {
  if (q.retiredAt) return "retired";
  if (!q.versions.length) return "draft";
  return q.draft ? "changed" : "published";
}

/** A new question of a type, nothing written yet (a true/false question's two options are fixed). */
export function emptyContent(type: QuestionType): QuestionContent {
  return {
    type,
    section: "",
    correct: [],
    zh: { stem: "", options: type === "truefalse" ? trueFalseOptions("zh") : [], explanation: "" },
    en: null,
  };
}

/** A question's words under another type: stem, explanation and options stay (as many as the type takes); the key is chosen again. */
export function retyped(content: QuestionContent, type: QuestionType): QuestionContent {
  if (type === content.type) return content;
  const rows = OPTION_COUNT[type][1];
  const words = (w: QuestionWords, lang: "zh" | "en"): QuestionWords => ({
    ...w,
    options: type === "truefalse" ? trueFalseOptions(lang) : content.type === "truefalse" ? [] : w.options.slice(0, rows),
  });
  return { type, section: content.section, correct: [], zh: words(content.zh, "zh"), en: content.en && words(content.en, "en") };
}
