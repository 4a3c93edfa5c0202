import { describe, expect, it } from "vitest";
import { storedTrainer } from "../../tests/support/records";
import { STORES, useStore } from "../../tests/support/stores";
import {
  assignmentsForTrainee,
  cancelAssignment,
  createAssignment,
  getAssignment,
  listAssignmentProgress,
  listCancelledAssignments,
  remindAssignment,
  restoreAssignment,
  type NewAssignment,
} from "./assignments.server";
import { createTeam } from "./teams.server";
import { createUser, type User } from "./users.server";

const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);

/** Two teams (阳光花园 and 翠湖), a trainer of the first, and the first team's work: a scenario to practise. */
async function setup() {
  const teams: string[] = [];
  for (const name of ["阳光花园", "翠湖"]) {
    const created = await createTeam(name);
    if (!created.ok) throw new Error("team");
    teams.push(created.team.id);
  }
  const trainer = await storedTrainer(teams[0]);
  const teamWork: NewAssignment = {
    kind: "scenario",
    target: "burst-pipe",
    mode: "practice",
    audience: { type: "team", teamId: teams[0] },
    dueAt: "2026-11-20T15:59:59.999Z",
    note: "周末前练一遍",
  };
  const openIds = async () => (await listAssignmentProgress([teams[0]], day(10))).map((p) => p.assignment.id);
  return { teams, trainer, teamWork, openIds };
}

async function trainee(teamId: string, username = "desk01"): Promise<User> {
  const created = await createUser({ username, displayName: "前台", password: "password123", role: "trainee", teamId });
  if (!created.ok) throw new Error("trainee");
  return created.user;
}

describe.each(STORES)("assignments (%s)", (store) => {
  useStore(store);

  it("refuse the same work for the same audience and due date while it is open, and nothing is written", async () => {
    const { teams, trainer, teamWork, openIds } = await setup();
    const first = await createAssignment(teamWork, trainer, day(10));
    if (!first.ok) throw new Error("the first one is refused");
    expect(first.assignment).toEqual({
      ...teamWork,
      id: expect.any(String),
      createdById: trainer.id,
      createdByName: "王建国",
      createdAt: day(10).toISOString(),
      cancelledAt: null,
      remindedAt: [],
    });
    expect(await getAssignment(first.assignment.id)).toEqual(first.assignment);
    expect(await getAssignment("nosuchassignment")).toBeNull();
    const again = await createAssignment({ ...teamWork, note: "另一条备注" }, trainer, day(11));
    expect(again).toEqual({ ok: false, error: "duplicate", existing: first.assignment });
    expect(await openIds()).toEqual([first.assignment.id]);

    // Any difference makes it other work: the mode, the day, the audience.
    const others: NewAssignment[] = [
      { ...teamWork, mode: "assessment" },
      { ...teamWork, dueAt: "2026-11-21T15:59:59.999Z" },
      { ...teamWork, audience: { type: "team", teamId: teams[1] } },
      { ...teamWork, target: "angry-owner" },
    ];
    for (const work of others) expect((await createAssignment(work, trainer, day(11))).ok).toBe(true);
  });

  it("can be cancelled and restored; a restore that would make a second copy is refused", async () => {
    const { teams, trainer, teamWork, openIds } = await setup();
    const userId = (await trainee(teams[0])).id;
    const forOne: NewAssignment = {
      kind: "module",
      target: "core-process",
      mode: null,
      audience: { type: "trainee", userId },
      dueAt: teamWork.dueAt,
      note: "",
    };
    const first = await createAssignment(forOne, trainer, day(10));
    if (!first.ok) throw new Error("refused");
    const id = first.assignment.id;

    expect(await cancelAssignment(id, day(11))).toBe(true);
    expect(await cancelAssignment(id, day(11))).toBe(false);
    expect(await openIds()).toEqual([]);
    expect(await listCancelledAssignments([teams[0]])).toMatchObject([{ id, cancelledAt: day(11).toISOString() }]);
    expect(await listCancelledAssignments([teams[1]])).toEqual([]);

    expect(await restoreAssignment(id)).toEqual({ ok: true });
    expect(await openIds()).toEqual([id]);
    expect(await listCancelledAssignments([teams[0]])).toEqual([]);
    expect(await restoreAssignment(id)).toEqual({ ok: false, error: "not-cancelled" });
    expect(await restoreAssignment("nosuchassignment")).toEqual({ ok: false, error: "not-cancelled" });

    // Cancelled, then assigned afresh: the old one cannot come back beside the new one.
    await cancelAssignment(id, day(12));
    const fresh = await createAssignment(forOne, trainer, day(12));
    if (!fresh.ok) throw new Error("a cancelled assignment blocks the same work");
    expect(await restoreAssignment(id)).toEqual({ ok: false, error: "duplicate", existing: fresh.assignment });
    expect(await openIds()).toEqual([fresh.assignment.id]);
  });

  it("give the same work once when it is assigned several times at once, and restore one of two cancelled copies", async () => {
    const { trainer, teamWork, openIds } = await setup();
    // Five submissions at the same moment (a double click, two trainers, two servers).
    const results = await Promise.all(Array.from({ length: 5 }, () => createAssignment(teamWork, trainer, day(10))));
    const given = results.filter((r) => r.ok);
    expect(given).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(4).fill({ ok: false, error: "duplicate", existing: given[0].ok && given[0].assignment }));
    expect(await openIds()).toHaveLength(1);

    // Two cancelled copies of the same work, restored at once: one comes back.
    const [firstId] = await openIds();
    await cancelAssignment(firstId, day(11));
    const second = await createAssignment(teamWork, trainer, day(11));
    if (!second.ok) throw new Error("refused");
    await cancelAssignment(second.assignment.id, day(11));
    const restored = await Promise.all([restoreAssignment(firstId), restoreAssignment(second.assignment.id)]);
    expect(restored.filter((r) => r.ok)).toHaveLength(1);
    expect(restored.filter((r) => !r.ok)).toMatchObject([{ ok: false, error: "duplicate" }]);
    expect(await openIds()).toHaveLength(1);
  });

  it("are a trainee's to see when given to them or their team, with reminders, and nobody else's", async () => {
    const { teams, trainer, teamWork } = await setup();
    const [mine, neighbour, elsewhere] = [await trainee(teams[0]), await trainee(teams[0], "desk02"), await trainee(teams[1], "desk03")];
    const toTeam = await createAssignment(teamWork, trainer, day(10));
    const toMe = await createAssignment({ ...teamWork, audience: { type: "trainee", userId: mine.id }, dueAt: "2026-11-18T15:59:59.999Z" }, trainer, day(10));
    const toOther = await createAssignment({ ...teamWork, audience: { type: "trainee", userId: neighbour.id } }, trainer, day(10));
    if (!toTeam.ok || !toMe.ok || !toOther.ok) throw new Error("refused");
    expect(await remindAssignment(toTeam.assignment.id, day(12))).toBe(true);
    expect(await remindAssignment(toTeam.assignment.id, day(13))).toBe(true);

    const seen = await assignmentsForTrainee(mine, day(14));
    expect(seen.map((a) => a.assignment.id)).toEqual([toMe.assignment.id, toTeam.assignment.id]);
    expect(seen[1]).toMatchObject({ state: "due", completedAt: null, assignment: { remindedAt: [day(12).toISOString(), day(13).toISOString()] } });
    expect((await assignmentsForTrainee(elsewhere, day(14))).map((a) => a.assignment.id)).toEqual([]);

    // Cancelled: seen no more, and no longer reminded.
    await cancelAssignment(toMe.assignment.id, day(14));
    expect(await remindAssignment(toMe.assignment.id, day(15))).toBe(false);
    expect((await assignmentsForTrainee(mine, day(15))).map((a) => a.assignment.id)).toEqual([toTeam.assignment.id]);
    const progress = await listAssignmentProgress([teams[0]], day(15));
    expect(progress.map((p) => [p.assignment.id, p.trainees.map((t) => t.userId)])).toEqual([
      [toTeam.assignment.id, [mine.id, neighbour.id]],
      [toOther.assignment.id, [neighbour.id]],
    ]);
  });
});
