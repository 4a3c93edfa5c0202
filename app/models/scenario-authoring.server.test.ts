import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withTempDataDir } from "../../tests/support/data-dir";
import { person as personOf } from "../../tests/support/teams";
import { rawScript } from "~/roleplay/authoring";
import { getScenario, getScenarioAt } from "~/roleplay/scenario-files.server";
import { allAttempts, startAttempt } from "./roleplay.server";
import {
  copyBuiltInScenario,
  createFromTemplate,
  editableText,
  getAuthoredScenario,
  importScenario,
  listAuthoredScenarios,
  playableScenario,
  publishDraft,
  retireScenario,
  rollBackDraft,
  saveDraftForm,
  saveDraftText,
  visibleAuthoredScenarios,
} from "./scenario-authoring.server";
import { createTeam } from "./teams.server";
import type { User } from "./users.server";

const store = withTempDataDir();
const at = new Date("2026-12-03T08:00:00Z");

const person = (id: string, role: User["role"], teamId = "none"): User => personOf(id, role, teamId, id === "trainer0001" ? "王建国" : "陈静");

async function setup() {
  const created = await createTeam("阳光花园", ["trainer0001"]);
  const other = await createTeam("翠湖苑", []);
  if (!created.ok || !other.ok) throw new Error("setup");
  return {
    team: created.team.id,
    otherTeam: other.team.id,
    trainer: person("trainer0001", "trainer"),
    supervisor: person("super00001", "supervisor"),
    trainee: person("trainee001", "trainee", created.team.id),
    outsider: person("trainee002", "trainee", other.team.id),
  };
}

describe("scenario authoring", () => {
  it("copies a built-in scenario, keeps a draft with problems, and publishes versions a trainee of the team plays", async () => {
    // Arrange
    const { team, trainer, trainee, outsider } = await setup();
    const copy = (await copyBuiltInScenario("angry-owner", trainer, at))!;
    expect(copy.id).toMatch(/^org-[a-z0-9]{10}$/);
    expect(editableText(copy)).toContain(`id: ${copy.id}`);
    expect(editableText(copy).startsWith("# 愤怒的业主")).toBe(true);

    // Act: a branch to a turn that does not exist is saved as a draft, and cannot be published or played.
    const broken = editableText(copy).replace("goto: hotline-threat", "goto: nowhere");
    const saved = await saveDraftText(copy.id, broken, trainer, at);
    // Assert
    expect(saved).toMatchObject({ ok: true, problems: [expect.objectContaining({ code: "goto" })] });
    expect((await getAuthoredScenario(copy.id))!.draft!.yaml).toBe(broken);
    expect(await publishDraft(copy.id, [team], trainer, at)).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: "goto" })] });
    expect(await playableScenario(trainer, `draft-${copy.id}`)).toBeNull();

    // Act: the form renames the owner; the draft is played by its author, apart from every record.
    await saveDraftText(copy.id, editableText(copy), trainer, at);
    const renamed = await saveDraftForm(copy.id, new Map([["personas.owner.name.zh", "王女士"]]), new Map(), trainer, at);
    expect(renamed).toMatchObject({ ok: true, problems: [] });
    const draft = (await playableScenario(trainer, `draft-${copy.id}`))!;
    expect(draft).toMatchObject({ draft: true, script: { id: `draft-${copy.id}` } });
    expect(await playableScenario(trainee, `draft-${copy.id}`)).toBeNull();
    await startAttempt(trainer.id, draft.script, "practice", at, true);
    expect(await allAttempts(trainer.id)).toEqual([]);

    // Act: published to the trainer's team.
    expect(await publishDraft(copy.id, "everyone", trainer, at)).toEqual({ ok: false, error: "audience" });
    expect(await publishDraft(copy.id, [team], trainer, at)).toEqual({ ok: true, version: 1 });
    // Assert
    expect((await visibleAuthoredScenarios(trainee)).map((s) => s.id)).toEqual([copy.id]);
    expect(await visibleAuthoredScenarios(outsider)).toEqual([]);
    expect(await playableScenario(outsider, copy.id)).toBeNull();
    const v1 = (await playableScenario(trainee, copy.id))!.script;
    expect(v1.version).toBe(1);
    expect(v1.personas.owner.name.zh).toBe("王女士");

    // Act: version 2 renames her again; version 1 stays as it was.
    await saveDraftForm(copy.id, new Map([["personas.owner.name.zh", "赵女士"]]), new Map(), trainer, at);
    expect(await publishDraft(copy.id, [team], trainer, at)).toEqual({ ok: true, version: 2 });
    expect(getScenario(copy.id)!.personas.owner.name.zh).toBe("赵女士");
    expect(getScenarioAt(copy.id, 1)!.personas.owner.name.zh).toBe("王女士");
    expect(rawScript((await getAuthoredScenario(copy.id))!.versions[1].yaml)!.version).toBe(2);

    // Roll back: version 1's text becomes the draft, published as version 3.
    expect(await rollBackDraft(copy.id, 1, trainer, at)).toEqual({ ok: true });
    expect(await publishDraft(copy.id, [team], trainer, at)).toEqual({ ok: true, version: 3 });
    const v3 = (await getAuthoredScenario(copy.id))!.versions[2];
    expect(v3.rolledBackFrom).toBe(1);
    expect(getScenarioAt(copy.id, 3)!.personas.owner.name.zh).toBe("王女士");
  });

  it("keeps the store file durable and the built-in scripts untouched", async () => {
    const { trainer } = await setup();
    const before = await readFile("scenarios/angry-owner.yaml", "utf8");
    const blank = await createFromTemplate(trainer, at);
    await saveDraftText(blank.id, editableText(blank).replace("新情景", "地下车库进水"), trainer, at);
    expect(await readFile("scenarios/angry-owner.yaml", "utf8")).toBe(before);
    const onDisk = JSON.parse(await readFile(path.join(store.dir(), "scenarios.json"), "utf8"));
    expect(onDisk.scenarios[0].draft.yaml).toContain("地下车库进水");
  });

  it("refuses an import or a save that is not a script, writing nothing", async () => {
    const { trainer } = await setup();
    expect(await importScenario("id: [unclosed", trainer, at)).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: "yaml" })] });
    expect(await importScenario("\u0000binary", trainer, at)).toMatchObject({ ok: false });
    expect(await listAuthoredScenarios()).toEqual([]);
    const imported = await importScenario(await readFile("scenarios/noise-dispute.yaml", "utf8"), trainer, at);
    expect(imported.ok).toBe(true);
    const id = imported.ok ? imported.scenario.id : "";
    const before = (await getAuthoredScenario(id))!.draft!.yaml;
    expect(await saveDraftText(id, "- not: a\n- mapping", trainer, at)).toMatchObject({ ok: false });
    expect((await getAuthoredScenario(id))!.draft!.yaml).toBe(before);
    expect(before).toContain(`id: ${id}`);
  });

  it("lets a supervisor publish for everyone and retire: the scenario leaves the lists, its versions stay", async () => {
    const { supervisor, outsider } = await setup();
    const blank = await createFromTemplate(supervisor, at);
    expect(await publishDraft(blank.id, "everyone", supervisor, at)).toEqual({ ok: true, version: 1 });
    expect((await visibleAuthoredScenarios(outsider)).length).toBe(1);
    expect(await retireScenario(blank.id, at)).toBe(true);
    expect(await visibleAuthoredScenarios(outsider)).toEqual([]);
    expect(await playableScenario(outsider, blank.id)).toBeNull();
    expect(getScenarioAt(blank.id, 1)?.title.zh).toBe("新情景");
    expect(await saveDraftText(blank.id, editableText(blank), supervisor, at)).toEqual({ ok: false, error: "retired" });
  });
});
