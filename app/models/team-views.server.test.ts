import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getCourseware } from "~/courseware/courseware.server";
import { getBanks } from "~/quiz/banks.server";
import { seededRandom } from "~/quiz/draw";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import type { QuizAnswer } from "~/store/schema";
import { finishRudely, finishWell, testTrainer as trainer, useAttemptStore } from "../../tests/support/roleplay-attempts";
import { createAssignment, listAssignmentProgress } from "./assignments.server";
import { listCertificates } from "./certificates.server";
import { disagreements, labelledExamples, markFindingWrong } from "./corrections.server";
import { dashboard } from "./dashboard.server";
import { completeModule, listTeamProgress, markSectionRead } from "./progress.server";
import { startQuiz, submitQuiz } from "./quizzes.server";
import { addComment, adjustScore, listTeamAttempts, markReviewed, reviewQueue, reviewQueuePlace } from "./review.server";
import { abandonAttempt, getAttempt, startAttempt } from "./roleplay.server";
import { createTeam } from "./teams.server";
import { traineeRecord } from "./trainee-record.server";
import { createUser, getUserById, setUserActive } from "./users.server";

const scenario = (id: string) => readScenarioFile(path.resolve(`scenarios/${id}.yaml`));
const angry = scenario("angry-owner");
const day = (d: number, hour = 9) => new Date(Date.UTC(2026, 10, d, hour));

async function team(name: string): Promise<string> {
  const created = await createTeam(name);
  if (!created.ok) throw new Error("team");
  return created.team.id;
}

async function trainee(username: string, displayName: string, teamId: string): Promise<string> {
  const created = await createUser({ username, displayName, password: "password123", role: "trainee", teamId });
  if (!created.ok) throw new Error("trainee");
  // Users are listed oldest first: one created in the same millisecond as another would be listed by its random id.
  await new Promise((resolve) => setTimeout(resolve, 3));
  return created.user.id;
}

/** Reads every module to the end and completes it. */
async function readEverything(userId: string, at: Date) {
  for (const mod of getCourseware("zh-CN")) {
    for (const section of mod.sections) await markSectionRead(userId, mod.slug, section.id, at);
    await completeModule(userId, mod.slug, mod.sections, at);
  }
}

/** Takes the final exam and answers every question right. */
async function passFinal(userId: string, at: Date) {
  const started = await startQuiz(userId, "final", at, seededRandom(5));
  if (!started.ok) throw new Error("quiz");
  const banks = getBanks("zh-CN");
  const answers: Record<string, QuizAnswer> = {};
  for (const d of started.attempt.questions) {
    const q = banks[d.module as keyof typeof banks].questions.find((x) => x.id === d.id)!;
    const single = q.type === "single" || q.type === "truefalse" || q.type === "best-reply";
    answers[`${d.module}/${d.id}`] = single ? q.correct[0] : [...q.correct];
  }
  const submitted = await submitQuiz(userId, started.attempt.id, answers, at);
  if (!submitted.ok || !submitted.attempt.result?.passed) throw new Error("final not passed");
}

/**
 * Two teams' trainees with records of every kind, made through the models, then everything the team views show of
 * them, with the ids (random on each store) replaced by names: both stores must read the same.
 */
async function story(): Promise<unknown> {
  const [sun, lake] = [await team("阳光花园"), await team("翠湖")];
  const li = await trainee("desk01", "李晓雨", sun);
  const zhang = await trainee("desk02", "张明", sun);
  const wang = await trainee("desk03", "王芳", lake);
  const gone = await trainee("desk04", "赵离职", sun);

  // 李晓雨: every module, the final exam and the three assessments: certified; an author's draft try besides.
  await readEverything(li, day(1));
  await passFinal(li, day(2));
  const passes = [];
  for (const [d, id] of [
    [3, "angry-owner"],
    [4, "group-complaint"],
    [5, "lift-entrapment"],
  ] as const)
    passes.push(await finishWell(li, scenario(id), "assessment", day(d)));
  await startAttempt(li, { ...angry, id: "draft-org-abcdefghij", version: 2 }, "practice", day(6), true);
  // 张明: a practice call, a failed assessment coached and rescored, an assessment given up, a finding marked wrong.
  const practice = await finishRudely(zhang, angry, "practice", day(6));
  const failed = await finishRudely(zhang, angry, "assessment", day(7));
  const given = await startAttempt(zhang, angry, "assessment", day(8));
  await abandonAttempt(zhang, given.id, day(8, 10));
  await addComment(zhang, failed, 1, "先道歉，再复述。", trainer, day(9));
  await adjustScore(zhang, failed, "empathy", 75, "复核录音", trainer, day(9, 10));
  await markReviewed(zhang, given.id, trainer, day(9, 11));
  const index = (await getAttempt(zhang, practice))!.turns[0].findings.findIndex((f) => f.kind === "issue");
  const mark = await markFindingWrong(zhang, practice, 1, index, "业主确实在骂人", trainer, day(10));
  if (!mark.ok) throw new Error("mark");
  // 王芳 (the other team): one module read, a practice call done well.
  const mod = getCourseware("zh-CN")[0];
  for (const section of mod.sections) await markSectionRead(wang, mod.slug, section.id, day(3));
  await completeModule(wang, mod.slug, mod.sections, day(3));
  const wangCall = await finishWell(wang, angry, "practice", day(11));
  // 赵离职: a call, then deactivated.
  const goneCall = await finishRudely(gone, angry, "practice", day(12));
  await setUserActive(gone, false);
  // Work: the team's practice (张明 has done it; 李晓雨 not, and overdue), 王芳's module (done), and a task cancelled.
  const tasks = [
    await createAssignment(
      { kind: "scenario", target: "angry-owner", mode: "practice", audience: { type: "team", teamId: sun }, dueAt: day(15).toISOString(), note: "" },
      trainer,
      day(5),
    ),
    await createAssignment(
      { kind: "module", target: mod.slug, mode: null, audience: { type: "trainee", userId: wang }, dueAt: day(25).toISOString(), note: "" },
      trainer,
      day(5),
    ),
  ];

  const teams = [sun, lake];
  const queue = await reviewQueue(teams);
  const read = {
    dashboard: await dashboard(teams, day(20), "zh-CN"),
    dashboardEn: (await dashboard([sun], day(20), "en")).topIssues,
    lakeOnly: await dashboard([lake], day(20), "zh-CN"),
    listed: await listTeamAttempts(teams),
    filtered: await Promise.all([
      listTeamAttempts(teams, { reviewed: "no" }),
      listTeamAttempts(teams, { result: "failed" }),
      listTeamAttempts(teams, { result: "abandoned" }),
      listTeamAttempts(teams, { scenarioId: "angry-owner", mode: "assessment" }),
      listTeamAttempts(teams, { userId: zhang }),
      listTeamAttempts([lake], { userId: zhang }),
      listTeamAttempts(teams, { activeTraineesOnly: true }),
    ]),
    queue,
    place: await reviewQueuePlace(teams, queue[0]),
    assignments: await listAssignmentProgress(teams, day(20)),
    reading: await listTeamProgress(teams, getCourseware("zh-CN")),
    examples: await labelledExamples(teams),
    disagreements: (await disagreements(teams)).rules,
    record: await traineeRecord((await getUserById(zhang))!, "zh-CN", day(20)),
  };
  const ids: Record<string, string> = { sun, lake, practice, failed, given: given.id, wangCall, goneCall, dispute: mark.disputeId };
  for (const [i, id] of passes.entries()) ids[`pass${i}`] = id;
  for (const [i, t] of tasks.entries()) if (t.ok) ids[`task${i}`] = t.assignment.id;
  for (const [i, c] of (await listCertificates(li)).entries()) ids[`certificate${i}`] = c.id;
  for (const [i, c] of (await getAttempt(zhang, failed))!.comments.entries()) ids[`comment${i}`] = c.id;
  // Last: user ids begin every attempt id.
  Object.assign(ids, { li, zhang, wang, gone });
  let text = JSON.stringify(read);
  for (const [name, value] of Object.entries(ids)) text = text.replaceAll(value, `<${name}>`);
  return JSON.parse(text);
}

describe("the team views on both stores", () => {
  useAttemptStore("postgres");

  it("read the same: the dashboard, the list of calls and the queue, assignments' and reading progress, the corrections", async () => {
    process.env.STORE = "lowdb";
    const lowdb = (await story()) as Record<string, unknown>;
    process.env.STORE = "postgres";
    const postgres = await story();
    expect(postgres).toEqual(lowdb);
    // What the story is meant to show, so that the comparison compares something.
    expect(lowdb.dashboard).toMatchObject({
      // By team (翠湖 before 阳光花园), then name.
      rows: [
        { userId: "<wang>", team: "翠湖", done: 1, overdue: 0 },
        { userId: "<li>", state: "certified", certificateId: "<certificate0>", done: 15, overdue: 1 },
        { userId: "<zhang>", state: "in-progress", overdue: 0, assessments: { "angry-owner": { empathy: 75 } } },
      ],
      topIssues: expect.arrayContaining([expect.objectContaining({ count: expect.any(Number) })]),
    });
    expect((lowdb.dashboard as { topIssues: unknown[] }).topIssues.length).toBeGreaterThan(3);
    expect((lowdb.listed as Array<{ attemptId: string }>).map((a) => a.attemptId)).toEqual([
      "<goneCall>",
      "<wangCall>",
      "<given>",
      "<failed>",
      "<practice>",
      "<pass2>",
      "<pass1>",
      "<pass0>",
    ]);
    expect((lowdb.queue as Array<{ attemptId: string }>).map((a) => a.attemptId)).toEqual(["<pass0>", "<pass1>", "<pass2>", "<wangCall>"]);
    expect(lowdb.examples).toMatchObject([{ kind: "finding" }, { kind: "score" }]);
    expect(lowdb.assignments).toMatchObject([
      {
        trainees: [
          { userId: "<li>", state: "overdue" },
          { userId: "<zhang>", state: "done" },
        ],
      },
      { trainees: [{ userId: "<wang>", state: "done" }] },
    ]);
  });
});

describe("the team views on PostgreSQL", () => {
  useAttemptStore("postgres");
  afterEach(() => void vi.restoreAllMocks());

  /** How many statements `read` sends to the database. */
  async function statements(read: () => Promise<unknown>): Promise<number> {
    const sent = vi.spyOn(pg.Client.prototype, "query");
    try {
      await read();
      return sent.mock.calls.length;
    } finally {
      sent.mockRestore();
    }
  }

  /** Trainees `from`…`to - 1` of the team, each with a finished call, a module read, and for some a comment or a score change. */
  async function trainees(teamId: string, from: number, to: number): Promise<void> {
    const mod = getCourseware("zh-CN")[0];
    for (let i = from; i < to; i++) {
      const id = await trainee(`count${i}`, `学员${i}`, teamId);
      const call = await finishRudely(id, angry, i % 2 ? "assessment" : "practice", day(10, i % 24));
      for (const section of mod.sections) await markSectionRead(id, mod.slug, section.id, day(9));
      await completeModule(id, mod.slug, mod.sections, day(9));
      if (i % 3 === 0) await addComment(id, call, 1, "先道歉。", trainer, day(11));
      if (i % 5 === 0) await adjustScore(id, call, "wording", 70, "复核", trainer, day(11));
    }
  }

  it("answer the dashboard, the list of calls and the queue in as many statements for 50 trainees as for 5", { timeout: 120_000 }, async () => {
    const teamId = await team("阳光花园");
    await createAssignment(
      { kind: "scenario", target: "angry-owner", mode: "practice", audience: { type: "team", teamId }, dueAt: day(15).toISOString(), note: "" },
      trainer,
      day(5),
    );
    const reads = {
      dashboard: () => dashboard([teamId], day(20), "zh-CN"),
      list: () => listTeamAttempts([teamId]),
      queue: () => reviewQueue([teamId]),
      assignments: () => listAssignmentProgress([teamId], day(20)),
      reading: () => listTeamProgress([teamId], getCourseware("zh-CN")),
      examples: () => labelledExamples([teamId]),
    };
    const count = async () => {
      const counted: Record<string, number> = {};
      for (const [name, read] of Object.entries(reads)) counted[name] = await statements(read);
      return counted;
    };

    await trainees(teamId, 0, 5);
    const five = await count();
    await trainees(teamId, 5, 50);
    const fifty = await count();
    expect(fifty).toEqual(five);
    // A few statements each, not one or more per trainee.
    for (const n of Object.values(five)) expect(n).toBeLessThanOrEqual(8);
    expect((await dashboard([teamId], day(20), "zh-CN")).rows).toHaveLength(50);
    expect(await listTeamAttempts([teamId])).toHaveLength(50);
  });
});
