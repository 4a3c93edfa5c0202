import type { ModuleProgress } from "~/store/schema";

export type ModuleState = "not-started" | "in-progress" | "completed";

export interface ModuleStatus {
  slug: string;
  read: number;
  total: number;
  state: ModuleState;
  completedAt: string | null;
  /** Where to pick up: the first unread section after the last one read, else the first unread; null when all are read. */
  resumeSectionId: string | null;
  lastActive: string | null;
}

/** A module's status for one trainee, from their stored progress and the module's current sections. */
export function moduleStatus(module: { slug: string; sections: ReadonlyArray<{ id: string }> }, progress: ModuleProgress | undefined): ModuleStatus {
  const ids = module.sections.map((s) => s.id);
  const read = new Set((progress?.sectionsRead ?? []).filter((id) => ids.includes(id)));
  const unread = ids.filter((id) => !read.has(id));
  const lastIndex = progress?.lastSection ? ids.indexOf(progress.lastSection) : -1;
  const resume = unread.find((id) => ids.indexOf(id) > lastIndex) ?? unread[0] ?? null;
  const completed = Boolean(progress?.completedAt);
  return {
    slug: module.slug,
    read: read.size,
    total: ids.length,
    state: completed ? "completed" : progress ? "in-progress" : "not-started",
    completedAt: progress?.completedAt ?? null,
    resumeSectionId: resume,
    lastActive: progress?.updatedAt ?? null,
  };
}

/** Sections not read yet, in module order: what stands between a trainee and completing the module. */
export function unreadSections<S extends { id: string }>(sections: ReadonlyArray<S>, progress: ModuleProgress | undefined): S[] {
  const read = new Set(progress?.sectionsRead ?? []);
  return sections.filter((s) => !read.has(s.id));
}

/** Where a link to a module should land: the section to resume at once started, else the module's top. */
export function resumeHref(slug: string, status: Pick<ModuleStatus, "state" | "resumeSectionId">): string {
  return status.state !== "not-started" && status.resumeSectionId ? `/learn/${slug}#${status.resumeSectionId}` : `/learn/${slug}`;
}

/** What "continue" means on the home page: the module studied most recently and not finished, else the first not started. */
export function moduleToContinue<T extends { status: ModuleStatus }>(modules: ReadonlyArray<T>): T | null {
  const inProgress = modules
    .filter((m) => m.status.state === "in-progress")
    .sort((a, b) => (b.status.lastActive ?? "").localeCompare(a.status.lastActive ?? ""));
  return inProgress[0] ?? modules.find((m) => m.status.state === "not-started") ?? null;
}
