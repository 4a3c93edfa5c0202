import type { Role } from "~/auth/permissions";
import { query } from "~/store/postgres/pool.server";
import type { UserRow } from "~/store/schema";
import type { UsersBackend } from "../store-backends";

const COLUMNS = "id, username, display_name, role, team_id, password_hash, active, uses_demo_password, must_change_password, created_at, updated_at";

interface Row {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  team_id: string;
  password_hash: string;
  active: boolean;
  uses_demo_password: boolean;
  must_change_password: boolean;
  created_at: Date;
  updated_at: Date;
}

function toUserRow(r: Row): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    teamId: r.team_id,
    passwordHash: r.password_hash,
    active: r.active,
    usesDemoPassword: r.uses_demo_password,
    mustChangePassword: r.must_change_password,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

async function rows(sql: string, values: unknown[] = []): Promise<UserRow[]> {
  return (await query<Row>(sql, values)).rows.map(toUserRow);
}

/** The users `u` that `where` chooses (it may name `u`), in `order`: for the other PostgreSQL backends. */
export function usersWhere(where: string, values: unknown[], order = "u.created_at, u.id"): Promise<UserRow[]> {
  return rows(`SELECT ${COLUMNS.replace(/(\w+)/g, "u.$1")} FROM users u WHERE ${where} ORDER BY ${order}`, values);
}

/** Users in PostgreSQL: the users table; a taken username is the unique constraint's to refuse. */
export const postgresUsers: UsersBackend = {
  list: () => rows(`SELECT ${COLUMNS} FROM users ORDER BY created_at, id`),
  async exists(id) {
    return (await query("SELECT 1 FROM users WHERE id = $1", [id])).rowCount === 1;
  },
  async byId(id) {
    return (await rows(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]))[0] ?? null;
  },
  async byUsername(username) {
    return (await rows(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]))[0] ?? null;
  },
  async insert(u) {
    const inserted = await query(`INSERT INTO users (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (username) DO NOTHING`, [
      u.id,
      u.username,
      u.displayName,
      u.role,
      u.teamId,
      u.passwordHash,
      u.active,
      u.usesDemoPassword,
      u.mustChangePassword ?? false,
      u.createdAt,
      u.updatedAt,
    ]);
    return inserted.rowCount === 1;
  },
  async updateProfile(id, changes, at) {
    const updated = await rows(`UPDATE users SET display_name = $2, role = $3, team_id = $4, updated_at = $5 WHERE id = $1 RETURNING ${COLUMNS}`, [
      id,
      changes.displayName,
      changes.role,
      changes.teamId,
      at,
    ]);
    return updated[0] ?? null;
  },
  async setPassword(id, passwordHash, mustChangePassword, at) {
    const updated = await query("UPDATE users SET password_hash = $2, uses_demo_password = false, must_change_password = $3, updated_at = $4 WHERE id = $1", [
      id,
      passwordHash,
      mustChangePassword,
      at,
    ]);
    return updated.rowCount === 1;
  },
  async setActive(id, active, at) {
    const updated = await query("UPDATE users SET active = $2, updated_at = CASE WHEN active = $2 THEN updated_at ELSE $3::timestamptz END WHERE id = $1", [
      id,
      active,
      at,
    ]);
    return updated.rowCount === 1;
  },
  demoAccounts: () => rows(`SELECT ${COLUMNS} FROM users WHERE uses_demo_password AND active ORDER BY created_at, id`),
};
