import { describe, expect, it } from "vitest";
import { STORES, useStore } from "../../tests/support/stores";
import { createTeam, getTeam, listTeams, setTeamsTrainedBy, setTeamTrainers, teamIdsTrainedBy, teamIdsVisibleTo } from "./teams.server";
import { createUser } from "./users.server";

async function teamNamed(name: string, trainerIds: string[] = []): Promise<string> {
  const created = await createTeam(name, trainerIds);
  if (!created.ok) throw new Error("setup failed");
  return created.team.id;
}

async function person(username: string, role: "trainee" | "trainer" | "supervisor", teamId: string): Promise<string> {
  const created = await createUser({ username, displayName: username, password: "correct-horse", role, teamId });
  if (!created.ok) throw new Error("setup failed");
  return created.user.id;
}

describe.each(STORES)("teams (%s)", (store) => {
  useStore(store);

  it("creates teams under a cleaned name, refuses a name taken, and lists them in pinyin order", async () => {
    // Arrange, act
    const created = await createTeam(" 阳光花园 ");
    await teamNamed("翠湖苑");
    await teamNamed("碧桂园");
    const again = await createTeam("阳光花园");
    // Assert
    expect(created).toEqual({
      ok: true,
      team: { id: expect.stringMatching(/^[0-9a-f]{20}$/), name: "阳光花园", trainerIds: [], createdAt: expect.any(String) },
    });
    expect(again).toEqual({ ok: false, error: "name-taken" });
    expect((await listTeams()).map((t) => t.name)).toEqual(["碧桂园", "翠湖苑", "阳光花园"]);
    if (!created.ok) return;
    expect(await getTeam(created.team.id)).toEqual(created.team);
    expect(await getTeam("nosuchteam")).toBeNull();
  });

  it("refuses one name created twice at once", async () => {
    const results = await Promise.all([createTeam("阳光花园"), createTeam("阳光花园")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await listTeams()).toHaveLength(1);
  });

  it("sets a team's trainers, in the order given and each once, and knows which teams a trainer trains", async () => {
    const a = await teamNamed("阳光花园");
    const b = await teamNamed("翠湖苑");
    const wang = await person("wang", "trainer", a);
    const li = await person("li", "trainer", a);
    expect(await setTeamTrainers(a, [li, wang, li])).toBe(true);
    expect(await setTeamTrainers(b, [wang])).toBe(true);
    expect(await setTeamTrainers("nosuchteam", [wang])).toBe(false);
    expect((await getTeam(a))?.trainerIds).toEqual([li, wang]);
    expect(await teamIdsTrainedBy(wang)).toEqual([b, a]);
    expect(await teamIdsTrainedBy(li)).toEqual([a]);
    expect(await setTeamTrainers(a, [])).toBe(true);
    expect(await teamIdsTrainedBy(li)).toEqual([]);
  });

  it("makes a trainer train exactly the given teams, keeping the other trainers", async () => {
    const a = await teamNamed("阳光花园");
    const b = await teamNamed("翠湖苑");
    const c = await teamNamed("碧桂园");
    const wang = await person("wang", "trainer", a);
    const li = await person("li", "trainer", a);
    await setTeamTrainers(a, [li, wang]);
    await setTeamTrainers(b, [li]);
    await setTeamsTrainedBy(wang, [b, c]);
    expect(await teamIdsTrainedBy(wang)).toEqual([c, b]);
    expect((await getTeam(a))?.trainerIds).toEqual([li]);
    expect((await getTeam(b))?.trainerIds).toEqual([li, wang]);
    expect((await getTeam(c))?.trainerIds).toEqual([wang]);
  });

  it("shows a supervisor every team, a trainer the teams they train, a trainee none", async () => {
    const a = await teamNamed("阳光花园");
    const b = await teamNamed("翠湖苑");
    const wang = await person("wang", "trainer", a);
    const chen = await person("chen", "supervisor", a);
    const xiao = await person("xiao", "trainee", a);
    await setTeamTrainers(b, [wang]);
    expect(await teamIdsVisibleTo({ id: chen, role: "supervisor" })).toEqual([b, a]);
    expect(await teamIdsVisibleTo({ id: wang, role: "trainer" })).toEqual([b]);
    expect(await teamIdsVisibleTo({ id: xiao, role: "trainee" })).toEqual([]);
  });
});
