import { describe, expect, it } from "vitest";
import { getCourseware } from "~/courseware/courseware.server";
import { testTrainer as trainer } from "../../tests/support/roleplay-attempts";
import { withTempDataDir } from "../../tests/support/data-dir";
import { teamWithTrainees } from "../../tests/support/teams";
import { createAssignment, listAssignmentProgress } from "./assignments.server";
import { listTeamProgress } from "./progress.server";
import { setUserActive } from "./users.server";

withTempDataDir();
const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);

describe("a team's progress", () => {
  it("counts the active trainees, and names the deactivated apart", async () => {
    const { teamId, ids } = await teamWithTrainees("李晓雨", "张明");
    await setUserActive(ids[1], false);
    const [team] = await listTeamProgress([teamId], getCourseware("zh-CN"));
    expect(team.trainees.map((t) => t.displayName)).toEqual(["李晓雨"]);
    expect(team.inactive).toEqual([{ userId: ids[1], displayName: "张明" }]);
    // Nor is a deactivated trainee anyone to finish a team's task.
    await createAssignment(
      { kind: "module", target: "core-process", mode: null, audience: { type: "team", teamId }, dueAt: day(20).toISOString(), note: "" },
      trainer,
      day(5),
    );
    const [progress] = await listAssignmentProgress([teamId], day(6));
    expect(progress.trainees.map((t) => t.displayName)).toEqual(["李晓雨"]);
  });
});
