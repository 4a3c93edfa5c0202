import { describe, expect, it } from "vitest";
import { withTempDataDir } from "../../tests/support/data-dir";
import { testTrainer as trainer } from "../../tests/support/roleplay-attempts";
import {
  cancelAssignment,
  createAssignment,
  listAssignmentProgress,
  listCancelledAssignments,
  restoreAssignment,
  type NewAssignment,
} from "./assignments.server";
import { createUser } from "./users.server";

withTempDataDir();
const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);
const teamWork: NewAssignment = {
  kind: "scenario",
  target: "burst-pipe",
  mode: "practice",
  audience: { type: "team", teamId: "team000001" },
  dueAt: "2026-11-20T15:59:59.999Z",
  note: "周末前练一遍",
};
const openIds = async () => (await listAssignmentProgress(["team000001"], day(10))).map((p) => p.assignment.id);

describe("assignments", () => {
  it("refuse the same work for the same audience and due date while it is open, and nothing is written", async () => {
    const first = await createAssignment(teamWork, trainer, day(10));
    if (!first.ok) throw new Error("the first one is refused");
    const again = await createAssignment({ ...teamWork, note: "另一条备注" }, trainer, day(11));
    expect(again).toEqual({ ok: false, error: "duplicate", existing: first.assignment });
    expect(await openIds()).toEqual([first.assignment.id]);

    // Any difference makes it other work: the mode, the day, the audience.
    const others: NewAssignment[] = [
      { ...teamWork, mode: "assessment" },
      { ...teamWork, dueAt: "2026-11-21T15:59:59.999Z" },
      { ...teamWork, audience: { type: "team", teamId: "team000002" } },
      { ...teamWork, target: "angry-owner" },
    ];
    for (const work of others) expect((await createAssignment(work, trainer, day(11))).ok).toBe(true);
  });

  it("can be cancelled and restored; a restore that would make a second copy is refused", async () => {
    const created = await createUser({ username: "desk01", displayName: "前台", password: "password123", role: "trainee", teamId: "team000001" });
    const userId = created.ok ? created.user.id : "";
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
    expect(await openIds()).toEqual([]);
    expect(await listCancelledAssignments(["team000001"])).toMatchObject([{ id, cancelledAt: day(11).toISOString() }]);
    expect(await listCancelledAssignments(["team000002"])).toEqual([]);

    expect(await restoreAssignment(id)).toEqual({ ok: true });
    expect(await openIds()).toEqual([id]);
    expect(await listCancelledAssignments(["team000001"])).toEqual([]);
    expect(await restoreAssignment(id)).toEqual({ ok: false, error: "not-cancelled" });

    // Cancelled, then assigned afresh: the old one cannot come back beside the new one.
    await cancelAssignment(id, day(12));
    const fresh = await createAssignment(forOne, trainer, day(12));
    if (!fresh.ok) throw new Error("a cancelled assignment blocks the same work");
    expect(await restoreAssignment(id)).toEqual({ ok: false, error: "duplicate", existing: fresh.assignment });
    expect(await openIds()).toEqual([fresh.assignment.id]);
  });
});
