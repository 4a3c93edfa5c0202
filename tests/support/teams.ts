import { createTeam } from "~/models/teams.server";
import { createUser } from "~/models/users.server";

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
