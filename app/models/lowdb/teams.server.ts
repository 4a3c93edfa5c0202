import { teamsFile } from "~/store/db.server";
import type { TeamRow } from "~/store/schema";
import type { TeamsBackend } from "../store-backends";

const copy = (t: TeamRow): TeamRow => ({ ...t, trainerIds: [...t.trainerIds] });

/** Teams in lowdb: teams.json, each team with its trainers' ids. */
export const lowdbTeams: TeamsBackend = {
  async list() {
    return (await teamsFile()).data.teams.map(copy);
  },
  async get(id) {
    const team = (await teamsFile()).data.teams.find((t) => t.id === id);
    return team ? copy(team) : null;
  },
  async insert(team) {
    const file = await teamsFile();
    return file.update((data) => {
      if (data.teams.some((t) => t.name === team.name)) return false;
      data.teams.push(copy(team));
      return true;
    });
  },
  async setTrainers(teamId, trainerIds) {
    const file = await teamsFile();
    return file.update((data) => {
      const team = data.teams.find((t) => t.id === teamId);
      if (!team) return false;
      team.trainerIds = [...trainerIds];
      return true;
    });
  },
  async trainedBy(trainerId) {
    return (await teamsFile()).data.teams.filter((t) => t.trainerIds.includes(trainerId)).map(copy);
  },
  async setTeamsTrainedBy(trainerId, teamIds) {
    const file = await teamsFile();
    await file.update((data) => {
      for (const team of data.teams) {
        const trains = team.trainerIds.includes(trainerId);
        const should = teamIds.includes(team.id);
        if (should && !trains) team.trainerIds.push(trainerId);
        if (!should && trains) team.trainerIds = team.trainerIds.filter((id) => id !== trainerId);
      }
    });
  },
};
