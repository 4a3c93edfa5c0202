import { userRecordsFile } from "~/store/db.server";
import type { RecordsBackend } from "../store-backends";

/** A trainee's own records in lowdb: users/<userId>.json, changed in synchronous updates (one at a time in this process). */
export const lowdbRecords: RecordsBackend = {
  async progress(userId) {
    return structuredClone((await userRecordsFile(userId)).data.progress);
  },
  async markSectionRead(userId, module, sectionId, at) {
    const file = await userRecordsFile(userId);
    return file.update((data) => {
      const entry = (data.progress[module] ??= { sectionsRead: [], lastSection: null, startedAt: at, updatedAt: at, completedAt: null });
      if (!entry.sectionsRead.includes(sectionId)) entry.sectionsRead.push(sectionId);
      entry.lastSection = sectionId;
      entry.updatedAt = at;
      return structuredClone(entry);
    });
  },
  async complete(userId, module, at, mayComplete) {
    const file = await userRecordsFile(userId);
    return file.update((data) => {
      const entry = data.progress[module];
      // Decided inside the synchronous update, on the progress as it is now.
      const may = mayComplete(entry ? structuredClone(entry) : null);
      if (!entry || !may) return { completed: false, entry: entry ? structuredClone(entry) : null };
      entry.completedAt ??= at;
      entry.updatedAt = at;
      return { completed: true, entry: structuredClone(entry) };
    });
  },
  async coachingReadAt(userId) {
    return (await userRecordsFile(userId)).data.coachingReadAt ?? null;
  },
  async setCoachingReadAt(userId, at) {
    const file = await userRecordsFile(userId);
    await file.update((data) => {
      data.coachingReadAt = at;
    });
  },
  async grants(userId) {
    return structuredClone((await userRecordsFile(userId)).data.assessmentGrants ?? []);
  },
  async addGrantUnless(userId, grant, refuse) {
    const file = await userRecordsFile(userId);
    return file.update((data) => {
      // Decided inside the synchronous update: two trainers granting at once grant one attempt.
      if (refuse(data.assessmentGrants ?? [])) return false;
      (data.assessmentGrants ??= []).push(grant);
      return true;
    });
  },
};
