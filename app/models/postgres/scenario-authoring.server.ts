import type pg from "pg";
import { query, transaction } from "~/store/postgres/pool.server";
import type { OrgScenarioRow } from "~/store/schema";
import type { CurrentScenario, OrgScenariosBackend } from "../store-backends";
import { PUBLISHED_CHANNEL, publishedHere, publishedScenarioMirror } from "./published-scenarios.server";

type Version = OrgScenarioRow["versions"][number];

interface ScenarioRow {
  id: string;
  copied_from: string | null;
  created_at: Date;
  created_by_id: string;
  created_by_name: string;
  draft_yaml: string | null;
  draft_saved_at: Date | null;
  draft_by_id: string | null;
  draft_by_name: string | null;
  draft_revision: number;
  draft_rolled_back_from: number | null;
  everyone_request_by_id: string | null;
  everyone_request_by_name: string | null;
  everyone_request_at: Date | null;
  retired_at: Date | null;
}

interface VersionRow {
  scenario_id: string;
  version: number;
  yaml: string;
  published_at: Date;
  by_id: string;
  by_name: string;
  for_everyone: boolean;
  rolled_back_from: number | null;
  team_ids: string[];
}

const SCENARIO_COLUMNS = `id, copied_from, created_at, created_by_id, created_by_name, draft_yaml, draft_saved_at, draft_by_id, draft_by_name,
  draft_revision, draft_rolled_back_from, everyone_request_by_id, everyone_request_by_name, everyone_request_at, retired_at`;

/** A version's columns (from org_scenario_versions v) with the teams it was published for, in the order given. */
const VERSION_COLUMNS = `v.scenario_id, v.version, v.yaml, v.published_at, v.by_id, v.by_name, v.for_everyone, v.rolled_back_from,
  coalesce((SELECT array_agg(t.team_id ORDER BY t.position) FROM org_scenario_version_teams t
            WHERE t.scenario_id = v.scenario_id AND t.version = v.version), '{}') AS team_ids`;

function toVersion(v: VersionRow): Version {
  return {
    version: v.version,
    yaml: v.yaml,
    publishedAt: v.published_at.toISOString(),
    byId: v.by_id,
    byName: v.by_name,
    audience: v.for_everyone ? "everyone" : v.team_ids,
    rolledBackFrom: v.rolled_back_from,
  };
}

function toScenarioRow(r: ScenarioRow, versions: Version[]): OrgScenarioRow {
  return {
    id: r.id,
    copiedFrom: r.copied_from,
    createdAt: r.created_at.toISOString(),
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    draft: r.draft_yaml === null ? null : { yaml: r.draft_yaml, savedAt: r.draft_saved_at!.toISOString(), byId: r.draft_by_id!, byName: r.draft_by_name! },
    draftRevision: r.draft_revision,
    versions,
    everyoneRequest:
      r.everyone_request_by_id === null
        ? null
        : { byId: r.everyone_request_by_id, byName: r.everyone_request_by_name!, at: r.everyone_request_at!.toISOString() },
    retiredAt: r.retired_at?.toISOString() ?? null,
  };
}

/** A pooled connection in a transaction, or the pool itself (one statement each). */
type Runner = { query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> };

/** The scenarios chosen by `where`, in the order they were added, each with its versions and its roll-back note. */
async function scenarios(db: Runner, where: string, values: unknown[], lock = ""): Promise<Array<{ row: OrgScenarioRow; note: number | null }>> {
  const { rows } = await db.query<ScenarioRow>(`SELECT ${SCENARIO_COLUMNS} FROM org_scenarios WHERE ${where} ORDER BY seq ${lock}`, values);
  if (!rows.length) return [];
  const versions = await db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM org_scenario_versions v WHERE v.scenario_id = ANY($1::text[]) ORDER BY v.scenario_id, v.version`,
    [rows.map((r) => r.id)],
  );
  const byScenario = new Map<string, Version[]>();
  for (const v of versions.rows) byScenario.set(v.scenario_id, [...(byScenario.get(v.scenario_id) ?? []), toVersion(v)]);
  return rows.map((r) => ({ row: toScenarioRow(r, byScenario.get(r.id) ?? []), note: r.draft_rolled_back_from }));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Adds the versions a change published (after those it was given), with their teams. */
async function insertVersions(client: Runner, id: string, versions: readonly Version[]): Promise<void> {
  for (const v of versions) {
    // A number taken already is refused by the primary key: two publications never share a version.
    await client.query(
      `INSERT INTO org_scenario_versions (scenario_id, version, yaml, published_at, by_id, by_name, for_everyone, rolled_back_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, v.version, v.yaml, v.publishedAt, v.byId, v.byName, v.audience === "everyone", v.rolledBackFrom],
    );
    if (v.audience !== "everyone")
      await client.query(
        `INSERT INTO org_scenario_version_teams (scenario_id, version, team_id, position)
         SELECT $1, $2, team_id, ordinality::int - 1 FROM unnest($3::text[]) WITH ORDINALITY AS given (team_id, ordinality)`,
        [id, v.version, v.audience],
      );
  }
}

/**
 * The organisation's scenarios in PostgreSQL: org_scenarios (the draft and its revision, the request to publish for
 * everyone, the roll-back note), org_scenario_versions (never updated: a trigger refuses it) and the teams each
 * version was published for. A change holds the scenario's row (SELECT … FOR UPDATE) until it commits, so changes
 * on any server run one after the other on what the last one left, and a version number is chosen once (the
 * primary key refuses it twice). A publication notifies every server's copy of the published texts.
 */
export const postgresOrgScenarios: OrgScenariosBackend = {
  list: async () => (await scenarios({ query }, "true", [])).map((s) => s.row),
  async get(id) {
    return (await scenarios({ query }, "id = $1", [id]))[0]?.row ?? null;
  },
  async current(): Promise<CurrentScenario[]> {
    const { rows } = await query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM org_scenarios s
       JOIN LATERAL (SELECT * FROM org_scenario_versions WHERE scenario_id = s.id ORDER BY version DESC LIMIT 1) v ON true
       WHERE s.retired_at IS NULL ORDER BY s.seq`,
    );
    return rows.map((v) => ({ id: v.scenario_id, latest: toVersion(v) }));
  },
  async insert(row) {
    const inserted = await query(
      `INSERT INTO org_scenarios (id, copied_from, created_at, created_by_id, created_by_name, draft_yaml, draft_saved_at, draft_by_id, draft_by_name,
         draft_revision, everyone_request_by_id, everyone_request_by_name, everyone_request_at, retired_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`,
      [
        row.id,
        row.copiedFrom,
        row.createdAt,
        row.createdById,
        row.createdByName,
        row.draft?.yaml ?? null,
        row.draft?.savedAt ?? null,
        row.draft?.byId ?? null,
        row.draft?.byName ?? null,
        row.draftRevision,
        row.everyoneRequest?.byId ?? null,
        row.everyoneRequest?.byName ?? null,
        row.everyoneRequest?.at ?? null,
        row.retiredAt,
      ],
    );
    if (inserted.rowCount !== 1) return false;
    if (row.versions.length) await insertVersions({ query }, row.id, row.versions);
    return true;
  },
  async change(id, change, unchanged) {
    const { result, published } = await transaction(async (client) => {
      const found = (await scenarios(client, "id = $1", [id], "FOR UPDATE"))[0];
      if (!found) return { result: change(null, { rolledBackFrom: null }), published: false };
      const row = structuredClone(found.row);
      const note = { rolledBackFrom: found.note };
      const result = change(row, note);
      if (unchanged?.(result)) return { result, published: false };
      const kept = found.row.versions;
      if (row.versions.length < kept.length || kept.some((v, i) => !same(v, row.versions[i])))
        throw new Error(`a published version of scenario ${id} was changed`);
      await client.query(
        `UPDATE org_scenarios SET draft_yaml = $2, draft_saved_at = $3, draft_by_id = $4, draft_by_name = $5, draft_revision = $6,
           draft_rolled_back_from = $7, everyone_request_by_id = $8, everyone_request_by_name = $9, everyone_request_at = $10, retired_at = $11
         WHERE id = $1`,
        [
          id,
          row.draft?.yaml ?? null,
          row.draft?.savedAt ?? null,
          row.draft?.byId ?? null,
          row.draft?.byName ?? null,
          row.draftRevision,
          note.rolledBackFrom,
          row.everyoneRequest?.byId ?? null,
          row.everyoneRequest?.byName ?? null,
          row.everyoneRequest?.at ?? null,
          row.retiredAt,
        ],
      );
      const added = row.versions.slice(kept.length);
      await insertVersions(client, id, added);
      // Delivered to every server's copy of the published texts when this commits (and never if it does not).
      if (added.length) await client.query("SELECT pg_notify($1, $2)", [PUBLISHED_CHANNEL, id]);
      return { result, published: added.length > 0 };
    });
    if (published) await publishedHere(id);
    return result;
  },
  published: () => publishedScenarioMirror(),
};
