import { getCourseware } from "~/courseware/courseware.server";
import { inLang, type Lang } from "~/i18n/lang";
import { getScenarios, scenarioTitle } from "~/roleplay/scenario-files.server";
import { messagesFor } from "~/i18n/messages";
import { FINAL_EXAM } from "./quizzes.server";

/** An authored scenario a trainer may assign (models/scenario-authoring.server.ts, assignableAuthoredScenarios): to these teams only. */
export interface AssignableAuthored {
  id: string;
  title: { zh: string; en: string };
  teamIds: string[];
}

const MODES = ["assessment", "practice"] as const;

/**
 * Everything a trainer can assign, as `<kind>:<target>[:<mode>]` values with their titles: the built-in work, and
 * the authored scenarios given (each with the teams it may be assigned to; built-in work goes to any team).
 */
export function workCatalog(lang: Lang, authored: readonly AssignableAuthored[] = []) {
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  const modules = getCourseware(lang).map((m) => ({ slug: m.slug as string, title: m.title }));
  return {
    modules: modules.map((m) => ({ value: `module:${m.slug}`, title: m.title })),
    quizzes: [...modules.map((m) => ({ value: `quiz:${m.slug}`, title: m.title })), { value: `quiz:${FINAL_EXAM}`, title: messagesFor(lang)["quiz.final"] }],
    scenarios: getScenarios().flatMap((s) => MODES.map((mode) => ({ value: `scenario:${s.id}:${mode}`, title: pick(s.title), mode }))),
    authored: authored.flatMap((s) => MODES.map((mode) => ({ value: `scenario:${s.id}:${mode}`, title: pick(s.title), mode, teamIds: s.teamIds }))),
  };
}

export type ParsedWork = { kind: "module" | "quiz" | "scenario"; target: string; mode: "practice" | "assessment" | null; teamIds: string[] | null };

/**
 * Parses a catalog value back, or null if it names nothing that exists (or nothing this trainer may assign).
 * `teamIds` are the only teams an authored scenario may go to; null for built-in work.
 */
export function parseWork(value: string, lang: Lang, authored: readonly AssignableAuthored[] = []): ParsedWork | null {
  const catalog = workCatalog(lang, authored);
  const builtIn = [...catalog.modules, ...catalog.quizzes, ...catalog.scenarios].some((w) => w.value === value);
  const own = catalog.authored.find((w) => w.value === value);
  if (!builtIn && !own) return null;
  const [kind, target, mode] = value.split(":");
  return { kind: kind as ParsedWork["kind"], target, mode: (mode as "practice" | "assessment") ?? null, teamIds: own ? own.teamIds : null };
}

/**
 * A short title for an assignment's work. A scenario not in the built-in catalog is looked up by id: an authored
 * scenario's latest published version (a retired one's too, so its assignments keep their title); else its id.
 */
export function workTitle(kind: string, target: string, mode: string | null, lang: Lang): string {
  const catalog = workCatalog(lang);
  const value = `${kind}:${target}${mode ? `:${mode}` : ""}`;
  const found = [...catalog.modules, ...catalog.quizzes, ...catalog.scenarios].find((w) => w.value === value)?.title;
  return found ?? (kind === "scenario" ? scenarioTitle(target, lang) : target);
}
