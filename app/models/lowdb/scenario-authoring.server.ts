import { orgScenariosFile } from "~/store/db.server";
import type { StoreFile } from "~/store/store-file.server";
import type { OrgScenariosData } from "~/store/schema";
import type { OrgScenariosBackend, PublishedScenarioTexts, RollBackNote } from "../store-backends";

// Which version a draft was rolled back from, until it is published (kept in memory: it is only a note).
const rolledBack = new Map<string, number>();

// One view per open file, so that the same file gives the same object (registered once with roleplay/).
const views = new WeakMap<StoreFile<OrgScenariosData>, PublishedScenarioTexts>();

/** The organisation's scenarios in lowdb: scenarios.json, changed in synchronous updates (one at a time in this process). */
export const lowdbOrgScenarios: OrgScenariosBackend = {
  async list() {
    return structuredClone((await orgScenariosFile()).data.scenarios);
  },
  async get(id) {
    const row = (await orgScenariosFile()).data.scenarios.find((s) => s.id === id);
    return row ? structuredClone(row) : null;
  },
  async current() {
    return (await orgScenariosFile()).data.scenarios.flatMap((row) => {
      const latest = row.versions.at(-1);
      return !row.retiredAt && latest ? [{ id: row.id, latest: structuredClone(latest) }] : [];
    });
  },
  async insert(row) {
    const file = await orgScenariosFile();
    return file.update(
      (data) => {
        if (data.scenarios.some((s) => s.id === row.id)) return false;
        data.scenarios.push(structuredClone(row));
        return true;
      },
      (added) => !added,
    );
  },
  async change(id, change, unchanged) {
    const file = await orgScenariosFile();
    let note: RollBackNote = { rolledBackFrom: null };
    const result = await file.update((data) => {
      note = { rolledBackFrom: rolledBack.get(id) ?? null };
      return change(data.scenarios.find((s) => s.id === id) ?? null, note);
    }, unchanged);
    if (!unchanged?.(result)) {
      if (note.rolledBackFrom === null) rolledBack.delete(id);
      else rolledBack.set(id, note.rolledBackFrom);
    }
    return result;
  },
  async published() {
    const file = await orgScenariosFile();
    let view = views.get(file);
    if (!view) {
      view = { versionsOf: (id) => file.data.scenarios.find((s) => s.id === id)?.versions };
      views.set(file, view);
    }
    return view;
  },
};
