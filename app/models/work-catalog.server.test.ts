import { describe, expect, it } from "vitest";
import { withTempDataDir } from "../../tests/support/data-dir";
import { person } from "../../tests/support/teams";
import { assignmentsForTrainee, createAssignment, describeAssignment, listAssignmentProgress } from "./assignments.server";
import { assignableAuthoredScenarios, createFromTemplate, publishDraft, retireScenario } from "./scenario-authoring.server";
import { createTeam } from "./teams.server";
import { traineeRecord } from "./trainee-record.server";
import { parseWork, workCatalog, workTitle } from "./work-catalog.server";

withTempDataDir();
const at = new Date("2026-12-03T08:00:00Z");

async function setup() {
  const mine = await createTeam("阳光花园", ["trainer0001"]);
  const alsoMine = await createTeam("翠湖苑", ["trainer0001"]);
  const notMine = await createTeam("金色家园", []);
  if (!mine.ok || !alsoMine.ok || !notMine.ok) throw new Error("setup");
  return {
    team: mine.team.id,
    otherTeam: alsoMine.team.id,
    foreignTeam: notMine.team.id,
    trainer: person("trainer0001", "trainer"),
    supervisor: person("super00001", "supervisor"),
  };
}

describe("assignable authored scenarios (issue 20)", () => {
  it("offers a published scenario to the teams it is published to, and for everyone to every team the trainer trains", async () => {
    // Arrange
    const { team, otherTeam, foreignTeam, trainer, supervisor } = await setup();
    const draftOnly = await createFromTemplate(trainer, at);
    const toOne = await createFromTemplate(trainer, at);
    const toEveryone = await createFromTemplate(supervisor, at);
    const elsewhere = await createFromTemplate(supervisor, at);
    // Act
    await publishDraft(toOne.id, [team], trainer, at);
    await publishDraft(toEveryone.id, "everyone", supervisor, at);
    await publishDraft(elsewhere.id, [foreignTeam], supervisor, at);
    const offered = await assignableAuthoredScenarios(trainer);
    // Assert
    expect(offered.map((s) => s.id).sort()).toEqual([toOne.id, toEveryone.id].sort());
    expect(offered.find((s) => s.id === toOne.id)).toMatchObject({ title: { zh: "新情景", en: "New scenario" }, teamIds: [team] });
    expect(offered.find((s) => s.id === toEveryone.id)!.teamIds.sort()).toEqual([team, otherTeam].sort());
    expect(offered.some((s) => s.id === draftOnly.id)).toBe(false);
    // A supervisor may assign the one published elsewhere, to that team.
    expect((await assignableAuthoredScenarios(supervisor)).find((s) => s.id === elsewhere.id)?.teamIds).toEqual([foreignTeam]);
  });

  it("parses an authored scenario only from the trainer's catalogue, with the teams it may go to", async () => {
    const { team, trainer, supervisor, foreignTeam } = await setup();
    const mine = await createFromTemplate(trainer, at);
    await publishDraft(mine.id, [team], trainer, at);
    const elsewhere = await createFromTemplate(supervisor, at);
    await publishDraft(elsewhere.id, [foreignTeam], supervisor, at);
    const authored = await assignableAuthoredScenarios(trainer);

    const catalog = workCatalog("en", authored);
    expect(catalog.authored).toEqual([
      { value: `scenario:${mine.id}:assessment`, title: "New scenario", mode: "assessment", teamIds: [team] },
      { value: `scenario:${mine.id}:practice`, title: "New scenario", mode: "practice", teamIds: [team] },
    ]);
    expect(parseWork(`scenario:${mine.id}:practice`, "zh-CN", authored)).toEqual({ kind: "scenario", target: mine.id, mode: "practice", teamIds: [team] });
    expect(parseWork(`scenario:${mine.id}:practice`, "zh-CN")).toBeNull();
    expect(parseWork(`scenario:${elsewhere.id}:practice`, "zh-CN", authored)).toBeNull();
    expect(parseWork("scenario:burst-pipe:practice", "zh-CN", authored)).toMatchObject({ target: "burst-pipe", teamIds: null });
  });

  it("resolves an assignment's title for the trainee and the trainer's views, and still after the scenario is retired", async () => {
    // Arrange
    const { team, trainer, supervisor } = await setup();
    const scenario = await createFromTemplate(trainer, at);
    await publishDraft(scenario.id, [team], trainer, at);
    const trainee = person("trainee001", "trainee", team);
    const assigned = await createAssignment(
      { kind: "scenario", target: scenario.id, mode: "practice", audience: { type: "team", teamId: team }, dueAt: "2026-12-10T15:59:59.999Z", note: "" },
      trainer,
      at,
    );
    if (!assigned.ok) throw new Error("not assigned");
    // Act, Assert
    expect(workTitle("scenario", scenario.id, "practice", "zh-CN")).toBe("新情景");
    expect(workTitle("scenario", scenario.id, "practice", "en")).toBe("New scenario");
    expect((await describeAssignment(assigned.assignment, "en")).what).toContain("New scenario");
    const mine = await assignmentsForTrainee(trainee, at);
    expect(mine.map((a) => a.assignment.target)).toEqual([scenario.id]);
    expect((await listAssignmentProgress([team], at)).map((p) => p.assignment.target)).toEqual([scenario.id]);
    // The supervisor's (and trainer's) record of the trainee names it too.
    expect((await traineeRecord(trainee, "en", at)).assignments.map((a) => a.title)).toEqual(["New scenario"]);

    await retireScenario(scenario.id, at);
    expect(workTitle("scenario", scenario.id, "practice", "zh-CN")).toBe("新情景");
    expect((await assignableAuthoredScenarios(supervisor)).some((s) => s.id === scenario.id)).toBe(false);
    expect((await listAssignmentProgress([team], at)).map((p) => p.assignment.target)).toEqual([scenario.id]);
    expect((await traineeRecord(trainee, "zh-CN", at)).assignments.map((a) => a.title)).toEqual(["新情景"]);
  });
});
