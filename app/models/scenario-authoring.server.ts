import { createHash, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { hasPermission } from "~/auth/permissions";
import {
  applyForm,
  AUTHORED_ID,
  authoredIdOfDraft,
  blankScript,
  canBeSaved,
  checkScriptText,
  draftScenarioId,
  isVisibleTo,
  audienceAllowed,
  rawScript,
  withIdAndVersion,
  type Audience,
  type AuthoringProblem,
  type Checked,
} from "~/roleplay/authoring";
import { checkScriptTextOffThread } from "~/roleplay/check-thread.server";
import { getScenarios, registerAuthoredScenarios, scenariosDir } from "~/roleplay/scenario-files.server";
import { parseScenario, type ScenarioScript } from "~/roleplay/script";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { storeKind } from "~/store/config.server";
import type { OrgScenarioRow } from "~/store/schema";
import { lowdbOrgScenarios } from "./lowdb/scenario-authoring.server";
import { postgresOrgScenarios } from "./postgres/scenario-authoring.server";
import { closePublishedScenarioMirror } from "./postgres/published-scenarios.server";
import type { OrgScenariosBackend, PublishedScenarioTexts } from "./store-backends";
import { teamIdsVisibleTo } from "./teams.server";
import type { User } from "./users.server";

/**
 * The organisation's own role-play scenarios (DATA_DIR/scenarios.json, or PostgreSQL's org_scenarios): drafts
 * written in the browser, and the immutable versions published from them, each the whole script text. The built-in
 * scripts in scenarios/ are never changed here; copying one makes an authored draft. Every save is checked as
 * `npm run scenarios:check` checks a file (roleplay/authoring.ts); a draft with problems is kept, but cannot be
 * played or published.
 *
 * Kept in memory, and right with several servers: the checks of a text (by the text's hash: the same text checks
 * the same) and the parsed published versions (by id and number: a published version never changes). The lists,
 * drafts, audiences and retirements are read from the store at every call; the synchronous look-ups of roleplay/
 * read the store's published texts (PostgreSQL: a copy every server refreshes on a publication, see
 * models/postgres/published-scenarios.server.ts).
 */

/** The store's scenarios: lowdb's or PostgreSQL's, as STORE says (the rules below are the same for both). */
const store = (): OrgScenariosBackend => (storeKind() === "postgres" ? postgresOrgScenarios : lowdbOrgScenarios);

export type AuthoredScenario = OrgScenarioRow;
type Author = Pick<User, "id" | "displayName">;

/** What the editor's loader needs of roleplay/authoring.ts, through this server module (kept out of the browser bundle). */
export { formOf, lineDiff, rawScript } from "~/roleplay/authoring";

const ID_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
const newScenarioId = () => `org-${Array.from({ length: 10 }, () => ID_LETTERS[randomInt(ID_LETTERS.length)]).join("")}`;

function vocabulary() {
  const lexicon = getLexicon();
  return { moves: new Set(lexicon.moves.map((m) => m.id)), acts: new Set(lexicon.acts.map((a) => a.id)) };
}

// The path check takes up to seconds on a large script: it runs on a thread of its own, and a page load or a
// play after a save reuses its answer for the same text.
const checks = new Map<string, Promise<Checked>>();
const CHECKS_KEPT = 32;

/** The checks of a draft's text (on the checker thread; remembered for the last few texts checked). */
export function checkDraftText(id: string, text: string): Promise<Checked> {
  const key = createHash("sha256").update(id).update("\n").update(text).digest("base64");
  let checked = checks.get(key);
  if (checked) checks.delete(key);
  else {
    checked = checkScriptTextOffThread(text, id, vocabulary());
    checked.catch(() => checks.delete(key)); // a thread that died is asked again next time
  }
  checks.set(key, checked);
  while (checks.size > CHECKS_KEPT) checks.delete(checks.keys().next().value!);
  return checked;
}

// Published versions never change: each is parsed once.
const published = new Map<string, ScenarioScript | null>();

function publishedScript(row: { id: string; versions: ReadonlyArray<{ version: number; yaml: string }> }, version: number): ScenarioScript | null {
  const key = `${row.id}@${version}`;
  if (!published.has(key)) {
    const v = row.versions.find((x) => x.version === version);
    let script: ScenarioScript | null = null;
    if (v) {
      const { moves, acts } = vocabulary();
      try {
        script = parseScenario(rawScript(v.yaml), row.id, moves, acts);
      } catch {
        script = null; // checked when published; only a lexicon that lost a move since could refuse it now
      }
    }
    published.set(key, script);
  }
  return published.get(key)!;
}

let registered: PublishedScenarioTexts | null = null;

/** The store, once roleplay/ can find authored scenarios' published versions by id in it (titles, reports, corrections). */
async function opened(): Promise<OrgScenariosBackend> {
  const backend = store();
  const texts = await backend.published();
  if (registered !== texts) {
    registered = texts;
    const find = (id: string) => {
      const versions = AUTHORED_ID.test(id) ? texts.versionsOf(id) : undefined;
      return versions && { id, versions };
    };
    registerAuthoredScenarios({
      latest: (id) => {
        const row = find(id);
        const latest = row?.versions.at(-1);
        return row && latest ? publishedScript(row, latest.version) : null;
      },
      at: (id, version) => {
        const row = find(id);
        return row ? publishedScript(row, version) : null;
      },
    });
  }
  return backend;
}

/** At start-up: authored scenarios can be looked up before anyone opens the authoring pages. */
export async function openAuthoredScenarios(): Promise<void> {
  await opened();
}

/** At shutdown: on PostgreSQL, stops listening for other servers' publications (the connection it holds closes). */
export async function closeAuthoredScenarios(): Promise<void> {
  if (storeKind() === "postgres") await closePublishedScenarioMirror();
}

/** Every authored scenario, newest first (retired ones too: their history stays). */
export async function listAuthoredScenarios(): Promise<AuthoredScenario[]> {
  return (await (await opened()).list()).reverse();
}

export async function getAuthoredScenario(id: string): Promise<AuthoredScenario | null> {
  if (!AUTHORED_ID.test(id)) return null;
  return (await opened()).get(id);
}

/** The text the editor starts from: the draft, else the latest version. */
export const editableText = (row: AuthoredScenario): string => row.draft?.yaml ?? row.versions.at(-1)?.yaml ?? "";

/** The built-in scenarios one may copy. */
export const builtInScenarioIds = (): string[] => getScenarios().map((s) => s.id);

function newRow(id: string, yaml: string, copiedFrom: string | null, by: Author, at: Date): OrgScenarioRow {
  const when = at.toISOString();
  return {
    id,
    copiedFrom,
    createdAt: when,
    createdById: by.id,
    createdByName: by.displayName,
    draft: { yaml, savedAt: when, byId: by.id, byName: by.displayName },
    draftRevision: 1,
    versions: [],
    everyoneRequest: null,
    retiredAt: null,
  };
}

async function addRow(make: (id: string) => string, copiedFrom: string | null, by: Author, at: Date): Promise<AuthoredScenario> {
  const backend = await opened();
  for (;;) {
    const id = newScenarioId();
    const row = newRow(id, make(id), copiedFrom, by, at);
    if (await backend.insert(row)) return row; // else the id was taken: another
  }
}

/** A new scenario from the smallest script that passes every check. */
export function createFromTemplate(by: Author, at: Date): Promise<AuthoredScenario> {
  return addRow((id) => blankScript(id), null, by, at);
}

/** Copies a built-in scenario's file, word for word but its id, into a new draft. Null for an unknown scenario. */
export async function copyBuiltInScenario(builtInId: string, by: Author, at: Date): Promise<AuthoredScenario | null> {
  if (!builtInScenarioIds().includes(builtInId)) return null;
  const text = readFileSync(path.join(scenariosDir(), `${builtInId}.yaml`), "utf8");
  return addRow((id) => withIdAndVersion(text, id, 1), builtInId, by, at);
}

export type ImportResult = { ok: true; scenario: AuthoredScenario } | { ok: false; problems: AuthoringProblem[] };

/**
 * Imports an uploaded script (the format of scenarios/*.yaml) as a new draft, checked as an edit is. A text that
 * cannot be kept as a draft (not YAML, too large, control characters) is refused and nothing is written.
 */
export async function importScenario(text: string, by: Author, at: Date): Promise<ImportResult> {
  // Checked under a placeholder id first: the id in the file is replaced by the new scenario's own.
  const probe = checkScriptText(text, "org-0000000000", vocabulary(), 0);
  if (!canBeSaved(probe.problems)) return { ok: false, problems: probe.problems };
  return { ok: true, scenario: await addRow((id) => withIdAndVersion(text, id), "import", by, at) };
}

type Refused = { ok: false; error: "not-found" | "retired" };

function changeable(row: OrgScenarioRow | null): OrgScenarioRow | Refused {
  if (!row) return { ok: false, error: "not-found" };
  return row.retiredAt ? { ok: false, error: "retired" } : row;
}

export type SaveResult = { ok: true; problems: AuthoringProblem[] } | { ok: false; problems: AuthoringProblem[] } | Refused;

/**
 * Saves a draft's text. A text with problems in the script is kept (nothing typed is lost) with its problems; a
 * text that is not a script at all is refused and nothing is written.
 */
export async function saveDraftText(id: string, text: string, by: Author, at: Date): Promise<SaveResult> {
  const checked = await checkDraftText(id, text);
  if (!canBeSaved(checked.problems)) return { ok: false, problems: checked.problems };
  return (await opened()).change(
    id,
    (found): SaveResult => {
      const row = changeable(found);
      if ("ok" in row) return row;
      row.draft = { yaml: text, savedAt: at.toISOString(), byId: by.id, byName: by.displayName };
      row.draftRevision += 1;
      return { ok: true, problems: checked.problems };
    },
    (result) => !result.ok,
  );
}

/** Saves the structured form: its fields are written into the draft's YAML document (see applyForm), then saved as text. */
export async function saveDraftForm(
  id: string,
  fields: ReadonlyMap<string, string>,
  moves: ReadonlyMap<string, string[]>,
  by: Author,
  at: Date,
): Promise<SaveResult & { text?: string }> {
  const row = await getAuthoredScenario(id);
  if (!row) return { ok: false, error: "not-found" };
  const text = applyForm(editableText(row), fields, moves);
  return { ...(await saveDraftText(id, text, by, at)), text };
}

/** The teams a user may publish to: a supervisor every team, a trainer the teams they train. */
export const publishableTeamIds = (user: Pick<User, "id" | "role">) => teamIdsVisibleTo(user);

export type PublishResult =
  { ok: true; version: number } | { ok: false; problems: AuthoringProblem[] } | { ok: false; error: "not-found" | "retired" | "no-draft" | "audience" };

/**
 * Publishes the draft as the next version for an audience: checked again, its text's `version:` set to the new
 * number, and kept as it is for good. Trainers publish to teams they train; everyone needs a supervisor.
 */
export async function publishDraft(id: string, audience: Audience, by: User, at: Date): Promise<PublishResult> {
  const allowed = audienceAllowed(audience, await publishableTeamIds(by), hasPermission(by.role, "publish:scenarios-everyone"));
  if (!allowed) return { ok: false, error: "audience" };
  const row = await getAuthoredScenario(id);
  if (!row) return { ok: false, error: "not-found" };
  if (!row.draft) return { ok: false, error: "no-draft" };
  const version = (row.versions.at(-1)?.version ?? 0) + 1;
  const text = withIdAndVersion(row.draft.yaml, id, version);
  const checked = await checkDraftText(id, text);
  if (checked.problems.length) return { ok: false, problems: checked.problems };
  return (await opened()).change(
    id,
    (found, note): PublishResult => {
      const current = changeable(found);
      if ("ok" in current) return current;
      // Another save or publication since the check: the author looks again.
      if (current.draft?.yaml !== row.draft!.yaml || current.versions.length !== row.versions.length) return { ok: false, error: "no-draft" };
      current.versions.push({
        version,
        yaml: text,
        publishedAt: at.toISOString(),
        byId: by.id,
        byName: by.displayName,
        audience: audience === "everyone" ? "everyone" : [...new Set(audience)],
        rolledBackFrom: note.rolledBackFrom,
      });
      note.rolledBackFrom = null;
      current.draft = null;
      if (audience === "everyone") current.everyoneRequest = null;
      return { ok: true, version };
    },
    (result) => !result.ok,
  );
}

/** Rolling back: an earlier version's text becomes the draft, to try and publish again as a new version. */
export async function rollBackDraft(id: string, toVersion: number, by: Author, at: Date): Promise<{ ok: true } | Refused | { ok: false; error: "no-version" }> {
  return (await opened()).change(
    id,
    (found, note): { ok: true } | Refused | { ok: false; error: "no-version" } => {
      const row = changeable(found);
      if ("ok" in row) return row;
      const earlier = row.versions.find((v) => v.version === toVersion);
      if (!earlier) return { ok: false, error: "no-version" };
      row.draft = { yaml: earlier.yaml, savedAt: at.toISOString(), byId: by.id, byName: by.displayName };
      row.draftRevision += 1;
      // Noted until the draft is published (lowdb keeps the note in memory; PostgreSQL with the draft).
      note.rolledBackFrom = toVersion;
      return { ok: true };
    },
    (r) => !r.ok,
  );
}

/** A trainer asks a supervisor to publish the scenario for everyone. */
export async function requestPublishForEveryone(id: string, by: Author, at: Date): Promise<{ ok: true } | Refused> {
  return (await opened()).change(
    id,
    (found): { ok: true } | Refused => {
      const row = changeable(found);
      if ("ok" in row) return row;
      row.everyoneRequest = { byId: by.id, byName: by.displayName, at: at.toISOString() };
      return { ok: true };
    },
    (r) => !r.ok,
  );
}

/** Throws the draft away; the published versions stay. */
export async function discardDraft(id: string): Promise<boolean> {
  return (await opened()).change(
    id,
    (row) => {
      if (!row?.draft || row.retiredAt || !row.versions.length) return false;
      row.draft = null;
      return true;
    },
    (done) => !done,
  );
}

/** Takes a scenario off the practice lists for good; attempts on it keep their reports. */
export async function retireScenario(id: string, at: Date): Promise<boolean> {
  return (await opened()).change(
    id,
    (row) => {
      if (!row || row.retiredAt) return false;
      row.retiredAt = at.toISOString();
      return true;
    },
    (done) => !done,
  );
}

/**
 * The script a user may play under a scenario id, or null: a built-in scenario; an authored one's latest version
 * if it is visible to them; or, for an author, a draft without problems, played as `draft-<id>` at its revision
 * (its attempts are flagged as draft attempts and kept off every record).
 */
export async function playableScenario(
  user: Pick<User, "id" | "role" | "teamId">,
  scenarioId: string,
): Promise<{ script: ScenarioScript; draft: boolean } | null> {
  const builtIn = getScenarios().find((s) => s.id === scenarioId);
  if (builtIn) return { script: builtIn, draft: false };
  const isAuthor = hasPermission(user.role, "author:scenarios");
  const draftOf = authoredIdOfDraft(scenarioId);
  if (draftOf) {
    if (!isAuthor) return null;
    const row = await getAuthoredScenario(draftOf);
    if (!row?.draft || row.retiredAt) return null;
    const { script } = await checkDraftText(row.id, row.draft.yaml);
    return script ? { script: { ...script, id: draftScenarioId(row.id), version: row.draftRevision }, draft: true } : null;
  }
  const row = await getAuthoredScenario(scenarioId);
  if (!row || !isVisibleTo(row, user, isAuthor)) return null;
  const script = publishedScript(row, row.versions.at(-1)!.version);
  return script ? { script, draft: false } : null;
}

/** The authored scenarios a user sees in the practice list, each at its latest version. */
export async function visibleAuthoredScenarios(user: Pick<User, "role" | "teamId">): Promise<ScenarioScript[]> {
  const isAuthor = hasPermission(user.role, "author:scenarios");
  return (await (await opened()).current())
    .filter(({ latest }) => isVisibleTo({ retiredAt: null, versions: [latest] }, user, isAuthor))
    .flatMap(({ id, latest }) => publishedScript({ id, versions: [latest] }, latest.version) ?? []);
}

/**
 * The authored scenarios a user may assign (issue 20), each with the teams it may go to: published, not retired,
 * and its latest version published to everyone (then any team the user trains) or to teams the user trains (then
 * those teams). A supervisor "trains" every team here, as teamIdsVisibleTo has it.
 */
export async function assignableAuthoredScenarios(
  user: Pick<User, "id" | "role">,
): Promise<Array<{ id: string; title: { zh: string; en: string }; teamIds: string[] }>> {
  const trained = await teamIdsVisibleTo(user);
  return (await (await opened()).current()).flatMap(({ id, latest }) => {
    const teamIds = latest.audience === "everyone" ? trained : trained.filter((t) => latest.audience.includes(t));
    const script = teamIds.length ? publishedScript({ id, versions: [latest] }, latest.version) : null;
    return script ? [{ id, title: script.title, teamIds }] : [];
  });
}
