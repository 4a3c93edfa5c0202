import type pg from "pg";
import { query } from "~/store/postgres/pool.server";
import type { AssignmentRow } from "~/store/schema";
import type { AssignmentsBackend } from "../store-backends";

const COLUMNS = "id, kind, target, mode, trainee_id, team_id, due_at, note, created_by_id, created_by_name, created_at, cancelled_at, reminded_at";
/** The order they were given in, as lowdb's list keeps it (seq: an identity column). */
const ORDER = "ORDER BY seq";
/** The unique index that keeps the same work open once (migrations/1764900000000_records.sql). */
const OPEN_WORK_KEY = "assignments_open_work_key";

interface Row {
  id: string;
  kind: AssignmentRow["kind"];
  target: string;
  mode: AssignmentRow["mode"];
  trainee_id: string | null;
  team_id: string | null;
  due_at: Date;
  note: string;
  created_by_id: string;
  created_by_name: string;
  created_at: Date;
  cancelled_at: Date | null;
  reminded_at: Date[];
}

function toAssignmentRow(r: Row): AssignmentRow {
  return {
    id: r.id,
    kind: r.kind,
    target: r.target,
    mode: r.mode,
    audience: r.trainee_id !== null ? { type: "trainee", userId: r.trainee_id } : { type: "team", teamId: r.team_id! },
    dueAt: r.due_at.toISOString(),
    note: r.note,
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    remindedAt: r.reminded_at.map((t) => t.toISOString()),
  };
}

async function rows(sql: string, values: unknown[] = []): Promise<AssignmentRow[]> {
  return (await query<Row>(sql, values)).rows.map(toAssignmentRow);
}

/** The assignments `where` chooses, in the order given: for the other PostgreSQL backends. */
export function assignmentsWhere(where: string, values: unknown[]): Promise<AssignmentRow[]> {
  return rows(`SELECT ${COLUMNS} FROM assignments WHERE ${where} ${ORDER}`, values);
}

const audienceColumns = (a: AssignmentRow["audience"]) => (a.type === "trainee" ? [a.userId, null] : [null, a.teamId]);

/** The open assignment that is the same work as `work` (another one than `work` itself), if there is one. */
async function openSameWork(work: AssignmentRow): Promise<AssignmentRow | null> {
  const found = await rows(
    `SELECT ${COLUMNS} FROM assignments
     WHERE cancelled_at IS NULL AND id <> $1 AND kind = $2 AND target = $3 AND mode IS NOT DISTINCT FROM $4
       AND trainee_id IS NOT DISTINCT FROM $5 AND team_id IS NOT DISTINCT FROM $6 AND due_at = $7`,
    [work.id, work.kind, work.target, work.mode, ...audienceColumns(work.audience), work.dueAt],
  );
  return found[0] ?? null;
}

const isOpenWorkTaken = (error: unknown) => (error as pg.DatabaseError)?.code === "23505" && (error as pg.DatabaseError).constraint === OPEN_WORK_KEY;

/** Tries a step a few times: the open copy it collided with may be cancelled before it is looked up. */
async function retried<T>(step: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 1; ; tries++) {
    const done = await step();
    if (done !== undefined) return done;
    if (tries >= 5) throw new Error("assignments: the same work kept changing between tries");
  }
}

/**
 * Assignments in PostgreSQL: the assignments table. The same work is open once because the unique index
 * assignments_open_work_key refuses a second open copy, whichever server adds it (or restores it).
 */
export const postgresAssignments: AssignmentsBackend = {
  async get(id) {
    return (await rows(`SELECT ${COLUMNS} FROM assignments WHERE id = $1`, [id]))[0] ?? null;
  },
  insertUnlessOpen: (row) =>
    retried(async () => {
      const inserted = await query(
        `INSERT INTO assignments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
        [
          row.id,
          row.kind,
          row.target,
          row.mode,
          ...audienceColumns(row.audience),
          row.dueAt,
          row.note,
          row.createdById,
          row.createdByName,
          row.createdAt,
          row.cancelledAt,
          row.remindedAt,
        ],
      );
      if (inserted.rowCount === 1) return null;
      return (await openSameWork(row)) ?? undefined;
    }),
  async cancel(id, at) {
    return (await query("UPDATE assignments SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL", [id, at])).rowCount === 1;
  },
  restore: (id) =>
    retried(async () => {
      try {
        const restored = await query("UPDATE assignments SET cancelled_at = NULL WHERE id = $1 AND cancelled_at IS NOT NULL", [id]);
        return restored.rowCount === 1 ? ({ ok: true } as const) : ({ ok: false, error: "not-cancelled" } as const);
      } catch (error) {
        if (!isOpenWorkTaken(error)) throw error;
        const row = await postgresAssignments.get(id);
        const existing = row && (await openSameWork(row));
        return existing ? ({ ok: false, error: "duplicate", existing } as const) : undefined;
      }
    }),
  async remind(id, at) {
    const reminded = await query("UPDATE assignments SET reminded_at = array_append(reminded_at, $2::timestamptz) WHERE id = $1 AND cancelled_at IS NULL", [
      id,
      at,
    ]);
    return reminded.rowCount === 1;
  },
  forAudiences: (teamIds, traineeIds) =>
    rows(`SELECT ${COLUMNS} FROM assignments WHERE team_id = ANY ($1) OR trainee_id = ANY ($2) ${ORDER}`, [teamIds, traineeIds]),
  openFor: (userId, teamId) =>
    rows(`SELECT ${COLUMNS} FROM assignments WHERE cancelled_at IS NULL AND (trainee_id = $1 OR team_id = $2) ${ORDER}`, [userId, teamId]),
  open: () => rows(`SELECT ${COLUMNS} FROM assignments WHERE cancelled_at IS NULL ${ORDER}`),
};
