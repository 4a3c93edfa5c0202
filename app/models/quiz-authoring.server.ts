import { randomInt } from "node:crypto";
import { getCourseware } from "~/courseware/courseware.server";
import type { ModuleSlug } from "~/courseware/modules";
import type { Lang } from "~/i18n/lang";
import type { Question } from "~/quiz/bank";
import { getBanks } from "~/quiz/banks.server";
import {
  asQuestion,
  checkQuestion,
  copyOfBuiltIn,
  isDrawable,
  latestVersion,
  ORG_QUESTION_ID,
  publishVersion,
  versionOf,
  type OtherQuestion,
  type Problem,
  type QuestionContent,
  type QuestionVersion,
} from "~/quiz/authoring";
import { storeKind } from "~/store/config.server";
import type { OrgQuestionRow } from "~/store/schema";
import { lowdbOrgQuestions } from "./lowdb/quiz-authoring.server";
import { postgresOrgQuestions } from "./postgres/quiz-authoring.server";
import type { OrgQuestionsBackend } from "./store-backends";

/**
 * The organisation's own quiz questions (quiz-questions.json, or PostgreSQL's org_questions): written and published
 * by trainers, drawn beside the built-in banks, which are never changed here (a copy of a built-in question is an
 * organisation question).
 */

/** The store's questions: lowdb's or PostgreSQL's, as STORE says (the rules below are the same for both). */
const store = (): OrgQuestionsBackend => (storeKind() === "postgres" ? postgresOrgQuestions : lowdbOrgQuestions);

export type OrgQuestion = OrgQuestionRow;
type Author = { id: string; displayName: string };

const ID_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
const newQuestionId = () => `org-${Array.from({ length: 10 }, () => ID_LETTERS[randomInt(ID_LETTERS.length)]).join("")}`;

const languageOf = (lang: Lang) => (lang === "en" ? "en" : "zh");

/** The module's real courseware sections, which a question may point to. */
export function moduleSections(module: ModuleSlug, lang: Lang): Array<{ id: string; title: string }> {
  return getCourseware(lang)
    .find((m) => m.slug === module)!
    .sections.map((s) => ({ id: s.id, title: s.title }));
}

/** Every organisation question of a module, newest first. */
export async function listOrgQuestions(module: ModuleSlug): Promise<OrgQuestion[]> {
  return (await store().list(module)).reverse();
}

/** An organisation question of a module, or null (an unknown id, or one of another module). */
export async function getOrgQuestion(module: ModuleSlug, id: string): Promise<(OrgQuestion & { module: ModuleSlug }) | null> {
  if (!ORG_QUESTION_ID.test(id)) return null;
  const q = await store().get(id);
  return q?.module === module ? (q as OrgQuestion & { module: ModuleSlug }) : null;
}

/** What the module's other questions say, for the duplicate check: the built-in bank and the organisation's, retired ones aside. */
function othersIn(questions: readonly OrgQuestionRow[], module: ModuleSlug, exceptId: string | null): OtherQuestion[] {
  const builtIn = getBanks("zh-CN")[module].questions.map((q) => ({ id: q.id, stem: q.stem }));
  const org = questions
    .filter((q) => q.module === module && q.id !== exceptId && q.retiredAt === null)
    .flatMap((q) => {
      const content = q.draft ?? latestVersion(q)?.content;
      return content ? [{ id: q.id, stem: content.zh.stem }] : [];
    });
  return [...builtIn, ...org];
}

function problemsOf(questions: readonly OrgQuestionRow[], module: ModuleSlug, content: QuestionContent, exceptId: string | null): Problem[] {
  const sections = moduleSections(module, "zh-CN").map((s) => s.id);
  return checkQuestion(content, sections, othersIn(questions, module, exceptId));
}

/** The problems a question's draft (or latest version) has now, for the edit page to show before anything is posted. */
export async function currentProblems(q: OrgQuestion): Promise<Problem[]> {
  const content = q.draft ?? latestVersion(q)?.content;
  return content ? problemsOf(await store().list(q.module), q.module as ModuleSlug, content, q.id) : [];
}

/** A refused change writes nothing. */
const refused = (result: { ok: boolean }) => !result.ok;

export type SaveResult = { ok: true; question: OrgQuestion } | { ok: false; problems: Problem[] } | { ok: false; error: "not-found" | "retired" };

/** Creates a question as a draft, only if it passes every check; nothing is written otherwise. */
export async function createOrgQuestion(module: ModuleSlug, content: QuestionContent, by: Author, at: Date): Promise<SaveResult> {
  return store().change(
    { module },
    (questions): SaveResult => {
      const problems = problemsOf(questions, module, content, null);
      if (problems.length) return { ok: false, problems };
      const row: OrgQuestionRow = {
        id: newQuestionId(),
        module,
        copiedFrom: null,
        createdAt: at.toISOString(),
        createdById: by.id,
        createdByName: by.displayName,
        draft: structuredClone(content),
        draftSavedAt: at.toISOString(),
        versions: [],
        retiredAt: null,
      };
      questions.push(row);
      return { ok: true, question: structuredClone(row) };
    },
    refused,
  );
}

/** Copies a built-in question into the organisation's bank as a draft; the built-in one stays as it is. Null for an unknown question. */
export async function copyBuiltInQuestion(module: ModuleSlug, builtInId: string, by: Author, at: Date): Promise<OrgQuestion | null> {
  const zh = getBanks("zh-CN")[module].questions.find((q) => q.id === builtInId);
  if (!zh) return null;
  const en = getBanks("en")[module].questions.find((q) => q.id === builtInId);
  return store().change({ module }, (questions) => {
    const row: OrgQuestionRow = {
      id: newQuestionId(),
      module,
      copiedFrom: builtInId,
      createdAt: at.toISOString(),
      createdById: by.id,
      createdByName: by.displayName,
      draft: copyOfBuiltIn(zh, en),
      draftSavedAt: at.toISOString(),
      versions: [],
      retiredAt: null,
    };
    questions.push(row);
    return structuredClone(row);
  });
}

/** The question to change, or why it cannot be changed. */
function changeable(questions: OrgQuestionRow[], id: string): OrgQuestionRow | { ok: false; error: "not-found" | "retired" } {
  const q = questions.find((x) => x.id === id);
  if (!q) return { ok: false, error: "not-found" };
  return q.retiredAt ? { ok: false, error: "retired" } : q;
}

/** Saves a draft over the question's earlier draft, only if it passes every check. */
export async function saveDraft(id: string, content: QuestionContent, at: Date): Promise<SaveResult> {
  return store().change(
    { questionId: id },
    (questions): SaveResult => {
      const q = changeable(questions, id);
      if ("ok" in q) return q;
      const problems = problemsOf(questions, q.module as ModuleSlug, content, q.id);
      if (problems.length) return { ok: false, problems };
      q.draft = structuredClone(content);
      q.draftSavedAt = at.toISOString();
      return { ok: true, question: structuredClone(q) };
    },
    refused,
  );
}

export type PublishResult =
  { ok: true; version: QuestionVersion } | { ok: false; problems: Problem[] } | { ok: false; error: "not-found" | "retired" | "no-draft" | "no-version" };

/** Publishes the draft as the next version, checked again (another question may have been published since). */
export async function publishDraft(id: string, by: Author, at: Date): Promise<PublishResult> {
  return store().change(
    { questionId: id },
    (questions): PublishResult => {
      const q = changeable(questions, id);
      if ("ok" in q) return q;
      if (!q.draft) return { ok: false, error: "no-draft" };
      const problems = problemsOf(questions, q.module as ModuleSlug, q.draft, q.id);
      if (problems.length) return { ok: false, problems };
      const version = publishVersion(q, q.draft, { id: by.id, name: by.displayName }, at);
      q.draft = null;
      q.draftSavedAt = null;
      return { ok: true, version: structuredClone(version) };
    },
    refused,
  );
}

/** Publishes an earlier version's text as a new version (the versions between stay in the history). */
export async function rollBack(id: string, toVersion: number, by: Author, at: Date): Promise<PublishResult> {
  return store().change(
    { questionId: id },
    (questions): PublishResult => {
      const q = changeable(questions, id);
      if ("ok" in q) return q;
      const earlier = versionOf(q, toVersion);
      if (!earlier) return { ok: false, error: "no-version" };
      // Checked as any publication is: the course or the other questions may have changed since.
      const problems = problemsOf(questions, q.module as ModuleSlug, earlier.content, q.id);
      if (problems.length) return { ok: false, problems };
      return { ok: true, version: structuredClone(publishVersion(q, earlier.content, { id: by.id, name: by.displayName }, at, toVersion)) };
    },
    refused,
  );
}

/** Throws the draft away; the published versions stay. */
export async function discardDraft(id: string): Promise<boolean> {
  return store().change(
    { questionId: id },
    (questions) => {
      const q = questions.find((x) => x.id === id);
      if (!q?.draft || q.retiredAt) return false;
      q.draft = null;
      q.draftSavedAt = null;
      return true;
    },
    (done) => !done,
  );
}

/** Stops a question being drawn; the attempts that drew it keep showing it. */
export async function retireQuestion(id: string, at: Date): Promise<boolean> {
  return store().change(
    { questionId: id },
    (questions) => {
      const q = questions.find((x) => x.id === id);
      if (!q || q.retiredAt) return false;
      q.retiredAt = at.toISOString();
      return true;
    },
    (done) => !done,
  );
}

/** The content a question's editor starts from: its draft, else its latest version. */
export const editableContent = (q: OrgQuestion): QuestionContent | null => q.draft ?? latestVersion(q)?.content ?? null;

/** A question content in one language, as the quiz engine takes it. */
export function orgQuestionIn(q: Pick<OrgQuestion, "id" | "module">, content: QuestionContent, lang: Lang): Question {
  return asQuestion(q.id, q.module as ModuleSlug, content, languageOf(lang));
}

/** The published, unretired organisation questions of these modules, each at its latest version: what a new quiz may draw. */
export async function drawableOrgQuestions(modules: readonly ModuleSlug[]): Promise<Array<{ module: ModuleSlug; version: number; question: Question }>> {
  return (await (modules.length === 1 ? store().list(modules[0]) : store().list()))
    .filter((q) => modules.includes(q.module as ModuleSlug) && isDrawable(q))
    .map((q) => {
      const latest = latestVersion(q)!;
      return { module: q.module as ModuleSlug, version: latest.version, question: orgQuestionIn(q, latest.content, "zh-CN") };
    });
}

/**
 * Looks up drawn organisation questions (those with these ids) at the version drawn, retired or not: a past attempt
 * keeps showing what its trainee answered. Resolves once they are read; the lookup itself is synchronous.
 */
export async function orgQuestionLookup(
  ids: readonly string[],
): Promise<(module: string, id: string, version: number | undefined, lang: Lang) => Question | null> {
  const questions = ids.length ? await store().byIds([...new Set(ids)]) : [];
  return (module, id, version, lang) => {
    const q = questions.find((x) => x.id === id && x.module === module);
    const drawn = q && (version === undefined ? latestVersion(q) : versionOf(q, version));
    return q && drawn ? orgQuestionIn(q, drawn.content, lang) : null;
  };
}
