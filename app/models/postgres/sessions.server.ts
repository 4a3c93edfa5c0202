import { isLive, SESSION_LIMITS } from "~/auth/session-rules";
import { query, transaction } from "~/store/postgres/pool.server";
import type { SessionRow } from "~/store/schema";
import type { SessionsBackend } from "../store-backends";

const COLUMNS = "id, created_at, last_seen_at, expires_at, device, address";

interface Row {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  device: string;
  address: string;
}

const toSession = (r: Row): SessionRow => ({
  id: r.id,
  createdAt: r.created_at.toISOString(),
  lastSeenAt: r.last_seen_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  device: r.device,
  address: r.address,
});

/** Drops the user's sessions that are not live at `now` (session-rules.ts isLive, as SQL). */
function prune(userId: string, now: Date) {
  return query("DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)", [
    userId,
    now,
    new Date(now.getTime() - SESSION_LIMITS.idleMs),
  ]);
}

/**
 * Sessions in PostgreSQL: the sessions and known_addresses tables. Nothing is kept in memory: a session ended on
 * one server is gone for every server's next request.
 */
export const postgresSessions: SessionsBackend = {
  async insert(userId, s, now) {
    await prune(userId, now);
    await query(`INSERT INTO sessions (${COLUMNS}, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      s.id,
      s.createdAt,
      s.lastSeenAt,
      s.expiresAt,
      s.device,
      s.address,
      userId,
    ]);
  },
  async get(userId, id) {
    const { rows } = await query<Row>(`SELECT ${COLUMNS} FROM sessions WHERE user_id = $1 AND id = $2`, [userId, id]);
    return rows[0] ? toSession(rows[0]) : null;
  },
  async touch(userId, id, now) {
    const { rows } = await query<Row>(`UPDATE sessions SET last_seen_at = $3 WHERE user_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [userId, id, now]);
    await prune(userId, now);
    const session = rows[0] ? toSession(rows[0]) : null;
    return session && isLive(session, now) ? session : null;
  },
  async list(userId) {
    return (await query<Row>(`SELECT ${COLUMNS} FROM sessions WHERE user_id = $1`, [userId])).rows.map(toSession);
  },
  async end(userId, which, now) {
    const ended =
      which === "all"
        ? await query("DELETE FROM sessions WHERE user_id = $1", [userId])
        : await query(`DELETE FROM sessions WHERE user_id = $1 AND id ${"only" in which ? "=" : "<>"} $2`, [
            userId,
            "only" in which ? which.only : which.allBut,
          ]);
    await prune(userId, now);
    return ended.rowCount ?? 0;
  },
  async isKnownAddress(userId, address) {
    return (await query("SELECT 1 FROM known_addresses WHERE user_id = $1 AND address = $2", [userId, address])).rowCount === 1;
  },
  rememberAddress: (userId, address, now, keep) =>
    transaction(async (client) => {
      await client.query(
        "INSERT INTO known_addresses (user_id, address, last_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, address) DO UPDATE SET last_at = excluded.last_at",
        [userId, address, now],
      );
      await client.query(
        `DELETE FROM known_addresses WHERE user_id = $1 AND address NOT IN
           (SELECT address FROM known_addresses WHERE user_id = $1 ORDER BY last_at DESC, address LIMIT $2)`,
        [userId, keep],
      );
    }),
};
