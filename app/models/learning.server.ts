import { getCourseware } from "~/courseware/courseware.server";
import { moduleStatus } from "~/courseware/progress";
import type { Lang } from "~/i18n/lang";
import { getProgress } from "./progress.server";

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
