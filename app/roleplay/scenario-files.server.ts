import { readFileSync, readdirSync } from "node:fs";
import { inLang, type Lang } from "~/i18n/lang";
import path from "node:path";
import { parseYaml } from "~/utils/yaml";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { parseScenario, ScenarioError, type ScenarioScript } from "./script";

export function scenariosDir(): string {
  return path.resolve(process.env.SCENARIOS_DIR || "scenarios");
}

/** Reads and checks one script file; throws ScenarioError naming the file. */
export function readScenarioFile(file: string, lexicon = getLexicon()): ScenarioScript {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ScenarioError(file, (error as Error).message);
  }
  const script = parseScenario(raw, file, new Set(lexicon.moves.map((m) => m.id)), new Set(lexicon.acts.map((a) => a.id)));
  const expected = path.basename(file, ".yaml");
  if (script.id !== expected) throw new ScenarioError(file, `id "${script.id}" does not match the file name "${expected}"`);
  // Those prefixes name the organisation's own scenarios and their drafts (roleplay/authoring-fields.ts).
  if (/^(org|draft)-/.test(script.id)) throw new ScenarioError(file, `a built-in scenario's id may not start with "org-" or "draft-"`);
  return script;
}

/** Every scenarios/*.yaml, checked. Adding a scenario means adding a file. */
export function readAllScenarios(dir = scenariosDir()): ScenarioScript[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => readScenarioFile(path.join(dir, f)));
}

let cache: Map<string, ScenarioScript> | null = null;

/** The scenarios, read once per process. */
export function getScenarios(): ScenarioScript[] {
  cache ??= new Map(readAllScenarios().map((s) => [s.id, s]));
  return [...cache.values()];
}

/**
 * Where the organisation's own scenarios are looked up (app/models/scenario-authoring.server.ts registers it
 * once its store file is open): roleplay/ knows nothing of the store.
 */
export interface AuthoredScenarios {
  /** The latest published version, retired or not (titles, reports); null before the first publication. */
  latest(id: string): ScenarioScript | null;
  /** A published version (an attempt's report keeps showing the version it was played on). */
  at(id: string, version: number): ScenarioScript | null;
}

let authored: AuthoredScenarios | null = null;

export function registerAuthoredScenarios(source: AuthoredScenarios): void {
  authored = source;
}

/** A built-in scenario, or the latest published version of an authored one. */
export function getScenario(id: string): ScenarioScript | null {
  getScenarios();
  return cache!.get(id) ?? authored?.latest(id) ?? null;
}

/**
 * The script an attempt was played on: an authored scenario's version as published; a built-in scenario as it is
 * in scenarios/ now (only its current version is kept; finished attempts keep every line they showed).
 */
export function getScenarioAt(id: string, version: number): ScenarioScript | null {
  getScenarios();
  return cache!.get(id) ?? authored?.at(id, version) ?? null;
}

/** A scenario's title in the viewer's language; its id if there is no such scenario (any more). */
export function scenarioTitle(id: string, lang: Lang): string {
  const script = getScenario(id);
  return script ? inLang(script.title, lang) : id;
}
