import path from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { withTempDataDir } from "../../tests/support/data-dir";
import { addComment, adjustScore, listTeamAttempts, markCoachingRead, recentCoaching } from "./review.server";
import { createUser, setUserActive } from "./users.server";
import { finishRudely, testTrainer as trainer } from "../../tests/support/roleplay-attempts";

withTempDataDir();
const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));
const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);

describe("a trainee's recent coaching", () => {
  it("gathers comments and score changes from every call, newest first, up to the limit", async () => {
    const older = await finishRudely("trainee0201", script, "practice", day(10));
    const newer = await finishRudely("trainee0201", script, "assessment", day(12));
    await addComment("trainee0201", older, 1, "先道歉，再复述。", trainer, day(11));
    await adjustScore("trainee0201", newer, "empathy", 60, "复核录音", trainer, day(14));
    await addComment("trainee0201", newer, 2, "别让业主自己去找楼上。", trainer, day(13));
    await finishRudely("trainee0202", script, "practice", day(10)); // someone else's call, no coaching

    const notes = await recentCoaching("trainee0201", 5);
    expect(notes.map((n) => [n.kind, n.attemptId, n.at])).toEqual([
      ["adjustment", newer, day(14).toISOString()],
      ["comment", newer, day(13).toISOString()],
      ["comment", older, day(11).toISOString()],
    ]);
    expect(notes[0]).toMatchObject({ scenarioId: "angry-owner", dimension: "empathy", to: 60, reason: "复核录音", byName: "王建国" });
    expect(notes[1]).toMatchObject({ turn: 2, text: "别让业主自己去找楼上。" });
    expect(await recentCoaching("trainee0201", 2)).toHaveLength(2);
    expect(await recentCoaching("trainee0202", 5)).toEqual([]);

    // New until the trainee marks them read; what a trainer says after that is new again.
    expect(notes.every((n) => n.isNew)).toBe(true);
    await markCoachingRead("trainee0201", day(15));
    expect((await recentCoaching("trainee0201", 5)).some((n) => n.isNew)).toBe(false);
    await addComment("trainee0201", older, 2, "语速再慢一点。", trainer, day(16));
    expect((await recentCoaching("trainee0201", 5)).map((n) => n.isNew)).toEqual([true, false, false, false]);
  });
});

describe("a trainer's list of calls", () => {
  it("finds the calls not yet reviewed, and those commented on or rescored", async () => {
    const created = await Promise.all(
      ["甲", "乙"].map((name, i) =>
        createUser({ username: `desk0${i}`, displayName: `学员${name}`, password: "password123", role: "trainee", teamId: "team000001" }),
      ),
    );
    const [a, b] = created.map((c) => (c.ok ? c.user.id : ""));
    const untouched = await finishRudely(a, script, "practice", day(10));
    const commented = await finishRudely(a, script, "practice", day(11));
    const rescored = await finishRudely(b, script, "assessment", day(12));
    await addComment(a, commented, 1, "先道歉。", trainer, day(13));
    await adjustScore(b, rescored, "wording", 55, "复核录音", trainer, day(13));

    const ids = async (filter: Parameters<typeof listTeamAttempts>[1]) => (await listTeamAttempts(["team000001"], filter)).map((x) => x.attemptId);
    expect(await ids({})).toEqual([rescored, commented, untouched]);
    expect(await ids({ reviewed: "no" })).toEqual([untouched]);
    expect(await ids({ reviewed: "yes" })).toEqual([rescored, commented]);
    expect(await ids({ reviewed: "yes", userId: b })).toEqual([rescored]);
    expect(await listTeamAttempts(["team000002"], {})).toEqual([]);
    // A deactivated trainee's calls stay listed, but not as anyone's next task.
    await setUserActive(b, false);
    expect(await ids({ reviewed: "yes" })).toEqual([rescored, commented]);
    expect(await ids({ reviewed: "yes", activeTraineesOnly: true })).toEqual([commented]);
  });
});
