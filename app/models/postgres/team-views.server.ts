import { query } from "~/store/postgres/pool.server";
import type { IssueFound } from "~/store/attempt-overview";
import type { ModuleProgress } from "~/store/schema";
import type { EndedCall, TeamViewsBackend, TraineeAchievements, TraineeScope } from "../store-backends";
import { assignmentsWhere } from "./assignments.server";
import { PROGRESS, toProgress, type ProgressRow } from "./records.server";
import { iso, wholeAttemptsWhere } from "./roleplay.server";
import { usersWhere } from "./users.server";

/** The condition on users `u` that chooses the trainees in scope (its values from $1 on): by team, on users_team_role_idx. */
function inScope(scope: TraineeScope): { where: string; values: unknown[] } {
  const values: unknown[] = [scope.teamIds];
  let where = "u.role = 'trainee' AND u.team_id = ANY ($1::text[])";
  if (scope.userId) where += ` AND u.id = $${values.push(scope.userId)}`;
  if (scope.activeOnly) where += " AND u.active";
  return { where, values };
}

/** The trainees' order (users are listed oldest first), then each one's calls in the order they ended. */
const CALL_ORDER = "u.created_at, u.id, a.updated_at, a.started_at, a.id";

/**
 * Of the judged result, what the verdict rule reads (roleplay/adjusted.ts JudgedCall: outcome, critical errors, the
 * ending's summary, scores and pass marks), not its reasons, lessons and ending's line: the rest taken out in one
 * step (picking the parts one by one decompressed the result once per part).
 */
const JUDGED = "a.result - '{passed,ending,endingLine,reasons,learnMore}'::text[]";

interface CallRow {
  id: string;
  user_id: string;
  scenario_id: string;
  mode: EndedCall["mode"];
  status: EndedCall["status"];
  updated_at: string;
  finished_at: string | null;
  result: EndedCall["result"];
  adjustments: Array<EndedCall["adjustments"][number]>;
  comments: number;
  disputes: number;
  review_mark: boolean;
}

const toEndedCall = (r: CallRow): EndedCall => ({
  id: r.id,
  userId: r.user_id,
  scenarioId: r.scenario_id,
  mode: r.mode,
  status: r.status,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
  result: r.result,
  adjustments: r.adjustments,
  comments: r.comments,
  disputes: r.disputes,
  reviewMark: r.review_mark,
});

/**
 * The team views in PostgreSQL: each a fixed number of statements whatever the number of trainees, joining the
 * trainees of the teams (users by team_id and role: users_team_role_idx) to their rows, read for all of them at
 * once and handed to the models trainee by trainee. Nothing is kept between calls.
 */
export const postgresTeamViews: TeamViewsBackend = {
  trainees(scope) {
    const { where, values } = inScope(scope);
    return usersWhere(where, values);
  },

  async achievements(scope) {
    const { where, values } = inScope(scope);
    const [modules, passes, certificates] = await Promise.all([
      query<{ user_id: string; module: string; completed_at: string }>(
        `SELECT p.user_id, p.module, ${iso("p.completed_at")} AS completed_at FROM users u JOIN module_progress p ON p.user_id = u.id
         WHERE ${where} AND p.completed_at IS NOT NULL`,
        values,
      ),
      query<{ user_id: string; quiz: string; submitted_at: string }>(
        `SELECT q.user_id, q.quiz, ${iso("q.submitted_at")} AS submitted_at FROM users u JOIN quiz_attempts q ON q.user_id = u.id
         WHERE ${where} AND q.passed AND q.submitted_at IS NOT NULL ORDER BY q.started_at, q.submitted_at, q.id`,
        values,
      ),
      query<{ user_id: string; id: string; issued_at: string; expires_at: string }>(
        `SELECT c.user_id, c.id, ${iso("c.issued_at")} AS issued_at, ${iso("c.expires_at")} AS expires_at FROM users u JOIN certificates c ON c.user_id = u.id
         WHERE ${where} ORDER BY c.issued_at, c.id`,
        values,
      ),
    ]);
    const out = new Map<string, TraineeAchievements>();
    const of = (userId: string) => {
      let entry = out.get(userId);
      if (!entry) out.set(userId, (entry = { modulesCompleted: {}, quizPasses: [], certificates: [] }));
      return entry;
    };
    for (const r of modules.rows) of(r.user_id).modulesCompleted[r.module] = r.completed_at;
    for (const r of passes.rows) of(r.user_id).quizPasses.push({ quiz: r.quiz, at: r.submitted_at });
    for (const r of certificates.rows) of(r.user_id).certificates.push({ id: r.id, issuedAt: r.issued_at, expiresAt: r.expires_at });
    return out;
  },

  async progress(scope) {
    const { where, values } = inScope(scope);
    const { rows } = await query<ProgressRow & { user_id: string }>(
      `SELECT p.user_id, ${PROGRESS.replace(/(\w+)/g, "p.$1")} FROM users u JOIN module_progress p ON p.user_id = u.id
       WHERE ${where} ORDER BY p.started_at, p.module`,
      values,
    );
    const out = new Map<string, Record<string, ModuleProgress>>();
    for (const r of rows) {
      const progress = out.get(r.user_id) ?? {};
      progress[r.module] = toProgress(r);
      out.set(r.user_id, progress);
    }
    return out;
  },

  async endedCalls(scope, only = {}) {
    const { where, values } = inScope(scope);
    let which = "";
    if (only.scenarioId) which += ` AND a.scenario_id = $${values.push(only.scenarioId)}`;
    if (only.mode) which += ` AND a.mode = $${values.push(only.mode)}`;
    const { rows } = await query<CallRow>(
      `SELECT a.id, a.user_id, a.scenario_id, a.mode, a.status, ${iso("a.updated_at")} AS updated_at, ${iso("a.finished_at")} AS finished_at,
         ${JUDGED} AS result,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('dimension', s.dimension, 'to', s.to_score, 'at', ${iso("s.changed_at")}) ORDER BY s.id), '[]')
            FROM score_changes s WHERE s.attempt_id = a.id) AS adjustments,
         (SELECT count(*)::int FROM trainer_comments c WHERE c.attempt_id = a.id AND c.deleted_at IS NULL) AS comments,
         (SELECT count(*)::int FROM finding_disputes d WHERE d.attempt_id = a.id AND d.withdrawn_at IS NULL) AS disputes,
         a.reviewed_at IS NOT NULL AS review_mark
       FROM users u JOIN roleplay_attempts a ON a.user_id = u.id
       WHERE ${where} AND a.status <> 'active' AND NOT a.draft${which}
       ORDER BY ${CALL_ORDER}`,
      values,
    );
    return rows.map(toEndedCall);
  },

  async issuesFound(scope) {
    const { where, values } = inScope(scope);
    // Counted in the database (the turns' `issues`, kept beside each record): only the counts come back, each
    // with where it was first found (the call's place in CALL_ORDER, the turn, the finding), so they come in that order.
    const { rows } = await query<{ rule: string; zh: string; en: string; dimension: IssueFound["dimension"]; count: number }>(
      `WITH calls AS (
         SELECT a.id, row_number() OVER (ORDER BY ${CALL_ORDER}) AS place
         FROM users u JOIN roleplay_attempts a ON a.user_id = u.id
         WHERE ${where} AND a.status = 'finished' AND a.result IS NOT NULL AND NOT a.draft
       )
       SELECT f.value ->> 'rule' AS rule, f.value -> 'message' ->> 'zh' AS zh, min(f.value -> 'message' ->> 'en') AS en,
              f.value ->> 'dimension' AS dimension, count(*)::int AS count
       FROM calls JOIN roleplay_turns t ON t.attempt_id = calls.id
         CROSS JOIN LATERAL jsonb_array_elements(t.issues) WITH ORDINALITY AS f (value, i)
       GROUP BY 1, 2, 4
       ORDER BY min(ARRAY[calls.place, t.n, f.i])`,
      values,
    );
    return rows.map((r) => ({ dimension: r.dimension, rule: r.rule, message: { zh: r.zh, en: r.en }, count: r.count }));
  },

  openAssignments(scope) {
    const { where, values } = inScope(scope);
    // The trainees' ids as an array, so that each side of the OR is found on its partial index (a BitmapOr of
    // assignments_team_idx and assignments_trainee_idx), not by reading every open assignment.
    return assignmentsWhere(
      `cancelled_at IS NULL AND (team_id = ANY ($1::text[]) OR trainee_id = ANY (ARRAY(SELECT u.id FROM users u WHERE ${where})))`,
      values,
    );
  },

  correctedCalls(scope) {
    const { where, values } = inScope(scope);
    return wholeAttemptsWhere(
      `a.user_id IN (SELECT u.id FROM users u WHERE ${where}) AND a.status <> 'active' AND NOT a.draft
       AND (EXISTS (SELECT 1 FROM score_changes s WHERE s.attempt_id = a.id)
            OR EXISTS (SELECT 1 FROM finding_disputes d WHERE d.attempt_id = a.id AND d.withdrawn_at IS NULL))`,
      values,
    );
  },
};
