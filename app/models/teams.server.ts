import { cleanName } from "~/utils/clean-name";
import { compareNames } from "~/utils/collate";
import { storeKind } from "~/store/config.server";
import type { TeamRow } from "~/store/schema";
import { lowdbTeams } from "./lowdb/teams.server";
import { postgresTeams } from "./postgres/teams.server";
import type { TeamsBackend } from "./store-backends";
import { newId } from "./users.server";

export type Team = TeamRow;

/** The store's teams: lowdb's or PostgreSQL's, as STORE says. */
const store = (): TeamsBackend => (storeKind() === "postgres" ? postgresTeams : lowdbTeams);

const byName = (teams: Team[]) => teams.sort((a, b) => compareNames(a.name, b.name));

/** Every team, by name (pinyin order). */
export async function listTeams(): Promise<Team[]> {
  return byName(await store().list());
}

export async function getTeam(id: string): Promise<Team | null> {
  return store().get(id);
}

export type CreateTeamResult = { ok: true; team: Team } | { ok: false; error: "name-taken" };

export async function createTeam(name: string, trainerIds: string[] = []): Promise<CreateTeamResult> {
  const team: TeamRow = { id: newId(), name: cleanName(name), trainerIds: [...trainerIds], createdAt: new Date().toISOString() };
  return (await store().insert(team)) ? { ok: true, team: { ...team, trainerIds: [...trainerIds] } } : { ok: false, error: "name-taken" };
}

/** The ids of the teams a trainer coaches, by the teams' names. */
export async function teamIdsTrainedBy(userId: string): Promise<string[]> {
  return byName(await store().trainedBy(userId)).map((t) => t.id);
}

/** Sets who trains a team. Returns false for an unknown team. */
export async function setTeamTrainers(teamId: string, trainerIds: string[]): Promise<boolean> {
  return store().setTrainers(teamId, [...new Set(trainerIds)]);
}

/** The teams whose trainees a user may see: a supervisor every team, a trainer the teams they train, a trainee none. */
export async function teamIdsVisibleTo(user: { id: string; role: string }): Promise<string[]> {
  if (user.role === "supervisor") return (await listTeams()).map((t) => t.id);
  if (user.role === "trainer") return teamIdsTrainedBy(user.id);
  return [];
}

/** Makes a trainer train exactly the given teams (added to those, removed from the others). */
export async function setTeamsTrainedBy(trainerId: string, teamIds: string[]): Promise<void> {
  await store().setTeamsTrainedBy(trainerId, teamIds);
}
