import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { STORES, useStore } from "../../tests/support/stores";
import { query } from "~/store/postgres/pool.server";
import type { QuestionContent } from "~/quiz/authoring";
import { getBanks } from "~/quiz/banks.server";
import {
  copyBuiltInQuestion,
  createOrgQuestion,
  drawableOrgQuestions,
  getOrgQuestion,
  listOrgQuestions,
  publishDraft,
  retireQuestion,
  rollBack,
  saveDraft,
} from "./quiz-authoring.server";
import { gradedQuestions, questionsForTaking, startQuiz, submitQuiz } from "./quizzes.server";
import { createTeam } from "./teams.server";
import { createUser } from "./users.server";

type Author = { id: string; displayName: string };
let author: Author;
let teamId: string;
const at = new Date("2026-12-02T08:00:00Z");

const garage = (stem = "地下车库进水时，客服接到电话后先做什么？"): QuestionContent => ({
  type: "single",
  section: "emergency-plans",
  correct: ["a"],
  zh: { stem, options: ["通知工程部并提醒挪车", "请业主自己报警处理", "告诉业主不归物业管"], explanation: "先止损：派人到场，提醒业主挪车。" },
  en: null,
});

/** Always the last of what is left: the organisation's questions come after the bank's, so they are drawn first. */
const lastFirst = () => 0.999999;

async function user(username: string, displayName: string, role: "trainee" | "trainer") {
  const created = await createUser({ username, displayName, password: "password123", role, teamId });
  if (!created.ok) throw new Error("setup");
  return created.user;
}

const trainee = async () => (await user("author01", "学员", "trainee")).id;

async function published(content = garage()) {
  const created = await createOrgQuestion("core-process", content, author, at);
  if (!created.ok) throw new Error("create");
  const result = await publishDraft(created.question.id, author, at);
  if (!result.ok) throw new Error("publish");
  return created.question.id;
}

describe.each(STORES)("organisation questions (%s)", (store) => {
  useStore(store);

  beforeEach(async () => {
    const team = await createTeam("阳光花园");
    if (!team.ok) throw new Error("setup");
    teamId = team.team.id;
    author = await user("trainer01", "王建国", "trainer");
  });

  it("are not written at all when a check fails", async () => {
    // Arrange: no explanation.
    const content = garage();
    content.zh.explanation = "";
    // Act
    const result = await createOrgQuestion("core-process", content, author, at);
    // Assert
    expect(result).toEqual({ ok: false, problems: [{ field: "zh.explanation", code: "required" }] });
    expect(await listOrgQuestions("core-process")).toEqual([]);
  });

  it("are drawn only once published, at their latest version, and kept in the store", async () => {
    const created = await createOrgQuestion("core-process", garage(), author, at);
    if (!created.ok) throw new Error("create");
    expect(await drawableOrgQuestions(["core-process"])).toEqual([]);
    await publishDraft(created.question.id, author, at);
    const drawable = await drawableOrgQuestions(["core-process"]);
    expect(drawable.map((d) => [d.question.id, d.version])).toEqual([[created.question.id, 1]]);
    const stem =
      store === "lowdb"
        ? JSON.parse(await readFile(path.join(process.env.DATA_DIR!, "quiz-questions.json"), "utf8")).questions[0].versions[0].content.zh.stem
        : (await query<{ stem: string }>("SELECT content -> 'zh' ->> 'stem' AS stem FROM org_question_versions")).rows[0].stem;
    expect(stem).toBe(garage().zh.stem);
  });

  it("record the version an attempt drew; the result keeps showing it after a new version", async () => {
    // Arrange: version 1 drawn and answered.
    const userId = await trainee();
    const id = await published();
    const started = await startQuiz(userId, "core-process", at, lastFirst);
    if (!started.ok) throw new Error("start");
    const drawn = started.attempt.questions.find((q) => q.id === id)!;
    expect(drawn.version).toBe(1);
    const answers = Object.fromEntries(
      started.attempt.questions.map((d) => {
        const q = d.id === id ? { type: "single", correct: ["a"] } : getBanks("zh-CN")["core-process"].questions.find((x) => x.id === d.id)!;
        return [`${d.module}/${d.id}`, q.type === "single" || q.type === "truefalse" || q.type === "best-reply" ? q.correct[0] : q.correct];
      }),
    );
    const submitted = await submitQuiz(userId, started.attempt.id, answers, at);
    if (!submitted.ok) throw new Error(submitted.error);
    expect(submitted.attempt.result!.perQuestion.find((p) => p.key === `core-process/${id}`)!.correct).toBe(true);

    // Act: version 2 changes the stem and the key.
    const v2 = { ...garage("车库进水，接到电话后第一步做什么？"), correct: ["b"] };
    expect((await saveDraft(id, v2, at)).ok).toBe(true);
    expect(await publishDraft(id, author, at)).toMatchObject({ ok: true, version: { version: 2 } });

    // Assert: the earlier attempt still shows (and was graded on) version 1; a new attempt draws version 2.
    const graded = (await gradedQuestions(submitted.attempt, "zh-CN")).find((q) => q.key === `core-process/${id}`)!;
    expect(graded.stemHtml).toContain("地下车库进水时");
    expect(graded.correctAnswer).toEqual(["通知工程部并提醒挪车"]);
    expect(graded.sectionLink).toEqual({ href: "/learn/core-process#emergency-plans", title: expect.any(String) });
    const again = await startQuiz(userId, "core-process", new Date(at.getTime() + 60_000), lastFirst);
    if (!again.ok) throw new Error("start again");
    expect(again.attempt.questions.find((q) => q.id === id)!.version).toBe(2);
    const shown = (await questionsForTaking(again.attempt, "zh-CN")).find((q) => q.key === `core-process/${id}`)!;
    expect(shown.stemHtml).toContain("车库进水，接到电话后第一步");
    expect(JSON.stringify(shown)).not.toMatch(/correct|explanation|先止损/);
  });

  it("once retired are drawn no more, and can no longer be changed", async () => {
    const id = await published();
    expect(await retireQuestion(id, at)).toBe(true);
    expect(await drawableOrgQuestions(["core-process"])).toEqual([]);
    expect(await saveDraft(id, garage(), at)).toEqual({ ok: false, error: "retired" });
    expect(await rollBack(id, 1, author, at)).toEqual({ ok: false, error: "retired" });
    expect((await getOrgQuestion("core-process", id))!.versions).toHaveLength(1);
  });

  it("roll back by publishing an earlier version's text as the next version", async () => {
    const id = await published();
    await saveDraft(id, garage("车库进水，第一步做什么？"), at);
    await publishDraft(id, author, at);
    const result = await rollBack(id, 1, author, at);
    expect(result).toMatchObject({ ok: true, version: { version: 3, rolledBackFrom: 1 } });
    expect((await drawableOrgQuestions(["core-process"]))[0].question.stem).toBe(garage().zh.stem);
    expect(await rollBack(id, 9, author, at)).toEqual({ ok: false, error: "no-version" });
  });

  it("copied from the built-in bank leave the bank as it was, and must be rewritten before they are published", async () => {
    const before = structuredClone(getBanks("zh-CN")["core-process"].questions[0]);
    const copy = await copyBuiltInQuestion("core-process", before.id, author, at);
    expect(copy!.draft!.zh.stem).toBe(before.stem);
    expect(getBanks("zh-CN")["core-process"].questions[0]).toEqual(before);
    const refused = await publishDraft(copy!.id, author, at);
    expect(refused).toMatchObject({ ok: false, problems: [{ field: "zh.stem", code: "duplicateQuestion", detail: before.id }] });
    expect(await copyBuiltInQuestion("core-process", "cp-99", author, at)).toBeNull();
  });

  it("are found only in their own module", async () => {
    const id = await published();
    expect(await getOrgQuestion("core-process", id)).not.toBeNull();
    expect(await getOrgQuestion("service-overview", id)).toBeNull();
    expect(await getOrgQuestion("core-process", "../users")).toBeNull();
  });

  it("keep every version when two authors publish one question at once", async () => {
    // Arrange: version 1, and a draft of version 2.
    const id = await published();
    const other = await user("trainer02", "陈静", "trainer");
    expect((await saveDraft(id, garage("车库进水，接到电话后第一步做什么？"), at)).ok).toBe(true);
    // Act: one publishes the draft while the other rolls back to version 1, and a third rolls back too.
    const results = await Promise.all([publishDraft(id, author, at), rollBack(id, 1, other, at), rollBack(id, 1, author, at)]);
    // Assert: three new versions, numbered one after the other, none lost.
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const numbers = results.map((r) => (r.ok ? r.version.version : 0));
    expect(numbers.sort()).toEqual([2, 3, 4]);
    const versions = (await getOrgQuestion("core-process", id))!.versions;
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(
      versions
        .filter((v) => v.rolledBackFrom === 1)
        .map((v) => v.byName)
        .sort(),
    ).toEqual(["王建国", "陈静"].sort());
  });

  it("refuse the second of two questions with the same stem written at once", async () => {
    const results = await Promise.all([createOrgQuestion("core-process", garage(), author, at), createOrgQuestion("core-process", garage(), author, at)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, problems: [{ field: "zh.stem", code: "duplicateQuestion", detail: expect.stringMatching(/^org-/) }] },
    ]);
    expect(await listOrgQuestions("core-process")).toHaveLength(1);
  });

  it.runIf(store === "postgres")("keep a published version as it was: the database refuses to change one", async () => {
    const id = await published();
    await expect(query("UPDATE org_question_versions SET content = '{}' WHERE question_id = $1", [id])).rejects.toThrow(/a published version is never changed/);
    expect((await getOrgQuestion("core-process", id))!.versions[0].content).toEqual(garage());
  });
});
