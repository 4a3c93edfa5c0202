import path from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import type { ScenarioScript } from "~/roleplay/script";
import { query } from "~/store/postgres/pool.server";
import { finishRudely, finishWell, testTrainer as trainer, useAttemptStore } from "../../tests/support/roleplay-attempts";
import { attemptsStore } from "./attempts-store.server";
import { gatherEvidence } from "./certificates.server";
import { labelledExamples, markFindingWrong, withdrawFindingMark } from "./corrections.server";
import { addComment, adjustScore, deleteComment, editComment, listTeamAttempts, markReviewed, recentCoaching, reviewQueue } from "./review.server";
import {
  abandonAttempt,
  allAttempts,
  assessmentAllowanceFor,
  findAttemptOwner,
  getActiveAttempt,
  getAttempt,
  newAttemptId,
  playTurn,
  startAttempt,
} from "./roleplay.server";
import { listScenariosFor, scenarioHistory } from "./roleplay-views.server";
import type { TurnEvent } from "./store-backends";
import { createUser, type User } from "./users.server";

const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));
const draftScript: ScenarioScript = { ...script, id: "draft-org-abcdefghij", version: 3 };
const day = (d: number, hour = 9) => new Date(Date.UTC(2026, 10, d, hour));
const GOOD = "刘女士您好，真是抱歉，同一个问题让您报了三次，换谁都会生气。我跟您确认一下：是3栋1202卫生间天花板又漏水了，对吗？";
const colleague: User = { ...trainer, id: "trainer002", displayName: "周敏" };
const T = "trainee0701";

/**
 * One trainee's calls and everything trainers do with them, then everything the app reads of them, with the ids
 * (random on each store) replaced by names: what a store keeps must read back the same on both.
 */
async function story(): Promise<unknown> {
  const created = await createUser({
    username: `same${process.env.STORE}`,
    displayName: "学员同",
    password: "password123",
    role: "trainee",
    teamId: "team000001",
  });
  if (!created.ok) throw new Error("setup");
  const id = created.user.id;
  const practice = await finishRudely(id, script, "practice", day(10));
  const assessment = await finishWell(id, script, "assessment", day(11));
  const given = await startAttempt(id, script, "assessment", day(12));
  await playTurn(id, given.id, 1, { kind: "reply", text: GOOD }, script, day(12));
  await abandonAttempt(id, given.id, day(12, 10));
  const active = await startAttempt(id, script, "practice", day(13));
  await playTurn(id, active.id, 1, { kind: "reply", text: GOOD }, script, day(13));
  // An author's try of a draft: on no record, list or certificate.
  const draft = await startAttempt(id, draftScript, "practice", day(13, 10), true);

  await addComment(id, practice, 1, "先道歉。", trainer, day(14));
  await addComment(id, practice, 2, "写错了", trainer, day(14, 10));
  const [first, second] = (await getAttempt(id, practice))!.comments;
  await editComment(id, practice, first.id, "先道歉，再复述。", trainer, day(15));
  await editComment(id, practice, first.id, "先道歉，再复述楼号。", trainer, day(15, 10));
  await deleteComment(id, practice, second.id, trainer, day(15, 11));
  await adjustScore(id, assessment, "empathy", 60, "复核录音", trainer, day(16));
  await markReviewed(id, given.id, trainer, day(16, 10));
  const index = (await getAttempt(id, practice))!.turns[0].findings.findIndex((f) => f.kind === "issue");
  const kept = await markFindingWrong(id, practice, 1, index, "业主确实在骂人", trainer, day(17));
  const withdrawn = await markFindingWrong(id, practice, 1, index, "我也觉得", colleague, day(17, 10));
  if (!withdrawn.ok || !kept.ok) throw new Error("setup");
  await withdrawFindingMark(id, practice, withdrawn.disputeId, colleague, day(17, 11));

  const attempts = await Promise.all([practice, assessment, given.id, active.id, draft.id].map((a) => getAttempt(id, a)));
  const read = {
    all: await allAttempts(id),
    attempts,
    owners: await Promise.all([practice, draft.id].map(findAttemptOwner)),
    active: await getActiveAttempt(id, script.id, "practice"),
    draftActive: await getActiveAttempt(id, draftScript.id, "practice"),
    allowance: await assessmentAllowanceFor(id, script.id, day(18)),
    history: await scenarioHistory(id, script.id),
    draftHistory: await scenarioHistory(id, draftScript.id),
    scenarios: await listScenariosFor(id, "zh-CN", [draftScript]),
    coaching: await recentCoaching(id, 10),
    listed: await listTeamAttempts(["team000001"]),
    queue: await reviewQueue(["team000001"]),
    examples: await labelledExamples(["team000001"]),
    evidence: (await gatherEvidence(id)).assessments,
  };
  const ids: Record<string, string> = { practice, assessment, given: given.id, active: active.id, draft: draft.id };
  for (const [i, c] of attempts.flatMap((a) => a?.comments ?? []).entries()) ids[`comment${i}`] = c.id;
  ids.kept = kept.disputeId;
  ids.withdrawn = withdrawn.disputeId;
  ids.TRAINEE = id; // last: it begins every attempt id
  let text = JSON.stringify(read);
  for (const [name, value] of Object.entries(ids)) text = text.replaceAll(value, `<${name}>`);
  return JSON.parse(text);
}

describe("the same calls on both stores", () => {
  useAttemptStore("postgres", { trainers: [colleague.id] });

  it("read back the same: lists, transcripts, reports, coaching, the review list, examples and evidence; drafts on none of them", async () => {
    process.env.STORE = "lowdb";
    const lowdb = (await story()) as Awaited<ReturnType<typeof story>> & Record<string, unknown>;
    process.env.STORE = "postgres";
    const postgres = await story();
    expect(postgres).toEqual(lowdb);
    // What the story is meant to show, so that the comparison compares something.
    expect(lowdb).toMatchObject({
      all: [{ id: "<active>" }, { id: "<practice>" }, { id: "<assessment>" }, { id: "<given>" }],
      owners: [{ userId: "<TRAINEE>" }, { userId: "<TRAINEE>", scenarioId: draftScript.id }],
      draftActive: { id: "<draft>", draft: true },
      draftHistory: [],
      coaching: [{ kind: "adjustment" }, { kind: "comment", text: "先道歉，再复述楼号。", editedAt: day(15, 10).toISOString() }],
      examples: [
        { kind: "finding", reason: "业主确实在骂人" },
        { kind: "score", reason: "复核录音" },
      ],
      evidence: [{ attemptId: "<assessment>" }],
    });
    const [practice] = lowdb.attempts as Array<{ comments: unknown[]; disputes: unknown[] }>;
    expect(practice.comments).toHaveLength(1);
    expect(practice.disputes).toHaveLength(1);
  });
});

/** Runs `work` as another app server would: its own pool of connections to the same database. */
async function onServer<T>(name: string, work: () => Promise<T>): Promise<T> {
  const saved = process.env.DATABASE_URL!;
  const url = new URL(saved);
  url.searchParams.set("application_name", name);
  process.env.DATABASE_URL = url.toString();
  try {
    return await work();
  } finally {
    process.env.DATABASE_URL = saved;
  }
}

const turnRows = async (attemptId: string) =>
  (await query<{ n: number; reply: string }>("SELECT n, reply FROM roleplay_turns WHERE attempt_id = $1 ORDER BY n", [attemptId])).rows;

describe("several servers on one PostgreSQL", () => {
  useAttemptStore("postgres", { trainees: [T], trainers: [colleague.id] });

  it("record a turn posted to each of them at once exactly once, and answer the other posts as a repeated post", async () => {
    const a = await startAttempt(T, script, "practice", day(10));
    const posts = await Promise.all(Array.from({ length: 6 }, () => playTurn(T, a.id, 1, { kind: "reply", text: GOOD }, script, day(10))));
    const recorded = posts.filter((p) => p.ok && !p.duplicate);
    expect(recorded).toHaveLength(1);
    expect(posts.filter((p) => p.ok && p.duplicate)).toHaveLength(5);
    expect(await turnRows(a.id)).toEqual([{ n: 1, reply: GOOD }]);
    // The attempt's row moved on once, with the turn.
    const stored = (await getAttempt(T, a.id))!;
    expect(stored.turns).toHaveLength(1);
    expect(stored.state).toBe(recorded[0].ok && recorded[0].attempt.state);
    expect(await playTurn(T, a.id, 2, { kind: "reply", text: GOOD }, script, day(10))).toMatchObject({ ok: true, duplicate: false });

    // Two different answers to the same turn (two windows): one is the turn, the other is refused, not lost silently.
    const race = await Promise.all([GOOD, "喂，找谁？"].map((text) => playTurn(T, a.id, 3, { kind: "reply", text }, script, day(10))));
    expect(race.filter((p) => p.ok && !p.duplicate)).toHaveLength(1);
    expect(race.filter((p) => !p.ok)).toEqual([{ ok: false, error: "answered-elsewhere" }]);
    expect((await turnRows(a.id)).map((r) => r.n)).toEqual([1, 2, 3]);
  });

  it("answer a post whose turn another server recorded while it was being scored from the attempt as it is now", async () => {
    const a = await startAttempt(T, script, "practice", day(10));
    const seen: number[] = [];
    const done = await attemptsStore().playTurn(a.id, async (attempt) => {
      seen.push(attempt.turns.length);
      if (attempt.turns.length) return { refused: "found it recorded" };
      // Meanwhile another server takes turn 1 (its insert and the attempt's row, committed).
      expect(await playTurn(T, a.id, 1, { kind: "reply", text: GOOD }, script, day(10))).toMatchObject({ ok: true, duplicate: false });
      const record = { ...(await getAttempt(T, a.id))!.turns[0], text: "this server's reply" };
      const turn: TurnEvent = { t: "turn", at: day(10).toISOString(), record, snapshot: attempt.snapshot, state: "elsewhere", emotion: 0, minute: 0 };
      return { events: [turn], outcome: () => "recorded here" };
    });
    // The key refused this server's insert, nothing of it was written, and it decided again on the turn recorded.
    expect(done).toEqual({ result: "found it recorded" });
    expect(seen).toEqual([0, 1]);
    expect(await turnRows(a.id)).toEqual([{ n: 1, reply: GOOD }]);
    expect((await getAttempt(T, a.id))!.state).not.toBe("elsewhere");
    // The model's own answer to the same post now: as to a repeated post.
    expect(await playTurn(T, a.id, 1, { kind: "reply", text: GOOD }, script, day(10))).toMatchObject({ ok: true, duplicate: true });
  });

  it("record no turn on a call given up on another server while the turn was being scored", async () => {
    const a = await startAttempt(T, script, "practice", day(10));
    const outcome = await attemptsStore().playTurn(a.id, async (attempt) => {
      if (attempt.status !== "active") return { refused: attempt.status };
      expect(await abandonAttempt(T, a.id, day(10, 10))).toBe(true);
      const record = { n: 1, turn: "x", text: "late", scores: { listening: 1, empathy: 1, wording: 1 } } as unknown as TurnEvent["record"];
      return {
        events: [{ t: "turn", at: day(10).toISOString(), record, snapshot: attempt.snapshot, state: "x", emotion: 0, minute: 0 }],
        outcome: () => "recorded",
      };
    });
    expect(outcome).toEqual({ result: "abandoned" });
    expect(await turnRows(a.id)).toEqual([]);
    expect(await playTurn(T, a.id, 1, { kind: "reply", text: GOOD }, script, day(10))).toEqual({ ok: false, error: "finished" });
  });

  it("end a call once, and start one call when the start reaches two servers", async () => {
    const a = await startAttempt(T, script, "assessment", day(10));
    // The same start on another server (its own queue of starts, which this one's does not see): the call in progress.
    const again = await attemptsStore().start(T, { ...structuredClone(a), id: newAttemptId(T) });
    expect(again.id).toBe(a.id);
    expect(await allAttempts(T)).toHaveLength(1);
    expect(await Promise.all([abandonAttempt(T, a.id, day(10, 10)), abandonAttempt(T, a.id, day(10, 11))])).toEqual(expect.arrayContaining([true, false]));
    expect(await getAttempt(T, a.id)).toMatchObject({ status: "abandoned", updatedAt: expect.stringMatching(/T1[01]:00:00.000Z$/) });
    expect((await assessmentAllowanceFor(T, script.id, day(11))).used).toBe(1);
  });

  it("show a trainer's comment written on one server to the trainee on the other, and keep nothing of their own", async () => {
    const attemptId = await finishRudely(T, script, "practice", day(10));
    expect(await onServer("server-b", () => recentCoaching(T, 5))).toEqual([]);
    expect(await onServer("server-a", () => addComment(T, attemptId, 1, "先道歉，再复述。", trainer, day(11)))).toEqual({ ok: true });
    expect(await onServer("server-b", () => recentCoaching(T, 5))).toMatchObject([{ kind: "comment", text: "先道歉，再复述。", isNew: true }]);
    const [comment] = (await onServer("server-b", () => getAttempt(T, attemptId)))!.comments;
    await onServer("server-b", () => editComment(T, attemptId, comment.id, "先道歉，再复述楼号。", trainer, day(12)));
    expect((await onServer("server-a", () => getAttempt(T, attemptId)))!.comments).toMatchObject([
      { text: "先道歉，再复述楼号。", editedAt: day(12).toISOString() },
    ]);
  });

  it("decide trainers' changes of one call one after the other, whichever server takes them", async () => {
    const attemptId = await finishRudely(T, script, "practice", day(10));
    const marks = await Promise.all(Array.from({ length: 4 }, (_, i) => markFindingWrong(T, attemptId, 1, 0, `理由${i}`, trainer, day(11, i))));
    expect(marks.filter((m) => m.ok)).toHaveLength(1);
    expect(marks.filter((m) => !m.ok)).toEqual(Array(3).fill({ ok: false, error: "already-marked" }));
    const reviewed = await Promise.all([day(12), day(13)].map((at) => markReviewed(T, attemptId, colleague, at)));
    expect(reviewed).toEqual([{ ok: true }, { ok: true }]);
    // Already reviewed (the finding marked): no mark is added.
    expect((await getAttempt(T, attemptId))!.reviewMark).toBeUndefined();
    expect(await reviewQueue(["team000009"])).toEqual([]);
  });
});
