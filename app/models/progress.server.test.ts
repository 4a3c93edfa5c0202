import { describe, expect, it } from "vitest";
import { getCourseware } from "~/courseware/courseware.server";
import { storedTrainer } from "../../tests/support/records";
import { STORES, useStore } from "../../tests/support/stores";
import { teamWithTrainees } from "../../tests/support/teams";
import { createAssignment, listAssignmentProgress } from "./assignments.server";
import { completeModule, getProgress, listModulesWithStatus, listTeamProgress, markSectionRead } from "./progress.server";
import { setUserActive } from "./users.server";

const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);
const core = () => getCourseware("zh-CN").find((m) => m.slug === "core-process")!;

describe.each(STORES)("reading progress (%s)", (store) => {
  useStore(store);

  it("records each section read once, in the order first read, and where the trainee is now", async () => {
    const { ids } = await teamWithTrainees("李晓雨");
    const [first, second] = core().sections;
    expect(await getProgress(ids[0])).toEqual({});
    await markSectionRead(ids[0], "core-process", second.id, day(5));
    await markSectionRead(ids[0], "core-process", first.id, day(6));
    const again = await markSectionRead(ids[0], "core-process", second.id, day(7));
    const expected = {
      sectionsRead: [second.id, first.id],
      lastSection: second.id,
      startedAt: day(5).toISOString(),
      updatedAt: day(7).toISOString(),
      completedAt: null,
    };
    expect(again).toEqual(expected);
    expect(await getProgress(ids[0])).toEqual({ "core-process": expected });
    const status = (await listModulesWithStatus(ids[0], "zh-CN")).find((m) => m.slug === "core-process")!.status;
    expect(status).toMatchObject({ state: "in-progress", read: 2, lastActive: day(7).toISOString() });
  });

  it("keeps every section read when several are read at the same moment", async () => {
    const { ids } = await teamWithTrainees("李晓雨");
    const sections = core().sections.map((s) => s.id);
    await Promise.all(sections.map((id) => markSectionRead(ids[0], "core-process", id, day(5))));
    expect([...(await getProgress(ids[0]))["core-process"].sectionsRead].sort()).toEqual([...sections].sort());
  });

  it("completes a module only once every section is read, and keeps the first completion's date", async () => {
    const { ids } = await teamWithTrainees("李晓雨");
    const mod = core();
    const all = mod.sections.map((s) => s.id);
    expect(await completeModule(ids[0], mod.slug, mod.sections, day(5))).toEqual({ ok: false, unread: all });
    await markSectionRead(ids[0], mod.slug, all[0], day(5));
    expect(await completeModule(ids[0], mod.slug, mod.sections, day(5))).toEqual({ ok: false, unread: all.slice(1) });
    for (const id of all.slice(1)) await markSectionRead(ids[0], mod.slug, id, day(6));
    // Completed twice at once (two requests, two servers): both succeed, with one date.
    const twice = await Promise.all([completeModule(ids[0], mod.slug, mod.sections, day(7)), completeModule(ids[0], mod.slug, mod.sections, day(8))]);
    const completedAt = twice.map((r) => (r.ok ? r.progress.completedAt : null));
    expect(completedAt[0]).toBe(completedAt[1]);
    expect([day(7).toISOString(), day(8).toISOString()]).toContain(completedAt[0]);
    expect(await completeModule(ids[0], mod.slug, mod.sections, day(9))).toMatchObject({
      ok: true,
      progress: { completedAt: completedAt[0], updatedAt: day(9).toISOString() },
    });
    expect((await listModulesWithStatus(ids[0], "zh-CN")).find((m) => m.slug === mod.slug)!.status).toMatchObject({
      state: "completed",
      completedAt: completedAt[0],
    });
  });
});

describe.each(STORES)("a team's progress (%s)", (store) => {
  useStore(store);

  it("counts the active trainees, and names the deactivated apart", async () => {
    const { teamId, ids } = await teamWithTrainees("李晓雨", "张明");
    await setUserActive(ids[1], false);
    await markSectionRead(ids[0], "core-process", core().sections[0].id, day(4));
    const [team] = await listTeamProgress([teamId], getCourseware("zh-CN"));
    expect(team.trainees).toEqual([
      {
        userId: ids[0],
        displayName: "李晓雨",
        username: "desk0",
        modulesDone: 0,
        sectionsRead: 1,
        sectionsTotal: expect.any(Number),
        lastActive: day(4).toISOString(),
      },
    ]);
    expect(team.inactive).toEqual([{ userId: ids[1], displayName: "张明" }]);
    // Nor is a deactivated trainee anyone to finish a team's task.
    await createAssignment(
      { kind: "module", target: "core-process", mode: null, audience: { type: "team", teamId }, dueAt: day(20).toISOString(), note: "" },
      await storedTrainer(teamId),
      day(5),
    );
    const [progress] = await listAssignmentProgress([teamId], day(6));
    expect(progress.trainees.map((t) => t.displayName)).toEqual(["李晓雨"]);
  });
});
