import { hasPermission } from "~/auth/permissions";
import { teamIdsVisibleTo } from "./teams.server";
import { getUserById, type User } from "./users.server";

/**
 * Who sees whom, checked on the server in every trainer and supervisor loader and action: a supervisor sees every
 * trainee, a trainer the trainees of the teams they train, a trainee only themselves.
 */
export async function canSeeTrainee(viewer: User, traineeId: string): Promise<boolean> {
  if (viewer.id === traineeId) return true;
  if (!hasPermission(viewer.role, "view:team-progress")) return false;
  const trainee = await getUserById(traineeId);
  if (!trainee) return false;
  return (await teamIdsVisibleTo(viewer)).includes(trainee.teamId);
}
