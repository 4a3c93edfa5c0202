import { createTeam } from "~/models/teams.server";
import { createUser, type User } from "~/models/users.server";

/** For model tests: a team 阳光花园 with trainees of these names; returns its id and theirs, in order. */
export async function teamWithTrainees(...names: string[]) {
  const created = await createTeam("阳光花园");
  if (!created.ok) throw new Error("team");
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const user = await createUser({ username: `desk${i}`, displayName: name, password: "password123", role: "trainee", teamId: created.team.id });
    if (!user.ok) throw new Error("user");
    ids.push(user.user.id);
  }
  return { teamId: created.team.id, ids };
}

/** For model tests: a user as the models pass it around (not stored), of a role and a team. */
export const person = (id: string, role: User["role"], teamId = "none", displayName = id): User => ({
  id,
  username: id,
  displayName,
  role,
  teamId,
  active: true,
  usesDemoPassword: false,
  mustChangePassword: false,
  createdAt: "2026-12-03T08:00:00.000Z",
});
