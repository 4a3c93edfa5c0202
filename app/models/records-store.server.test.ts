import path from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import type { AssessmentGrant } from "~/store/schema";
import { storedTrainer } from "../../tests/support/records";
import { STORES, useStore } from "../../tests/support/stores";
import { teamWithTrainees } from "../../tests/support/teams";
import { recordsStore } from "./records-store.server";
import { markCoachingRead } from "./review.server";
import { abandonAttempt, assessmentAllowanceFor, assessmentGrantsFor, grantAssessmentAttempt, startAttempt } from "./roleplay.server";

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour));

describe.each(STORES)("a trainee's own records (%s)", (store) => {
  useStore(store);

  it("remember when the trainee last read their coaching, each trainee apart", async () => {
    const { ids } = await teamWithTrainees("李晓雨", "张明");
    expect(await recordsStore().coachingReadAt(ids[0])).toBeNull();
    await markCoachingRead(ids[0], at(5));
    await markCoachingRead(ids[0], at(6));
    expect(await recordsStore().coachingReadAt(ids[0])).toBe(at(6).toISOString());
    expect(await recordsStore().coachingReadAt(ids[1])).toBeNull();
  });

  it("add one granted attempt when several trainers grant at the same moment, and keep the grants in order", async () => {
    const { teamId, ids } = await teamWithTrainees("李晓雨", "张明");
    const trainers = [await storedTrainer(teamId), await storedTrainer(teamId, "trainer2", "赵老师")];
    const grant = (by: number, scenarioId: string, hour: number): AssessmentGrant => ({
      scenarioId,
      byId: trainers[by].id,
      byName: trainers[by].displayName,
      at: at(4, hour).toISOString(),
    });
    // The rule as grantAssessmentAttempt asks it: not needed once one grant for the scenario is there.
    const refuse = (scenarioId: string) => (grants: AssessmentGrant[]) => grants.some((g) => g.scenarioId === scenarioId);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => recordsStore().addGrantUnless(ids[0], grant(i % 2, "angry-owner", 10), refuse("angry-owner"))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await recordsStore().addGrantUnless(ids[0], grant(1, "lift-entrapment", 11), refuse("lift-entrapment"))).toBe(true);
    expect(await recordsStore().addGrantUnless(ids[0], grant(0, "lift-entrapment", 12), () => false)).toBe(true);
    expect((await recordsStore().grants(ids[0])).map((g) => [g.scenarioId, g.at])).toEqual([
      ["angry-owner", at(4, 10).toISOString()],
      ["lift-entrapment", at(4, 11).toISOString()],
      ["lift-entrapment", at(4, 12).toISOString()],
    ]);
    expect((await recordsStore().grants(ids[0]))[1]).toEqual(grant(1, "lift-entrapment", 11));
    expect(await recordsStore().grants(ids[1])).toEqual([]);
  });
});

describe.each(STORES)("granting an assessment attempt (%s)", (store) => {
  useStore(store);
  const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));

  it("grants one attempt when two trainers grant at the same moment", async () => {
    const { teamId, ids } = await teamWithTrainees("李晓雨");
    const trainers = [await storedTrainer(teamId), await storedTrainer(teamId, "trainer2", "赵老师")];
    for (const day of [1, 2, 3]) await abandonAttempt(ids[0], (await startAttempt(ids[0], script, "assessment", at(day))).id, at(day, 10));
    expect(await assessmentAllowanceFor(ids[0], "angry-owner", at(4))).toMatchObject({ allowed: false });
    const granted = await Promise.all(trainers.map((by) => grantAssessmentAttempt(ids[0], "angry-owner", by, at(4, 10))));
    expect(granted).toEqual(expect.arrayContaining([{ ok: true }, { ok: false, error: "not-needed" }]));
    expect(await assessmentGrantsFor(ids[0], "angry-owner")).toHaveLength(1);
    expect(await assessmentAllowanceFor(ids[0], "angry-owner", at(4, 11))).toMatchObject({ allowed: true });
  });
});
