import { cleanName } from "~/utils/clean-name";
import { compareNames } from "~/utils/collate";
import { teamsFile } from "~/store/db.server";
import type { TeamRow } from "~/store/schema";
import { newId } from "./users.server";

export type Team = TeamRow;

/** Every team, by name (pinyin order). */
export async function listTeams(): Promise<Team[]> {
  const file = await teamsFile();
  return file.data.teams.map((t) => ({ ...t, trainerIds: [...t.trainerIds] })).sort((a, b) => compareNames(a.name, b.name));
}

export async function getTeam(id: string): Promise<Team | null> {
  return (await listTeams()).find((t) => t.id === id) ?? null;
}

export type CreateTeamResult = { ok: true; team: Team } | { ok: false; error: "name-taken" };

export async function createTeam(name: string, trainerIds: string[] = []): Promise<CreateTeamResult> {
  const file = await teamsFile();
  return file.update((data): CreateTeamResult => {
    const trimmed = cleanName(name);
    if (data.teams.some((t) => t.name === trimmed)) return { ok: false, error: "name-taken" };
    const team: TeamRow = { id: newId(), name: trimmed, trainerIds, createdAt: new Date().toISOString() };
    data.teams.push(team);
    return { ok: true, team: { ...team, trainerIds: [...trainerIds] } };
  });
}

/** The ids of the teams a trainer coaches. */
export async function teamIdsTrainedBy(userId: string): Promise<string[]> {
  return (await listTeams()).filter((t) => t.trainerIds.includes(userId)).map((t) => t.id);
}

/** Sets who trains a team. Returns false for an unknown team. */
export async function setTeamTrainers(teamId: string, trainerIds: string[]): Promise<boolean> {
  const file = await teamsFile();
  return file.update((data) => {
    const team = data.teams.find((t) => t.id === teamId);
    if (!team) return false;
    team.trainerIds = [...new Set(trainerIds)];
    return true;
  });
}

/** The teams whose trainees a user may see: a supervisor every team, a trainer the teams they train, a trainee none. */
export async function teamIdsVisibleTo(user: { id: string; role: string }): Promise<string[]> {
  if (user.role === "supervisor") return (await listTeams()).map((t) => t.id);
  if (user.role === "trainer") return teamIdsTrainedBy(user.id);
  return [];
}

/** Makes a trainer train exactly the given teams (added to those, removed from the others). */
export async function setTeamsTrainedBy(trainerId: string, teamIds: string[]): Promise<void> {
  const file = await teamsFile();
  await file.update((data) => {
    for (const team of data.teams) {
      const trains = team.trainerIds.includes(trainerId);
      const should = teamIds.includes(team.id);
      if (should && !trains) team.trainerIds.push(trainerId);
      if (!should && trains) team.trainerIds = team.trainerIds.filter((id) => id !== trainerId);
    }
  });
}
