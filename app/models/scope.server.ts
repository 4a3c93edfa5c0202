import { hasPermission } from "~/auth/permissions";
import { teamIdsVisibleTo } from "./teams.server";
import { getUserById, type User } from "./users.server";

/**
 * Who sees whom, checked on the server in every trainer and supervisor loader and action: trainers review the
 * trainees of the teams they train, a supervisor every trainee. Nobody reviews their own calls, and the practice
 * calls of trainers and supervisors are nobody's to review: they are not trainees.
 */
export async function canSeeTrainee(viewer: User, traineeId: string): Promise<boolean> {
  if (viewer.id === traineeId) return false;
  if (!hasPermission(viewer.role, "view:team-progress")) return false;
  const trainee = await getUserById(traineeId);
  if (!trainee || trainee.role !== "trainee") return false;
  return (await teamIdsVisibleTo(viewer)).includes(trainee.teamId);
}
