import type pg from "pg";
import { query, transaction } from "~/store/postgres/pool.server";
import type { AssessmentGrant, ModuleProgress } from "~/store/schema";
import type { RecordsBackend } from "../store-backends";

export const PROGRESS = "module, sections_read, last_section, started_at, updated_at, completed_at";

export interface ProgressRow {
  module: string;
  sections_read: string[];
  last_section: string | null;
  started_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export function toProgress(r: ProgressRow): ModuleProgress {
  return {
    sectionsRead: r.sections_read,
    lastSection: r.last_section,
    startedAt: r.started_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    completedAt: r.completed_at?.toISOString() ?? null,
  };
}

interface GrantRow {
  scenario_id: string;
  by_id: string;
  by_name: string;
  granted_at: Date;
}

const toGrant = (r: GrantRow): AssessmentGrant => ({ scenarioId: r.scenario_id, byId: r.by_id, byName: r.by_name, at: r.granted_at.toISOString() });

const GRANTS = "SELECT scenario_id, by_id, by_name, granted_at FROM assessment_grants WHERE user_id = $1 ORDER BY id";

/**
 * Holds the trainee's row (users) until the transaction ends: what is decided about one trainee (a grant here, a
 * certificate in postgres/certificates.server.ts) is decided one server at a time. FOR NO KEY UPDATE, not FOR
 * UPDATE: rows that only refer to the user (a session, a turn) are not held up by it.
 */
export async function lockUser(client: pg.PoolClient, userId: string): Promise<boolean> {
  return (await client.query("SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE", [userId])).rowCount === 1;
}

/**
 * A trainee's own records in PostgreSQL: module_progress (a row per module), users.coaching_read_at and
 * assessment_grants. A section read is one upsert; completing a module and granting an attempt decide on rows
 * held for the transaction (FOR UPDATE, the trainee's row), so servers deciding at once decide one after the other.
 */
export const postgresRecords: RecordsBackend = {
  async progress(userId) {
    const { rows } = await query<ProgressRow>(`SELECT ${PROGRESS} FROM module_progress WHERE user_id = $1 ORDER BY started_at, module`, [userId]);
    return Object.fromEntries(rows.map((r) => [r.module, toProgress(r)]));
  },
  async markSectionRead(userId, module, sectionId, at) {
    // One statement: the row is created or locked and changed at once, so two sections read at once are both kept.
    const { rows } = await query<ProgressRow>(
      `INSERT INTO module_progress AS p (user_id, module, sections_read, last_section, started_at, updated_at)
       VALUES ($1, $2, ARRAY[$3::text], $3, $4, $4)
       ON CONFLICT (user_id, module) DO UPDATE SET
         sections_read = CASE WHEN $3 = ANY (p.sections_read) THEN p.sections_read ELSE array_append(p.sections_read, $3) END,
         last_section = $3,
         updated_at = $4
       RETURNING ${PROGRESS}`,
      [userId, module, sectionId, at],
    );
    return toProgress(rows[0]);
  },
  complete: (userId, module, at, mayComplete) =>
    transaction(async (client) => {
      const held = await client.query<ProgressRow>(`SELECT ${PROGRESS} FROM module_progress WHERE user_id = $1 AND module = $2 FOR UPDATE`, [userId, module]);
      const entry = held.rows[0] ? toProgress(held.rows[0]) : null;
      if (!mayComplete(entry ? structuredClone(entry) : null) || !entry) return { completed: false, entry };
      const { rows } = await client.query<ProgressRow>(
        `UPDATE module_progress SET completed_at = COALESCE(completed_at, $3), updated_at = $3 WHERE user_id = $1 AND module = $2 RETURNING ${PROGRESS}`,
        [userId, module, at],
      );
      return { completed: true, entry: toProgress(rows[0]) };
    }),
  async coachingReadAt(userId) {
    const { rows } = await query<{ at: Date | null }>("SELECT coaching_read_at AS at FROM users WHERE id = $1", [userId]);
    return rows[0]?.at?.toISOString() ?? null;
  },
  async setCoachingReadAt(userId, at) {
    await query("UPDATE users SET coaching_read_at = $2 WHERE id = $1", [userId, at]);
  },
  async grants(userId) {
    return (await query<GrantRow>(GRANTS, [userId])).rows.map(toGrant);
  },
  addGrantUnless: (userId, grant, refuse) =>
    transaction(async (client) => {
      await lockUser(client, userId);
      if (refuse((await client.query<GrantRow>(GRANTS, [userId])).rows.map(toGrant))) return false;
      await client.query("INSERT INTO assessment_grants (user_id, scenario_id, by_id, by_name, granted_at) VALUES ($1, $2, $3, $4, $5)", [
        userId,
        grant.scenarioId,
        grant.byId,
        grant.byName,
        grant.at,
      ]);
      return true;
    }),
};
