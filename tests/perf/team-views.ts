/**
 * `npx tsx --tsconfig tsconfig.json tests/perf/team-views.ts`: how long the supervisor's dashboard and the
 * trainer's list of calls take on PostgreSQL with 20,000 trainees who each have a history. Not a test: it prints
 * figures.
 *
 * The first run fills a schema of the test database (TEST_DATABASE_URL, else the development machines'), named
 * PERF_SCHEMA (default perf_team_views), and keeps it: later runs measure only (PERF_REFILL=1 fills it again).
 * Filling: 100 teams, one trainee whose history is made through the models (the six modules read, the six quizzes
 * passed, the three required assessments passed and so certified, practice calls, a failed and a given-up
 * assessment, a trainer's comments, a score change, a review mark, a finding marked wrong, a task), then copied in
 * SQL PERF_TRAINEES times (default 20,000), 200 to a team, with every id renamed: about 3 GB and 2 minutes here.
 * Drop it afterwards: DROP SCHEMA perf_team_views CASCADE.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { getCourseware } from "~/courseware/courseware.server";
import { createAssignment } from "~/models/assignments.server";
import { markFindingWrong } from "~/models/corrections.server";
import { dashboard } from "~/models/dashboard.server";
import { completeModule, markSectionRead } from "~/models/progress.server";
import { addComment, adjustScore, listTeamAttempts, markReviewed } from "~/models/review.server";
import { abandonAttempt, getAttempt, playTurn, startAttempt } from "~/models/roleplay.server";
import { createTeam, listTeams } from "~/models/teams.server";
import { createUser } from "~/models/users.server";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import type { ScenarioScript } from "~/roleplay/script";
import { closePool, query } from "~/store/postgres/pool.server";
import { migrate } from "~/store/postgres/migrate.server";
import { MODULE_SLUGS } from "~/courseware/modules";
import { admin, TEST_DATABASE_URL, urlForSchema } from "../support/test-database";

const SCHEMA = process.env.PERF_SCHEMA ?? "perf_team_views";
const TRAINEES = Number(process.env.PERF_TRAINEES ?? 20_000);
const TEAMS = 100;
const RUNS = Number(process.env.PERF_RUNS ?? 3);

const day = (d: number, hour = 9) => new Date(Date.UTC(2026, 10, d, hour));
const scenario = (id: string) => readScenarioFile(path.resolve(`scenarios/${id}.yaml`));

async function play(userId: string, script: ScenarioScript, mode: "practice" | "assessment", at: Date, well: boolean): Promise<string> {
  const attempt = await startAttempt(userId, script, mode, at);
  let state = attempt.state;
  for (let n = 1, status = "active"; status === "active" && n < 20; n++) {
    const best = [...script.turns[state].suggestions].sort((x, y) => total(y) - total(x))[0];
    const text = well ? best.text : "喂，急什么，这不是我们的责任。";
    const outcome = await playTurn(userId, attempt.id, n, { kind: "reply", text }, script, at);
    if (!outcome.ok) throw new Error(outcome.error);
    status = outcome.attempt.status;
    state = outcome.attempt.state;
  }
  return attempt.id;
}
const total = (s: { scores: { listening: number; empathy: number; wording: number } }) => s.scores.listening + s.scores.empathy + s.scores.wording;

/** One trainee with a whole history, made through the models; the model for the copies. */
async function modelTrainee(teamId: string): Promise<string> {
  const trainer = await createUser({ username: "perftrainer", displayName: "王建国", password: "password123", role: "trainer", teamId });
  const trainee = await createUser({ username: "perfmodel", displayName: "李晓雨", password: "password123", role: "trainee", teamId });
  if (!trainer.ok || !trainee.ok) throw new Error("users");
  const [by, id] = [trainer.user, trainee.user.id];
  for (const mod of getCourseware("zh-CN")) {
    for (const s of mod.sections) await markSectionRead(id, mod.slug, s.id, day(1));
    await completeModule(id, mod.slug, mod.sections, day(1));
  }
  // The quizzes passed (as handing them in records a pass), without drawing and answering them.
  for (const [i, quiz] of MODULE_SLUGS.entries())
    await query(
      `INSERT INTO quiz_attempts (id, user_id, quiz, started_at, submitted_at, correct, total, percent, passed, pass_mark)
       VALUES ($1, $2, $3, $4, $4, 9, 10, 90, true, 0.8)`,
      [`${id}.quiz${i}`, id, quiz, day(2).toISOString()],
    );
  const angry = scenario("angry-owner");
  await createAssignment(
    { kind: "scenario", target: "angry-owner", mode: "assessment", audience: { type: "trainee", userId: id }, dueAt: day(20).toISOString(), note: "" },
    by,
    day(3),
  );
  const rude = await play(id, angry, "practice", day(3), false);
  await play(id, scenario("group-complaint"), "practice", day(4), false);
  await play(id, angry, "practice", day(5), true);
  const failed = await play(id, angry, "assessment", day(6), false);
  const given = await startAttempt(id, angry, "assessment", day(7));
  await abandonAttempt(id, given.id, day(7, 10));
  for (const [d, s] of [
    [8, "angry-owner"],
    [9, "group-complaint"],
    [10, "lift-entrapment"],
  ] as const)
    await play(id, scenario(s), "assessment", day(d), true);
  await addComment(id, rude, 1, "先道歉，再复述。", by, day(11));
  await addComment(id, failed, 2, "别让业主自己去找楼上。", by, day(11));
  await adjustScore(id, failed, "empathy", 60, "复核录音", by, day(12));
  const index = (await getAttempt(id, rude))!.turns[0].findings.findIndex((f) => f.kind === "issue");
  await markFindingWrong(id, rude, 1, index, "业主确实在骂人", by, day(12));
  await markReviewed(id, given.id, by, day(13));
  return id;
}

/** The model trainee's rows copied `count` times, 200 to a team, every id renamed (`h` and the copy's number). */
async function copyTrainee(modelId: string, count: number): Promise<void> {
  await admin(async (db) => {
    await db.query(`SET search_path = ${SCHEMA}`);
    await db.query("SET session_replication_role = replica");
    const copies = `(SELECT g, 'h' || lpad(g::text, 8, '0') AS uid,
      (SELECT id FROM teams ORDER BY name OFFSET g % ${TEAMS} LIMIT 1) AS team_of FROM generate_series(1, $2::int) g) c`;
    const re = (column: string) => `replace(${column}, $1, c.uid)`;
    const sfx = (column: string) => `${column} || '-' || c.g`;
    const statements = [
      `INSERT INTO users (id, username, display_name, role, team_id, password_hash, active, uses_demo_password, must_change_password, coaching_read_at, created_at, updated_at)
       SELECT c.uid, 'hist' || c.g, '学员' || c.g, role, c.team_of, password_hash, active, uses_demo_password, must_change_password, coaching_read_at,
              created_at + c.g * interval '1 ms', updated_at + c.g * interval '1 ms'
       FROM users u, ${copies} WHERE u.id = $1`,
      `INSERT INTO module_progress (user_id, module, sections_read, last_section, started_at, updated_at, completed_at)
       SELECT c.uid, module, sections_read, last_section, started_at, updated_at, completed_at FROM module_progress, ${copies} WHERE user_id = $1`,
      `INSERT INTO quiz_attempts (id, user_id, quiz, started_at, submitted_at, correct, total, percent, passed, pass_mark)
       SELECT ${re("id")}, c.uid, quiz, started_at, submitted_at, correct, total, percent, passed, pass_mark FROM quiz_attempts, ${copies} WHERE user_id = $1`,
      `INSERT INTO roleplay_attempts (id, user_id, scenario_id, scenario_version, scenario_title_zh, scenario_title_en, mode, status, started_at,
         updated_at, finished_at, snapshot, state, emotion, minute, result, reviewed_by_id, reviewed_by_name, reviewed_at, draft)
       SELECT ${re("id")}, c.uid, scenario_id, scenario_version, scenario_title_zh, scenario_title_en, mode, status, started_at, updated_at,
         finished_at, snapshot, state, emotion, minute, result, reviewed_by_id, reviewed_by_name, reviewed_at, draft
       FROM roleplay_attempts, ${copies} WHERE user_id = $1`,
      `INSERT INTO roleplay_turns (attempt_id, n, at, turn, reply, listening, empathy, wording, record)
       SELECT ${re("t.attempt_id")}, n, at, turn, reply, listening, empathy, wording, record
       FROM roleplay_turns t JOIN roleplay_attempts a ON a.id = t.attempt_id, ${copies} WHERE a.user_id = $1`,
      `INSERT INTO trainer_comments (id, attempt_id, turn, text, by_id, by_name, created_at, edited_at, deleted_at)
       SELECT ${sfx("x.id")}, ${re("x.attempt_id")}, turn, text, by_id, by_name, created_at, edited_at, deleted_at
       FROM trainer_comments x JOIN roleplay_attempts a ON a.id = x.attempt_id, ${copies} WHERE a.user_id = $1`,
      `INSERT INTO score_changes (attempt_id, dimension, from_score, to_score, reason, by_id, by_name, changed_at, passed_before, passed_after)
       SELECT ${re("x.attempt_id")}, dimension, from_score, to_score, reason, by_id, by_name, changed_at, passed_before, passed_after
       FROM score_changes x JOIN roleplay_attempts a ON a.id = x.attempt_id, ${copies} WHERE a.user_id = $1`,
      `INSERT INTO finding_disputes (id, attempt_id, turn, finding, rule, reason, by_id, by_name, disputed_at, withdrawn_at)
       SELECT ${sfx("x.id")}, ${re("x.attempt_id")}, turn, finding, rule, reason, by_id, by_name, disputed_at, withdrawn_at
       FROM finding_disputes x JOIN roleplay_attempts a ON a.id = x.attempt_id, ${copies} WHERE a.user_id = $1`,
      `INSERT INTO certificates (id, user_id, name, team, issued_at, expires_at, quizzes, code)
       SELECT ${sfx("x.id")}, c.uid, name, team, issued_at, expires_at, quizzes,
              upper(translate(substr(md5(${sfx("x.id")}), 1, 10), '0123456789abcdef', '23456789abcdefgh'))
       FROM certificates x, ${copies} WHERE user_id = $1`,
      `INSERT INTO certificate_scenarios (certificate_id, scenario_id, attempt_id, listening, empathy, wording)
       SELECT ${sfx("s.certificate_id")}, scenario_id, ${re("s.attempt_id")}, s.listening, s.empathy, s.wording
       FROM certificate_scenarios s JOIN certificates x ON x.id = s.certificate_id, ${copies} WHERE x.user_id = $1`,
      `INSERT INTO assignments (id, kind, target, mode, trainee_id, team_id, due_at, note, created_by_id, created_by_name, created_at, cancelled_at, reminded_at)
       SELECT ${sfx("id")}, kind, target, mode, c.uid, NULL, due_at, note, created_by_id, created_by_name, created_at, cancelled_at, reminded_at
       FROM assignments, ${copies} WHERE trainee_id = $1`,
    ];
    for (const sql of statements) {
      const started = performance.now();
      const { rowCount } = await db.query(sql, [modelId, count]);
      console.log(`  ${sql.split("(")[0].trim().replace(/\s+/g, " ")}: ${rowCount} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await db.query("VACUUM ANALYZE");
  });
}

async function fill(): Promise<void> {
  await admin((db) => db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`));
  await migrate();
  const teams = [];
  for (let i = 0; i < TEAMS; i++) {
    const created = await createTeam(`项目${String(i).padStart(3, "0")}`);
    if (!created.ok) throw new Error("team");
    teams.push(created.team.id);
  }
  const modelId = await modelTrainee(teams[0]);
  console.log(`model trainee ${modelId}: copying ${TRAINEES} times`);
  await copyTrainee(modelId, TRAINEES);
}

async function timed<T>(label: string, work: () => Promise<T>, size: (result: T) => string): Promise<void> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = await work();
    times.push(performance.now() - started);
  }
  const ms = times.map((t) => Math.round(t)).join(", ");
  console.log(`${label.padEnd(40)} ${ms} ms  (${size(last!)})`);
}

async function main() {
  process.env.STORE = "postgres";
  process.env.DATABASE_URL = urlForSchema(SCHEMA, TEST_DATABASE_URL);
  const exists = await admin((db) => db.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [SCHEMA]));
  if (!exists.rowCount || process.env.PERF_REFILL === "1") await fill();
  const teams = (await listTeams()).sort((a, b) => a.name.localeCompare(b.name));
  const { rows } = await query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'trainee'");
  console.log(`${SCHEMA}: ${rows[0].n} trainees in ${teams.length} teams; ${RUNS} runs each`);
  const one = [teams[1].id];
  const all = teams.map((t) => t.id);
  const now = day(20);
  const dashSize = (d: Awaited<ReturnType<typeof dashboard>>) => `${d.rows.length} rows`;
  const listSize = (l: unknown[]) => `${l.length} calls`;
  await timed("dashboard, one team", () => dashboard(one, now, "zh-CN"), dashSize);
  await timed("listTeamAttempts, one team", () => listTeamAttempts(one), listSize);
  await timed("dashboard, all teams", () => dashboard(all, now, "zh-CN"), dashSize);
  await timed("listTeamAttempts, all teams", () => listTeamAttempts(all), listSize);
  await closePool();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
