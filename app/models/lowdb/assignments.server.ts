import { openDuplicateOf } from "~/assignments/same-work";
import { assignmentsFile } from "~/store/db.server";
import type { AssignmentRow } from "~/store/schema";
import type { AssignmentsBackend } from "../store-backends";

const copies = (rows: AssignmentRow[]) => structuredClone(rows);

/** Assignments in lowdb: assignments.json, changed in synchronous updates (one at a time in this process). */
export const lowdbAssignments: AssignmentsBackend = {
  async get(id) {
    const row = (await assignmentsFile()).data.assignments.find((a) => a.id === id);
    return row ? structuredClone(row) : null;
  },
  async insertUnlessOpen(row) {
    const file = await assignmentsFile();
    // Checked inside the synchronous update, so two submissions at once cannot both pass; a refusal writes nothing.
    return file.update(
      (data) => {
        const existing = openDuplicateOf(data.assignments, row);
        if (existing) return structuredClone(existing);
        data.assignments.push(structuredClone(row));
        return null;
      },
      (existing) => existing !== null,
    );
  },
  async cancel(id, at) {
    const file = await assignmentsFile();
    return file.update((data) => {
      const row = data.assignments.find((a) => a.id === id && !a.cancelledAt);
      if (!row) return false;
      row.cancelledAt = at;
      return true;
    });
  },
  async restore(id) {
    const file = await assignmentsFile();
    return file.update(
      (data) => {
        const row = data.assignments.find((a) => a.id === id && a.cancelledAt);
        if (!row) return { ok: false, error: "not-cancelled" } as const;
        const existing = openDuplicateOf(data.assignments, row);
        if (existing) return { ok: false, error: "duplicate", existing: structuredClone(existing) } as const;
        row.cancelledAt = null;
        return { ok: true } as const;
      },
      (result) => !result.ok,
    );
  },
  async remind(id, at) {
    const file = await assignmentsFile();
    return file.update((data) => {
      const row = data.assignments.find((a) => a.id === id && !a.cancelledAt);
      if (!row) return false;
      row.remindedAt.push(at);
      return true;
    });
  },
  async forAudiences(teamIds, traineeIds) {
    const rows = (await assignmentsFile()).data.assignments;
    return copies(rows.filter((a) => (a.audience.type === "team" ? teamIds.includes(a.audience.teamId) : traineeIds.includes(a.audience.userId))));
  },
  async openFor(userId, teamId) {
    const rows = (await assignmentsFile()).data.assignments;
    return copies(rows.filter((a) => !a.cancelledAt && (a.audience.type === "team" ? a.audience.teamId === teamId : a.audience.userId === userId)));
  },
  async open() {
    return copies((await assignmentsFile()).data.assignments.filter((a) => !a.cancelledAt));
  },
};
