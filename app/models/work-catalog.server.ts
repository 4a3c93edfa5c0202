import { getCourseware } from "~/courseware/courseware.server";
import { inLang, type Lang } from "~/i18n/lang";
import { getScenarios } from "~/roleplay/scenario-files.server";
import { messagesFor } from "~/i18n/messages";
import { FINAL_EXAM } from "./quizzes.server";

/** Everything a trainer can assign, as `<kind>:<target>[:<mode>]` values with their titles. */
export function workCatalog(lang: Lang) {
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  const modules = getCourseware(lang).map((m) => ({ slug: m.slug as string, title: m.title }));
  return {
    modules: modules.map((m) => ({ value: `module:${m.slug}`, title: m.title })),
    quizzes: [...modules.map((m) => ({ value: `quiz:${m.slug}`, title: m.title })), { value: `quiz:${FINAL_EXAM}`, title: messagesFor(lang)["quiz.final"] }],
    scenarios: getScenarios().flatMap((s) =>
      (["assessment", "practice"] as const).map((mode) => ({ value: `scenario:${s.id}:${mode}`, title: pick(s.title), mode })),
    ),
  };
}

/** Parses a catalog value back, or null if it names nothing that exists. */
export function parseWork(value: string, lang: Lang): { kind: "module" | "quiz" | "scenario"; target: string; mode: "practice" | "assessment" | null } | null {
  const catalog = workCatalog(lang);
  const all = [...catalog.modules, ...catalog.quizzes, ...catalog.scenarios];
  if (!all.some((w) => w.value === value)) return null;
  const [kind, target, mode] = value.split(":");
  return { kind: kind as "module" | "quiz" | "scenario", target, mode: (mode as "practice" | "assessment") ?? null };
}

/** A short title for an assignment's work. */
export function workTitle(kind: string, target: string, mode: string | null, lang: Lang): string {
  const catalog = workCatalog(lang);
  const value = `${kind}:${target}${mode ? `:${mode}` : ""}`;
  return [...catalog.modules, ...catalog.quizzes, ...catalog.scenarios].find((w) => w.value === value)?.title ?? target;
}
