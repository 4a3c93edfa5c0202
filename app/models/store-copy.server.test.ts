import { spawnSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getCourseware } from "~/courseware/courseware.server";
import { MODULE_SLUGS } from "~/courseware/modules";
import { formatCode, verificationCode } from "~/certification/verification-code";
import { FINAL_EXAM } from "~/quiz/ids";
import { assignmentsFile, closeAllStoreFiles } from "~/store/db.server";
import { checkpointJournals } from "~/store/durable-writer.server";
import { query } from "~/store/postgres/pool.server";
import { withTempDataDir } from "../../tests/support/data-dir";
import { withTempSchema } from "../../tests/support/stores";
import {
  cancelAssignment,
  createAssignment,
  listAssignmentProgress,
  listCancelledAssignments,
  assignmentsForTrainee,
  remindAssignment,
} from "./assignments.server";
import { listCertificates, verifyCertificate, getCertificationStatus } from "./certificates.server";
import { labelledExamples, markFindingWrong, withdrawFindingMark } from "./corrections.server";
import { dashboard } from "./dashboard.server";
import { getProgress, listModulesWithStatus, listTeamProgress } from "./progress.server";
import { createOrgQuestion, listOrgQuestions, publishDraft as publishQuestion, saveDraft } from "./quiz-authoring.server";
import { quizAttemptsStore } from "./quiz-attempts-store.server";
import { getQuizAttempt, listQuizzesFor, startQuiz } from "./quizzes.server";
import {
  addComment,
  adjustScore,
  coachingNotes,
  deleteComment,
  editComment,
  listTeamAttempts,
  markCoachingRead,
  markReviewed,
  reviewQueue,
} from "./review.server";
import { allAttempts, assessmentAllowanceFor, assessmentGrantsFor, getAttempt, grantAssessmentAttempt, playTurn, startAttempt } from "./roleplay.server";
import {
  closeAuthoredScenarios,
  createFromTemplate,
  listAuthoredScenarios,
  openAuthoredScenarios,
  publishDraft,
  saveDraftText,
  editableText,
} from "./scenario-authoring.server";
import { DEMO_PASSWORD, seedDemoData } from "./seed.server";
import { createSession, findSession, isKnownAddress, listSessions, rememberAddress } from "./sessions.server";
import { copyLowdbToPostgres, CopyFailed, countsTable } from "./store-copy.server";
import { createTeam, listTeams } from "./teams.server";
import { traineeRecord } from "./trainee-record.server";
import { checkCredentials, createUser, listUsers, type User } from "./users.server";
import { getScenario } from "~/roleplay/scenario-files.server";

const now = new Date();
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

const garage = {
  type: "single" as const,
  section: "emergency-plans",
  correct: ["a"],
  zh: {
    stem: "地下车库进水时，客服接到电话后先做什么？",
    options: ["通知工程部并提醒挪车", "请业主自己报警处理", "告诉业主不归物业管"],
    explanation: "先止损：派人到场，提醒业主挪车。",
  },
  en: null,
};

const byName = async (username: string): Promise<User> => (await listUsers()).find((u) => u.username === username)!;

/**
 * A demo site on lowdb with every kind of record: the demo seed (role-plays, quizzes, comments, assignments, a
 * certificate) and what trainers, supervisors and trainees do after it. Returns a session token to sign in with.
 */
async function seedSite(): Promise<{ token: string; traineeId: string }> {
  expect(await seedDemoData()).toBe(true);
  const trainer = await byName("trainer");
  const supervisor = await byName("supervisor");
  const [trainee, zhangming, zhoujie, zhaolei, wujing] = await Promise.all(["trainee", "zhangming", "zhoujie", "zhaolei", "wujing"].map(byName));
  const teams = await listTeams();

  // Authored scenarios: one published for a team and drafted on since, one for everyone, one never published.
  await openAuthoredScenarios();
  const forTeam = await createFromTemplate(trainer, ago(300));
  expect(await publishDraft(forTeam.id, [trainee.teamId], trainer, ago(299))).toEqual({ ok: true, version: 1 });
  const row = (await listAuthoredScenarios()).find((s) => s.id === forTeam.id)!;
  expect(await saveDraftText(forTeam.id, editableText(row).replace(/\n/, "\n# 再改一改\n"), trainer, ago(298))).toMatchObject({ ok: true });
  const forEveryone = await createFromTemplate(supervisor, ago(297));
  expect(await publishDraft(forEveryone.id, "everyone", supervisor, ago(296))).toEqual({ ok: true, version: 1 });
  await createFromTemplate(trainer, ago(295));

  // An organisation question, published, with a draft after it; another never published.
  const question = await createOrgQuestion("core-process", garage, trainer, ago(290));
  if (!question.ok) throw new Error("question");
  expect(await publishQuestion(question.question.id, trainer, ago(289))).toMatchObject({ ok: true });
  expect(await saveDraft(question.question.id, { ...garage, zh: { ...garage.zh, explanation: "先止损。" } }, ago(288))).toMatchObject({ ok: true });
  const unpublished = await createOrgQuestion("core-process", { ...garage, zh: { ...garage.zh, stem: "业主报修电梯异响，客服先做什么？" } }, trainer, ago(287));
  expect(unpublished).toMatchObject({ ok: true });

  // Trainers' work on the calls: a comment edited twice, one taken back, a score change, a review mark, a finding
  // marked wrong, and one marked and withdrawn.
  const weak = (await allAttempts(zhangming.id)).find((a) => a.comments.length)!;
  const [comment] = weak.comments;
  await editComment(zhangming.id, weak.id, comment.id, "先道歉，再复述。", trainer, ago(200));
  await editComment(zhangming.id, weak.id, comment.id, "先道歉，再复述楼号。", trainer, ago(199));
  await addComment(zhangming.id, weak.id, 2, "写错了", trainer, ago(198));
  const second = (await getAttempt(zhangming.id, weak.id))!.comments.find((c) => c.text === "写错了")!;
  expect(await deleteComment(zhangming.id, weak.id, second.id, trainer, ago(197))).toEqual({ ok: true });
  const assessed = (await allAttempts(zhoujie.id)).find((a) => a.mode === "assessment")!;
  expect(await adjustScore(zhoujie.id, assessed.id, "empathy", 70, "复核录音", trainer, ago(196))).toMatchObject({ ok: true });
  const fee = (await allAttempts(zhaolei.id))[0];
  expect(await markReviewed(zhaolei.id, fee.id, trainer, ago(195))).toEqual({ ok: true });
  const turn = (await getAttempt(zhangming.id, weak.id))!.turns[0];
  const finding = turn.findings.findIndex((f) => f.kind === "issue");
  expect(await markFindingWrong(zhangming.id, weak.id, turn.n, finding, "业主确实在骂人", trainer, ago(194))).toMatchObject({ ok: true });
  const withdrawn = await markFindingWrong(zhangming.id, weak.id, turn.n, finding, "我也觉得", supervisor, ago(193));
  if (!withdrawn.ok) throw new Error("mark");
  expect(await withdrawFindingMark(zhangming.id, weak.id, withdrawn.disputeId, supervisor, ago(192))).toMatchObject({ ok: true });
  await markCoachingRead(zhangming.id, ago(191));

  // An extra assessment granted (the limit set to one attempt for it), a call in progress, a quiz not handed in.
  process.env.ASSESSMENT_ATTEMPTS = "1";
  try {
    expect(await grantAssessmentAttempt(zhoujie.id, "lift-entrapment", trainer, ago(190))).toEqual({ ok: true });
  } finally {
    delete process.env.ASSESSMENT_ATTEMPTS;
  }
  const script = getScenario("angry-owner")!;
  const active = await startAttempt(wujing.id, script, "practice", ago(100));
  expect(await playTurn(wujing.id, active.id, 1, { kind: "reply", text: "您好，我马上帮您处理。" }, script, ago(99))).toMatchObject({ ok: true });
  expect(await startQuiz(wujing.id, "service-overview", ago(98))).toMatchObject({ ok: true });

  // Assignments: one reminded, one cancelled.
  const work = await createAssignment(
    { kind: "scenario", target: forEveryone.id, mode: "practice", audience: { type: "team", teamId: teams[0].id }, dueAt: now.toISOString(), note: "" },
    trainer,
    ago(90),
  );
  if (!work.ok) throw new Error("assignment");
  expect(await remindAssignment(work.assignment.id, ago(89))).toBe(true);
  const cancelled = await createAssignment(
    { kind: "module", target: "core-process", mode: null, audience: { type: "trainee", userId: wujing.id }, dueAt: now.toISOString(), note: "读完" },
    trainer,
    ago(88),
  );
  if (!cancelled.ok) throw new Error("assignment");
  expect(await cancelAssignment(cancelled.assignment.id, ago(87))).toBe(true);

  // A trainee signed in (a live session, a known address) and a session that ended long ago.
  const { token } = await createSession(trainee.id, { device: "WeChat · Android", address: "10.0.0.5" }, ago(10));
  // (Made after the live one: a new session drops those that ended before it.)
  await createSession(trainee.id, { device: "Chrome · Windows", address: "10.0.0.9" }, new Date(now.getTime() - 30 * 86_400_000));
  await rememberAddress(trainee.id, "10.0.0.5", ago(10));
  return { token, traineeId: trainee.id };
}

/** Everything the app reads of the site, through the models, as the store STORE names gives it. */
async function readSite() {
  await openAuthoredScenarios();
  const users = await listUsers();
  const teams = await listTeams();
  const teamIds = teams.map((t) => t.id);
  const modules = getCourseware("zh-CN");
  const people = [];
  for (const user of users) {
    const attempts = await allAttempts(user.id);
    const quizzes = [];
    for (const quiz of [...MODULE_SLUGS, FINAL_EXAM])
      for (const attempt of await quizAttemptsStore().ofQuiz(user.id, quiz)) quizzes.push({ listed: attempt, read: await getQuizAttempt(user.id, attempt.id) });
    const certificates = await listCertificates(user.id);
    people.push({
      user,
      progress: await getProgress(user.id),
      modules: await listModulesWithStatus(user.id, "zh-CN"),
      quizzes,
      quizList: await listQuizzesFor(user.id, now),
      attempts,
      whole: await Promise.all(attempts.map((a) => getAttempt(user.id, a.id))),
      coaching: await coachingNotes(user.id),
      grants: await Promise.all(["angry-owner", "lift-entrapment"].map((s) => assessmentGrantsFor(user.id, s))),
      allowance: await Promise.all(["angry-owner", "lift-entrapment"].map((s) => assessmentAllowanceFor(user.id, s, now))),
      certificates,
      verified: await Promise.all(certificates.flatMap((c) => [verifyCertificate(c.id, now), verifyCertificate(formatCode(verificationCode(c.id)), now)])),
      certification: await getCertificationStatus(user.id, now),
      sessions: await listSessions(user.id, now),
      knownAddress: await isKnownAddress(user.id, "10.0.0.5"),
      assignments: user.role === "trainee" ? await assignmentsForTrainee(user, now) : null,
      record: user.role === "trainee" ? await traineeRecord(user, "zh-CN", now) : null,
    });
  }
  return {
    teams,
    people,
    assignments: await listAssignmentProgress(teamIds, now),
    cancelled: await listCancelledAssignments(teamIds),
    review: { listed: await listTeamAttempts(teamIds), queue: await reviewQueue(teamIds), examples: await labelledExamples(teamIds) },
    questions: await Promise.all(MODULE_SLUGS.map((m) => listOrgQuestions(m))),
    scenarios: await listAuthoredScenarios(),
    teamProgress: await listTeamProgress(teamIds, modules),
    dashboard: await dashboard(teamIds, now, "zh-CN"),
  };
}

/** Every table of the store but the migrations' own, with its number of rows. */
async function rowsPerTable(): Promise<Record<string, number>> {
  const { rows } = await query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'pgmigrations'");
  const counts: Record<string, number> = {};
  for (const { name } of rows) counts[name] = Number((await query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`)).rows[0].n);
  return counts;
}

const empty = (counts: Record<string, number>) => Object.values(counts).every((n) => n === 0);

/** The models on lowdb: the site to copy is made (and read) in DATA_DIR. */
function useLowdb() {
  process.env.STORE = "lowdb";
}

describe("store:copy from lowdb to PostgreSQL", () => {
  const data = withTempDataDir();
  const database = withTempSchema();
  afterAll(async () => {
    process.env.STORE = "postgres";
    await closeAuthoredScenarios();
  });

  it("copies a whole site: every model reads back on PostgreSQL what it reads on lowdb, and every count is the same", async () => {
    useLowdb();
    const { token, traineeId } = await seedSite();
    const onLowdb = await readSite();

    const outcome = await copyLowdbToPostgres({ now });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    expect(outcome.counts.every((c) => c.lowdb === c.postgres)).toBe(true);
    // What the story is meant to hold, so that the comparison compares something.
    const count = Object.fromEntries(outcome.counts.map((c) => [c.kind.trim(), c.lowdb]));
    expect(count).toMatchObject({ "sessions (live)": 1, "comments taken back": 1, "finding marks withdrawn": 1, "score changes": 1, "review marks": 1 });
    for (const kind of [
      "certificates",
      "assessment grants",
      "organisation questions",
      "organisation scenarios",
      "quiz attempts",
      "assignments",
      "their earlier texts",
    ])
      expect(count[kind], kind).toBeGreaterThan(0);
    expect(outcome.notes).toMatchObject({ liveSessions: 1, endedSessions: 1, secretExists: false, unknownUserFiles: [] });

    process.env.STORE = "postgres";
    const onPostgres = await readSite();
    expect(onPostgres).toEqual(onLowdb);
    expect(onLowdb.people.find((p) => p.user.username === "liufang")!.certificates).toHaveLength(1);
    expect(onLowdb.scenarios.map((s) => s.versions.length).sort()).toEqual([0, 1, 1]);

    // The people can sign in as before, and the session goes on (with the same cookie secret).
    expect(await checkCredentials("trainee", DEMO_PASSWORD)).toMatchObject({ ok: true });
    expect(await findSession(traineeId, token, now)).toMatchObject({ device: "WeChat · Android" });
    // What lowdb keeps only in its logs is kept here too: the comment taken back and the mark withdrawn, with when.
    const { rows } = await query<{ deleted: number; withdrawn: number }>(
      `SELECT (SELECT count(*) FROM trainer_comments WHERE deleted_at IS NOT NULL)::int AS deleted,
              (SELECT count(*) FROM finding_disputes WHERE withdrawn_at IS NOT NULL)::int AS withdrawn`,
    );
    expect(rows[0]).toEqual({ deleted: 1, withdrawn: 1 });
  }, 120_000);

  it("refuses a database that already holds a user, and leaves it as it was", async () => {
    useLowdb();
    const team = await createTeam("阳光花园");
    if (!team.ok) throw new Error("team");
    await createUser({ username: "lowdb01", displayName: "低", password: "password123", role: "trainee", teamId: team.team.id });
    process.env.STORE = "postgres";
    const there = await createTeam("翠湖苑");
    if (!there.ok) throw new Error("team");
    await createUser({ username: "already", displayName: "早", password: "password123", role: "trainer", teamId: there.team.id });
    const before = await rowsPerTable();

    expect(await copyLowdbToPostgres()).toMatchObject({ ok: false, error: "not-empty", users: 1, teams: 1 });
    expect(await rowsPerTable()).toEqual(before);
    expect((await listUsers()).map((u) => u.username)).toEqual(["already"]);
  });

  it("leaves the database empty when a record cannot be written midway, and names it", async () => {
    useLowdb();
    await seedSmall();
    // An assignment by someone who is no account (lowdb never checked): the foreign key refuses it, late in the copy.
    const file = await assignmentsFile();
    const [given] = file.data.assignments;
    await file.update((d) => void d.assignments.push({ ...given, id: "bogus-assignment", createdById: "nobody000", cancelledAt: now.toISOString() }));

    const failed = await copyLowdbToPostgres().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(CopyFailed);
    expect((failed as Error).message).toMatch(/^assignment bogus-assignment: .*foreign key/);
    expect(empty(await rowsPerTable())).toBe(true);
  });

  it("keeps nothing when a count differs: files of a user users.json does not know cannot be copied", async () => {
    useLowdb();
    await seedSmall();
    await mkdir(path.join(data.dir(), "quizzes"), { recursive: true });
    await writeFile(path.join(data.dir(), "quizzes", "stranger0001.json"), JSON.stringify({ schemaVersion: 1, userId: "stranger0001", quizAttempts: [] }));

    const outcome = await copyLowdbToPostgres();
    if (outcome.ok || outcome.error !== "counts-differ") throw new Error(JSON.stringify(outcome));
    expect(outcome.notes.unknownUserFiles).toEqual(["quizzes/stranger0001.json"]);
    expect(outcome.counts.filter((c) => c.lowdb !== c.postgres)).toEqual([{ kind: "files of unknown users", lowdb: 1, postgres: 0 }]);
    expect(countsTable(outcome.counts)).toMatch(/^files of unknown users\s+\|\s+1 \|\s+0 {3}<- differs$/m);
    expect(empty(await rowsPerTable())).toBe(true);
  });

  describe("the command", () => {
    const run = (args: string[], env: Record<string, string> = {}) => {
      const { STORE: _store, DATABASE_URL: _url, DATA_DIR: _dir, ...rest } = process.env;
      const done = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--tsconfig", "tsconfig.json", "scripts/store-copy.ts", ...args], {
        env: { ...rest, ...env },
        encoding: "utf8",
        timeout: 60_000,
      });
      return { status: done.status, out: done.stdout, err: done.stderr };
    };

    it("answers anything but --from lowdb --to postgres with its usage (exit 2)", () => {
      for (const args of [[], ["--from", "postgres", "--to", "lowdb"], ["--from", "lowdb", "--to", "postgres", "--force"]]) {
        const { status, err } = run(args);
        expect(status, args.join(" ")).toBe(2);
        expect(err).toContain("usage: npm run store:copy -- --from lowdb --to postgres");
      }
    });

    it("copies, prints the table and what keeps people signed in (never the secret, nor the password), and refuses a second time", async () => {
      useLowdb();
      await seedSmall();
      const secret = "s".repeat(16) + "e".repeat(16) + "cret";
      await writeFile(path.join(data.dir(), "session-secret"), secret, { mode: 0o600 });
      await checkpointJournals();
      closeAllStoreFiles();
      const url = new URL(database.url());
      url.password = "hunter2-password";
      const env = { DATA_DIR: data.dir(), DATABASE_URL: url.toString() };

      // A server still running on the directory (its lock held by a live process): refused, nothing read.
      const lock = path.join(data.dir(), ".lock");
      await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: now.toISOString() }));
      const running = run(["--from", "lowdb", "--to", "postgres"], env);
      expect(running.status).toBe(1);
      expect(running.err).toMatch(/^Nothing copied: .*is in use by another server process/);
      await rm(lock);

      const first = run(["--from", "lowdb", "--to", "postgres"], env);
      expect(first.status, first.err).toBe(0);
      expect(first.out).toMatch(/^kind +\| +lowdb \| postgres$/m);
      expect(first.out).toMatch(/^users +\| +2 \| +2$/m);
      expect(first.out).toMatch(/^sessions \(live\) +\| +1 \| +1$/m);
      expect(first.out).toContain("Not copied: the sign-in throttle's counters");
      expect(first.out).toContain(
        `set SESSION_SECRET on every server to the secret the site signs its cookies with: the value in ${path.join(data.dir(), "session-secret")} (it exists; not shown here)`,
      );
      expect(first.out).toContain("postgres://postgres:***@");
      for (const text of [first.out, first.err]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain("hunter2-password");
      }
      process.env.STORE = "postgres";
      expect((await listUsers()).map((u) => u.username).sort()).toEqual(["lowdb01", "trainer01"]);

      const second = run(["--from", "lowdb", "--to", "postgres"], env);
      expect(second.status).toBe(1);
      expect(second.err).toContain("Nothing copied: the database already holds 2 users and 1 teams.");
      expect(await readFile(path.join(data.dir(), "session-secret"), "utf8")).toBe(secret);
    }, 60_000);
  });
});

/** A small lowdb site: a team, a trainee (signed in) and a trainer, an assignment. */
async function seedSmall(): Promise<{ traineeId: string }> {
  const team = await createTeam("阳光花园");
  if (!team.ok) throw new Error("team");
  const trainee = await createUser({ username: "lowdb01", displayName: "低", password: "password123", role: "trainee", teamId: team.team.id });
  const trainer = await createUser({ username: "trainer01", displayName: "王", password: "password123", role: "trainer", teamId: team.team.id });
  if (!trainee.ok || !trainer.ok) throw new Error("users");
  await createSession(trainee.user.id, { device: "Chrome", address: "10.0.0.1" }, ago(5));
  await createAssignment(
    { kind: "module", target: "core-process", mode: null, audience: { type: "trainee", userId: trainee.user.id }, dueAt: now.toISOString(), note: "" },
    trainer.user,
    ago(4),
  );
  return { traineeId: trainee.user.id };
}
