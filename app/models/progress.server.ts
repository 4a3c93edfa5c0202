import { unreadSections } from "~/courseware/progress";
import { userRecordsFile } from "~/store/db.server";
import type { ModuleProgress } from "~/store/schema";
import { issueCertificateIfEligible } from "./certificates.server";

/** A trainee's reading progress per module slug. */
export async function getProgress(userId: string): Promise<Record<string, ModuleProgress>> {
  const file = await userRecordsFile(userId);
  return structuredClone(file.data.progress);
}

/** Records that a section was read and that it is where the trainee is now. Reading again is harmless. */
export async function markSectionRead(userId: string, slug: string, sectionId: string, now = new Date()): Promise<ModuleProgress> {
  const file = await userRecordsFile(userId);
  return file.update((data) => {
    const at = now.toISOString();
    const entry = (data.progress[slug] ??= { sectionsRead: [], lastSection: null, startedAt: at, updatedAt: at, completedAt: null });
    if (!entry.sectionsRead.includes(sectionId)) entry.sectionsRead.push(sectionId);
    entry.lastSection = sectionId;
    entry.updatedAt = at;
    return structuredClone(entry);
  });
}

export type CompleteModuleResult = { ok: true; progress: ModuleProgress } | { ok: false; unread: string[] };

/** Completes a module once every one of its sections has been read; completing twice keeps the first date. */
export async function completeModule(
  userId: string,
  slug: string,
  sections: ReadonlyArray<{ id: string }>,
  now = new Date(),
): Promise<CompleteModuleResult> {
  const file = await userRecordsFile(userId);
  const result = await file.update((data): CompleteModuleResult => {
    const entry = data.progress[slug];
    const unread = unreadSections(sections, entry).map((s) => s.id);
    if (!entry || unread.length > 0) return { ok: false, unread: unread.length ? unread : sections.map((s) => s.id) };
    entry.completedAt ??= now.toISOString();
    entry.updatedAt = now.toISOString();
    return { ok: true, progress: structuredClone(entry) };
  });
  if (result.ok) await issueCertificateIfEligible(userId, now);
  return result;
}
