import type pg from "pg";
import { query, transaction } from "~/store/postgres/pool.server";
import type { TeamRow } from "~/store/schema";
import type { TeamsBackend } from "../store-backends";

/** Teams with their trainers (in the order they were added), the teams matching `where`. */
const SELECT = `
  SELECT t.id, t.name, t.created_at,
         coalesce(array_agg(tt.trainer_id ORDER BY tt.position, tt.trainer_id) FILTER (WHERE tt.trainer_id IS NOT NULL), '{}') AS trainer_ids
  FROM teams t LEFT JOIN team_trainers tt ON tt.team_id = t.id`;

async function teams(where: string, values: unknown[] = []): Promise<TeamRow[]> {
  const { rows } = await query<{ id: string; name: string; created_at: Date; trainer_ids: string[] }>(`${SELECT} ${where} GROUP BY t.id`, values);
  return rows.map((r) => ({ id: r.id, name: r.name, trainerIds: r.trainer_ids, createdAt: r.created_at.toISOString() }));
}

/** Adds trainers to a team, after those it has, in the order given. */
async function appendTrainers(client: pg.PoolClient, teamId: string, trainerIds: string[]): Promise<void> {
  await client.query(
    `INSERT INTO team_trainers (team_id, trainer_id, position)
     SELECT $1, trainer_id, (SELECT coalesce(max(position) + 1, 0) FROM team_trainers WHERE team_id = $1) + ordinality::int - 1
     FROM unnest($2::text[]) WITH ORDINALITY AS given (trainer_id, ordinality)
     ON CONFLICT DO NOTHING`,
    [teamId, trainerIds],
  );
}

/** Teams in PostgreSQL: teams (a taken name is the unique constraint's to refuse) and team_trainers. */
export const postgresTeams: TeamsBackend = {
  list: () => teams(""),
  async get(id) {
    return (await teams("WHERE t.id = $1", [id]))[0] ?? null;
  },
  insert: (team) =>
    transaction(async (client) => {
      const inserted = await client.query("INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING", [
        team.id,
        team.name,
        team.createdAt,
      ]);
      if (inserted.rowCount !== 1) return false;
      await appendTrainers(client, team.id, team.trainerIds);
      return true;
    }),
  setTrainers: (teamId, trainerIds) =>
    transaction(async (client) => {
      // The team's row is locked, so two changes of one team's trainers happen one after the other.
      if ((await client.query("SELECT 1 FROM teams WHERE id = $1 FOR UPDATE", [teamId])).rowCount !== 1) return false;
      await client.query("DELETE FROM team_trainers WHERE team_id = $1", [teamId]);
      await appendTrainers(client, teamId, trainerIds);
      return true;
    }),
  trainedBy: (trainerId) => teams("WHERE t.id IN (SELECT team_id FROM team_trainers WHERE trainer_id = $1)", [trainerId]),
  setTeamsTrainedBy: (trainerId, teamIds) =>
    transaction(async (client) => {
      // Every team whose trainers change is locked first, in one order, as setTrainers locks its team first.
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM teams WHERE id = ANY($2::text[]) OR id IN (SELECT team_id FROM team_trainers WHERE trainer_id = $1) ORDER BY id FOR UPDATE`,
        [trainerId, teamIds],
      );
      await client.query("DELETE FROM team_trainers WHERE trainer_id = $1 AND NOT (team_id = ANY($2::text[]))", [trainerId, teamIds]);
      for (const { id } of rows) if (teamIds.includes(id)) await appendTrainers(client, id, [trainerId]);
    }),
};
