// Reading progress, in one model: a trainee's per module, the modules with their status, and a team's at a glance.
import { userRecordsFile } from "~/store/db.server";
import type { ModuleProgress } from "~/store/schema";
import { issueCertificateIfEligible } from "./certificates.server";
import type { Lang } from "~/i18n/lang";
import { sortedByName } from "~/utils/collate";
import { getCourseware, type CoursewareModule } from "~/courseware/courseware.server";
import { listTeams } from "./teams.server";
import { listUsers } from "./users.server";
import { moduleStatus, unreadSections } from "~/courseware/progress";

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
export async function completeModule(userId: string, slug: string, sections: ReadonlyArray<{ id: string }>, now = new Date()): Promise<CompleteModuleResult> {
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

/** The six modules, in order, each with this trainee's status: what /learn and the trainee's home show. */
export async function listModulesWithStatus(userId: string, lang: Lang) {
  const progress = await getProgress(userId);
  return getCourseware(lang).map((mod) => ({
    slug: mod.slug,
    order: mod.order,
    title: mod.title,
    summary: mod.summary,
    minutes: mod.minutes,
    status: moduleStatus(mod, progress[mod.slug]),
  }));
}

export interface TraineeProgressRow {
  userId: string;
  displayName: string;
  username: string;
  modulesDone: number;
  sectionsRead: number;
  sectionsTotal: number;
  lastActive: string | null;
}

export interface TeamProgress {
  teamId: string;
  teamName: string;
  /** The team's active trainees. */
  trainees: TraineeProgressRow[];
  /** Deactivated accounts once in the team: no longer counted, their records still there to open. */
  inactive: Array<{ userId: string; displayName: string }>;
}

/** Reading progress of every active trainee in the given teams, team by team, and who in each was deactivated. */
export async function listTeamProgress(teamIds: string[], modules: ReadonlyArray<CoursewareModule>): Promise<TeamProgress[]> {
  const [teams, users] = await Promise.all([listTeams(), listUsers()]);
  const result: TeamProgress[] = [];
  for (const team of teams.filter((t) => teamIds.includes(t.id))) {
    const members = sortedByName(
      users.filter((u) => u.teamId === team.id && u.role === "trainee"),
      (u) => u.displayName,
    );
    const trainees: TraineeProgressRow[] = [];
    for (const user of members.filter((u) => u.active)) {
      const progress = await getProgress(user.id);
      const statuses = modules.map((mod) => moduleStatus(mod, progress[mod.slug]));
      const lastActive =
        statuses
          .map((s) => s.lastActive)
          .filter((t): t is string => Boolean(t))
          .sort()
          .pop() ?? null;
      trainees.push({
        userId: user.id,
        displayName: user.displayName,
        username: user.username,
        modulesDone: statuses.filter((s) => s.state === "completed").length,
        sectionsRead: statuses.reduce((sum, s) => sum + s.read, 0),
        sectionsTotal: statuses.reduce((sum, s) => sum + s.total, 0),
        lastActive,
      });
    }
    const inactive = members.filter((u) => !u.active).map((u) => ({ userId: u.id, displayName: u.displayName }));
    result.push({ teamId: team.id, teamName: team.name, trainees, inactive });
  }
  return result;
}
