import type pg from "pg";
import { applyEvent } from "~/store/attempt-events";
import type { AttemptOverview, IssueFound } from "~/store/attempt-overview";
import { query, transaction } from "~/store/postgres/pool.server";
import type { AttemptRow, CoachingComment, FindingDispute, ScoreAdjustment } from "~/store/schema";
import type { AttemptsBackend } from "../store-backends";
import { recordTrainerEvent } from "./trainer-events.server";

/** A time as the row types keep it (`Date#toISOString`), worked out by the database inside JSON it builds. */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The comments still shown, each with what it said before each change (oldest first), in the order they were written. */
const COMMENTS = `(SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
    'id', c.id, 'turn', c.turn, 'text', c.text, 'byId', c.by_id, 'byName', c.by_name, 'at', ${iso("c.created_at")},
    'editedAt', ${iso("c.edited_at")},
    'earlierTexts', (SELECT jsonb_agg(jsonb_build_object('text', r.text, 'at', ${iso("r.written_at")}) ORDER BY r.position)
                       FROM trainer_comment_revisions r WHERE r.comment_id = c.id)
  )) ORDER BY c.created_at, c.id), '[]'::jsonb)
  FROM trainer_comments c WHERE c.attempt_id = a.id AND c.deleted_at IS NULL)`;

/** Every score change, in the order made (the latest per dimension counts). */
const ADJUSTMENTS = `(SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
    'dimension', s.dimension, 'from', s.from_score, 'to', s.to_score, 'reason', s.reason, 'byId', s.by_id, 'byName', s.by_name,
    'at', ${iso("s.changed_at")}, 'passedBefore', s.passed_before, 'passedAfter', s.passed_after
  )) ORDER BY s.id), '[]'::jsonb)
  FROM score_changes s WHERE s.attempt_id = a.id)`;

/** The findings marked wrong and not withdrawn; none at all (as lowdb's) on a call nobody ever marked. */
const DISPUTES = `(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE coalesce(jsonb_agg(jsonb_build_object(
    'id', d.id, 'turn', d.turn, 'finding', d.finding, 'rule', d.rule, 'reason', d.reason, 'byId', d.by_id, 'byName', d.by_name,
    'at', ${iso("d.disputed_at")}
  ) ORDER BY d.disputed_at, d.id) FILTER (WHERE d.withdrawn_at IS NULL), '[]'::jsonb) END
  FROM finding_disputes d WHERE d.attempt_id = a.id)`;

const TURNS = "(SELECT coalesce(jsonb_agg(t.record ORDER BY t.n), '[]'::jsonb) FROM roleplay_turns t WHERE t.attempt_id = a.id)";
/** The issues found in the replies (the turns' `issues`: strengths and zero-point issues left out), in transcript order, as attempt-overview.ts's overviewOf. */
const ISSUES = `(SELECT coalesce(jsonb_agg(jsonb_build_object('dimension', f.value -> 'dimension', 'rule', f.value -> 'rule', 'message', f.value -> 'message')
    ORDER BY t.n, f.i), '[]'::jsonb)
  FROM roleplay_turns t CROSS JOIN LATERAL jsonb_array_elements(t.issues) WITH ORDINALITY AS f(value, i)
  WHERE t.attempt_id = a.id)`;

const COLUMNS = `a.id, a.scenario_id, a.scenario_version, a.scenario_title_zh, a.scenario_title_en, a.mode, a.status, a.started_at,
  a.updated_at, a.finished_at, a.state, a.emotion, a.minute, a.result, a.draft, a.reviewed_by_id, a.reviewed_by_name, a.reviewed_at,
  ${COMMENTS} AS comments, ${ADJUSTMENTS} AS adjustments, ${DISPUTES} AS disputes`;
const WHOLE = `SELECT ${COLUMNS}, a.snapshot, ${TURNS} AS turns FROM roleplay_attempts a`;
const OVERVIEW = `SELECT ${COLUMNS}, a.turn_count, ${ISSUES} AS issues FROM roleplay_attempts a`;

interface Row {
  id: string;
  scenario_id: string;
  scenario_version: number;
  scenario_title_zh: string;
  scenario_title_en: string;
  mode: AttemptRow["mode"];
  status: AttemptRow["status"];
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  state: string;
  emotion: number;
  minute: number;
  result: AttemptRow["result"];
  draft: boolean;
  reviewed_by_id: string | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  comments: CoachingComment[];
  adjustments: ScoreAdjustment[];
  disputes: FindingDispute[] | null;
}
interface WholeRow extends Row {
  snapshot: unknown;
  turns: AttemptRow["turns"];
}
interface OverviewRow extends Row {
  turn_count: number;
  issues: IssueFound[];
}

/** What an attempt is, but its snapshot and turns: the row types' shape, optional parts left out when empty (as lowdb's). */
function common(r: Row): Omit<AttemptRow, "snapshot" | "turns"> {
  return {
    id: r.id,
    scenarioId: r.scenario_id,
    scenarioVersion: r.scenario_version,
    scenarioTitle: { zh: r.scenario_title_zh, en: r.scenario_title_en },
    mode: r.mode,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    state: r.state,
    emotion: r.emotion,
    minute: r.minute,
    result: r.result,
    comments: r.comments,
    adjustments: r.adjustments,
    ...(r.reviewed_by_id && r.reviewed_at ? { reviewMark: { byId: r.reviewed_by_id, byName: r.reviewed_by_name ?? "", at: r.reviewed_at.toISOString() } } : {}),
    ...(r.disputes ? { disputes: r.disputes } : {}),
    ...(r.draft ? { draft: true as const } : {}),
  };
}

const toAttempt = (r: WholeRow): AttemptRow => ({ ...common(r), snapshot: r.snapshot, turns: r.turns });
const toOverview = (r: OverviewRow): AttemptOverview => ({ ...common(r), turnCount: r.turn_count, issues: r.issues });

type Run = <R extends pg.QueryResultRow>(text: string, values: unknown[]) => Promise<pg.QueryResult<R>>;
const pooled: Run = (text, values) => query(text, values);
const on =
  (client: pg.PoolClient): Run =>
  (text, values) =>
    client.query(text, values);

async function whole(run: Run, where: string, values: unknown[]): Promise<AttemptRow | null> {
  return (await run<WholeRow>(`${WHOLE} WHERE ${where}`, values)).rows.map(toAttempt)[0] ?? null;
}

/** The attempts `where` chooses (on roleplay_attempts `a`), whole, in no particular order: for the other PostgreSQL backends. */
export async function wholeAttemptsWhere(where: string, values: unknown[]): Promise<AttemptRow[]> {
  return (await query<WholeRow>(`${WHOLE} WHERE ${where}`, values)).rows.map(toAttempt);
}

const byId = (attemptId: string) => whole(pooled, "a.id = $1", [attemptId]);
const activeOf = (userId: string, scenarioId: string, mode: AttemptRow["mode"]) =>
  whole(pooled, "a.user_id = $1 AND a.scenario_id = $2 AND a.mode = $3 AND a.status = 'active'", [userId, scenarioId, mode]);

/** How often a turn is played again on an attempt another post changed meanwhile (the second time finds it recorded). */
const PLAY_TRIES = 5;

/**
 * Role-play attempts in PostgreSQL: roleplay_attempts (the machine's snapshot as JSONB, where the call stands,
 * its result once ended) and roleplay_turns (a row per turn, its record as JSONB), read whole or as overviews, and
 * what trainers recorded on them (trainer-events.server.ts). Nothing is kept in memory: every server reads the
 * same rows. A turn is recorded once: one statement moves the attempt's turn count from n - 1 to n (still in
 * progress) and inserts turn n only if it did, with the primary key (attempt_id, n) behind it; the end happens
 * once (`WHERE status = 'active'`); trainers' changes hold the attempt's row while they decide and record.
 */
export const postgresAttempts: AttemptsBackend = {
  async overviews(userId) {
    return (await query<OverviewRow>(`${OVERVIEW} WHERE a.user_id = $1 ORDER BY a.started_at, a.id`, [userId])).rows.map(toOverview);
  },
  async overview(attemptId) {
    return (await query<OverviewRow>(`${OVERVIEW} WHERE a.id = $1`, [attemptId])).rows.map(toOverview)[0] ?? null;
  },
  async placeOf(attemptId) {
    // The attempt's user is a foreign key: a row here means the user is stored.
    const { rows } = await query<{ user_id: string; scenario_id: string; mode: AttemptRow["mode"] }>(
      "SELECT user_id, scenario_id, mode FROM roleplay_attempts WHERE id = $1",
      [attemptId],
    );
    return rows[0] ? { userId: rows[0].user_id, scenarioId: rows[0].scenario_id, mode: rows[0].mode } : null;
  },
  get: byId,
  active: activeOf,

  async start(userId, attempt) {
    if (attempt.status !== "active" || attempt.turns.length) throw new Error("an attempt starts in progress, with no turns");
    for (let tries = 0; tries < PLAY_TRIES; tries++) {
      // The unique index on the attempts in progress refuses a second one for the trainee, scenario and mode.
      const inserted = await query(
        `INSERT INTO roleplay_attempts (id, user_id, scenario_id, scenario_version, scenario_title_zh, scenario_title_en, mode, status,
           started_at, updated_at, finished_at, snapshot, state, emotion, minute, result, draft)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, NULL, $10, $11, $12, $13, NULL, $14)
         ON CONFLICT (user_id, scenario_id, mode) WHERE status = 'active' DO NOTHING`,
        [
          attempt.id,
          userId,
          attempt.scenarioId,
          attempt.scenarioVersion,
          attempt.scenarioTitle.zh,
          attempt.scenarioTitle.en,
          attempt.mode,
          attempt.startedAt,
          attempt.updatedAt,
          JSON.stringify(attempt.snapshot),
          attempt.state,
          attempt.emotion,
          attempt.minute,
          attempt.draft ?? false,
        ],
      );
      const started = await activeOf(userId, attempt.scenarioId, attempt.mode);
      if (started) return started;
      if (inserted.rowCount === 1) throw new Error(`attempt ${attempt.id} is not in progress just after it started`);
      // The one in progress ended between the insert and the read: try again.
    }
    throw new Error(`could not start an attempt for ${userId} (${attempt.scenarioId}, ${attempt.mode}): it kept changing`);
  },

  async playTurn(attemptId, play) {
    for (let tries = 0; tries < PLAY_TRIES; tries++) {
      const attempt = await byId(attemptId);
      if (!attempt) return null;
      // Decided (and the reply scored on the engine) outside any transaction: nothing is held meanwhile.
      const decided = await play(attempt);
      if ("refused" in decided) return { result: decided.refused };
      const [turn, end] = decided.events;
      const r = turn.record;
      // One statement: the attempt's row moves from turn n - 1 to n (still in progress), and only then is turn n
      // inserted. A second post of turn n (on any server) waits on the row, finds the count moved, and records
      // nothing; so does a turn on an attempt given up meanwhile.
      const added = await query(
        `WITH attempt AS (
           UPDATE roleplay_attempts SET turn_count = $2, snapshot = $10, state = $11, emotion = $12, minute = $13, updated_at = $14,
             status = $15, result = $16, finished_at = CASE WHEN $15 = 'finished' THEN $14::timestamptz ELSE finished_at END
           WHERE id = $1 AND status = 'active' AND turn_count = $2 - 1
           RETURNING id
         )
         INSERT INTO roleplay_turns (attempt_id, n, at, turn, reply, listening, empathy, wording, record)
         SELECT id, $2, $3, $4, $5, $6, $7, $8, $9 FROM attempt`,
        [
          attemptId,
          r.n,
          turn.at,
          r.turn,
          r.text,
          r.scores.listening,
          r.scores.empathy,
          r.scores.wording,
          JSON.stringify(r),
          JSON.stringify(turn.snapshot),
          turn.state,
          turn.emotion,
          turn.minute,
          end?.at ?? turn.at,
          end?.status ?? "active",
          end?.result ? JSON.stringify(end.result) : null,
        ],
      );
      const recorded = added.rowCount === 1;
      if (recorded) {
        let after = structuredClone(attempt) as AttemptRow;
        for (const event of decided.events) after = applyEvent(after, event);
        return { result: decided.outcome(after) };
      }
    }
    throw new Error(`turn of attempt ${attemptId} not recorded: the attempt kept changing`);
  },

  async abandon(attemptId, at) {
    const ended = await query("UPDATE roleplay_attempts SET status = 'abandoned', updated_at = $2 WHERE id = $1 AND status = 'active'", [attemptId, at]);
    return ended.rowCount === 1;
  },

  async changeEnded(attemptId, decide) {
    return transaction(async (client) => {
      // Held until the change is recorded: trainers' changes of one call are decided one after the other.
      const locked = await client.query<{ status: string }>("SELECT status FROM roleplay_attempts WHERE id = $1 FOR NO KEY UPDATE", [attemptId]);
      if (locked.rows[0]?.status !== "finished" && locked.rows[0]?.status !== "abandoned") return null;
      const attempt = (await whole(on(client), "a.id = $1", [attemptId]))!;
      const { result, event } = decide(attempt);
      if (event) await recordTrainerEvent(client, attemptId, event);
      return { result };
    });
  },
};
