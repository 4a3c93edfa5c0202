import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STORES, useStore } from "../../tests/support/stores";
import { rawScript } from "~/roleplay/authoring";
import { getScenario, getScenarioAt } from "~/roleplay/scenario-files.server";
import { databaseUrl } from "~/store/config.server";
import { query } from "~/store/postgres/pool.server";
import { closePublishedScenarioMirror, PublishedScenarioMirror } from "./postgres/published-scenarios.server";
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
import { createTeam, setTeamTrainers } from "./teams.server";
import { createUser, type User } from "./users.server";

const at = new Date("2026-12-03T08:00:00Z");

async function person(username: string, role: User["role"], teamId: string, displayName = "陈静"): Promise<User> {
  const created = await createUser({ username, displayName, password: "password123", role, teamId });
  if (!created.ok) throw new Error("setup");
  return created.user;
}

async function setup() {
  const created = await createTeam("阳光花园");
  const other = await createTeam("翠湖苑");
  if (!created.ok || !other.ok) throw new Error("setup");
  const trainer = await person("trainer01", "trainer", created.team.id, "王建国");
  await setTeamTrainers(created.team.id, [trainer.id]);
  return {
    team: created.team.id,
    otherTeam: other.team.id,
    trainer,
    supervisor: await person("super01", "supervisor", other.team.id),
    trainee: await person("trainee01", "trainee", created.team.id),
    outsider: await person("trainee02", "trainee", other.team.id),
  };
}

/** Waits until `check` holds (what another server learns by notification comes a moment after the commit). */
async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("not within the time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

afterAll(() => closePublishedScenarioMirror());

describe.each(STORES)("scenario authoring (%s)", (store) => {
  useStore(store);

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

  it("keeps the draft in the store and the built-in scripts untouched", async () => {
    const { trainer } = await setup();
    const before = await readFile("scenarios/angry-owner.yaml", "utf8");
    const blank = await createFromTemplate(trainer, at);
    await saveDraftText(blank.id, editableText(blank).replaceAll("新情景", "地下车库进水"), trainer, at);
    expect(await readFile("scenarios/angry-owner.yaml", "utf8")).toBe(before);
    const stored =
      store === "lowdb"
        ? JSON.parse(await readFile(path.join(process.env.DATA_DIR!, "scenarios.json"), "utf8")).scenarios[0].draft.yaml
        : (await query<{ yaml: string }>("SELECT draft_yaml AS yaml FROM org_scenarios")).rows[0].yaml;
    expect(stored).toContain("地下车库进水");
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

  it("exports a published version that imports again as a new draft, word for word but its id", async () => {
    const { supervisor } = await setup();
    const blank = await createFromTemplate(supervisor, at);
    await publishDraft(blank.id, "everyone", supervisor, at);
    const exported = (await getAuthoredScenario(blank.id))!.versions[0].yaml;
    const imported = await importScenario(exported, supervisor, at);
    if (!imported.ok) throw new Error("not imported");
    expect(imported.scenario).toMatchObject({ copiedFrom: "import", versions: [], draftRevision: 1 });
    expect(imported.scenario.draft!.yaml.replaceAll(imported.scenario.id, blank.id)).toBe(exported);
    expect((await listAuthoredScenarios()).map((s) => s.id)).toEqual([imported.scenario.id, blank.id]);
  });

  it("publishes a draft sent twice at once as one version; the second is told to look again", async () => {
    const { team, trainer } = await setup();
    const blank = await createFromTemplate(trainer, at);
    const results = await Promise.all([publishDraft(blank.id, [team], trainer, at), publishDraft(blank.id, [team], trainer, at)]);
    expect(results).toContainEqual({ ok: true, version: 1 });
    expect(results).toContainEqual({ ok: false, error: "no-draft" });
    expect((await getAuthoredScenario(blank.id))!.versions.map((v) => [v.version, v.audience])).toEqual([[1, [team]]]);
  });

  it("keeps a roll back's note with the draft until it is published, then on the version", async () => {
    const { team, trainer } = await setup();
    const blank = await createFromTemplate(trainer, at);
    await publishDraft(blank.id, [team], trainer, at);
    await saveDraftText(blank.id, editableText((await getAuthoredScenario(blank.id))!).replaceAll("新情景", "地下车库进水"), trainer, at);
    await publishDraft(blank.id, [team], trainer, at);
    expect(await rollBackDraft(blank.id, 1, trainer, at)).toEqual({ ok: true });
    expect(await rollBackDraft(blank.id, 7, trainer, at)).toEqual({ ok: false, error: "no-version" });
    expect(await publishDraft(blank.id, [team], trainer, at)).toEqual({ ok: true, version: 3 });
    await saveDraftText(blank.id, editableText((await getAuthoredScenario(blank.id))!), trainer, at);
    expect(await publishDraft(blank.id, [team], trainer, at)).toEqual({ ok: true, version: 4 });
    expect((await getAuthoredScenario(blank.id))!.versions.map((v) => v.rolledBackFrom)).toEqual([null, null, 1, null]);
    expect(getScenarioAt(blank.id, 2)!.title.zh).toBe("地下车库进水");
    expect(getScenario(blank.id)!.title.zh).toBe("新情景");
  });

  it.runIf(store === "postgres")("lets every server find a version another server published, also after its listener was lost", async () => {
    // Arrange: this server's copy of the published texts, and a second server's.
    const { supervisor } = await setup();
    const blank = await createFromTemplate(supervisor, at);
    const other = new PublishedScenarioMirror(databaseUrl());
    await other.open();
    try {
      // Act: published here.
      await publishDraft(blank.id, "everyone", supervisor, at);
      // Assert: found here at once (titles, reports), and on the other server once notified.
      expect(getScenarioAt(blank.id, 1)?.title.zh).toBe("新情景");
      await eventually(() => other.versionsOf(blank.id)?.length === 1);

      // Act: the other server loses its listening connection, and version 2 is published meanwhile.
      const lost = other.listenerPid!;
      await query("SELECT pg_terminate_backend($1)", [lost]);
      await eventually(() => other.listenerPid !== lost);
      await saveDraftText(blank.id, editableText((await getAuthoredScenario(blank.id))!).replaceAll("新情景", "地下车库进水"), supervisor, at);
      await publishDraft(blank.id, "everyone", supervisor, at);
      // Assert: listening again, it read what it missed.
      await eventually(() => other.versionsOf(blank.id)?.length === 2);
      expect(other.versionsOf(blank.id)![1].yaml).toContain("地下车库进水");
      expect(getScenario(blank.id)!.title.zh).toBe("地下车库进水");
    } finally {
      await other.close();
    }
  });

  it.runIf(store === "postgres")("keeps a published version as it was: the database refuses to change one", async () => {
    const { supervisor } = await setup();
    const blank = await createFromTemplate(supervisor, at);
    await publishDraft(blank.id, "everyone", supervisor, at);
    await expect(query("UPDATE org_scenario_versions SET yaml = 'x' WHERE scenario_id = $1", [blank.id])).rejects.toThrow(
      /a published version is never changed/,
    );
  });
});
