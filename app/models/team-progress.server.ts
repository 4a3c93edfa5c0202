import { moduleStatus } from "~/courseware/progress";
import { sortedByName } from "~/utils/collate";
import type { CoursewareModule } from "~/courseware/courseware.server";
import { getProgress } from "./progress.server";
import { listTeams } from "./teams.server";
import { listUsers } from "./users.server";

export interface TraineeProgressRow {
  userId: string;
  displayName: string;
  username: string;
  active: boolean;
  modulesDone: number;
  sectionsRead: number;
  sectionsTotal: number;
  lastActive: string | null;
}

export interface TeamProgress {
  teamId: string;
  teamName: string;
  trainees: TraineeProgressRow[];
}

/** Reading progress of every trainee in the given teams, team by team. */
export async function listTeamProgress(teamIds: string[], modules: ReadonlyArray<CoursewareModule>): Promise<TeamProgress[]> {
  const [teams, users] = await Promise.all([listTeams(), listUsers()]);
  const result: TeamProgress[] = [];
  for (const team of teams.filter((t) => teamIds.includes(t.id))) {
    const trainees: TraineeProgressRow[] = [];
    for (const user of sortedByName(users.filter((u) => u.teamId === team.id && u.role === "trainee"), (u) => u.displayName)) {
      const progress = await getProgress(user.id);
      const statuses = modules.map((mod) => moduleStatus(mod, progress[mod.slug]));
      const lastActive = statuses.map((s) => s.lastActive).filter((t): t is string => Boolean(t)).sort().pop() ?? null;
      trainees.push({
        userId: user.id,
        displayName: user.displayName,
        username: user.username,
        active: user.active,
        modulesDone: statuses.filter((s) => s.state === "completed").length,
        sectionsRead: statuses.reduce((sum, s) => sum + s.read, 0),
        sectionsTotal: statuses.reduce((sum, s) => sum + s.total, 0),
        lastActive,
      });
    }
    result.push({ teamId: team.id, teamName: team.name, trainees });
  }
  return result;
}
