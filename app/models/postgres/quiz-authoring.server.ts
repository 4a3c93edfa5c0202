import type pg from "pg";
import { query, transaction } from "~/store/postgres/pool.server";
import type { OrgQuestionRow } from "~/store/schema";
import type { OrgQuestionsBackend } from "../store-backends";

type Content = OrgQuestionRow["versions"][number]["content"];

interface QuestionRow {
  id: string;
  module: string;
  copied_from: string | null;
  created_at: Date;
  created_by_id: string;
  created_by_name: string;
  draft: Content | null;
  draft_saved_at: Date | null;
  retired_at: Date | null;
}

interface VersionRow {
  question_id: string;
  version: number;
  content: Content;
  published_at: Date;
  by_id: string;
  by_name: string;
  rolled_back_from: number | null;
}

/** A pooled connection in a transaction, or the pool itself (one statement each). */
type Runner = { query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> };

/** The questions chosen by `where`, in the order they were added, each with its versions (oldest first). */
async function questions(db: Runner, where: string, values: unknown[]): Promise<OrgQuestionRow[]> {
  const { rows } = await db.query<QuestionRow>(
    `SELECT id, module, copied_from, created_at, created_by_id, created_by_name, draft, draft_saved_at, retired_at
     FROM org_questions WHERE ${where} ORDER BY seq`,
    values,
  );
  if (!rows.length) return [];
  const versions = await db.query<VersionRow>(
    `SELECT question_id, version, content, published_at, by_id, by_name, rolled_back_from
     FROM org_question_versions WHERE question_id = ANY($1::text[]) ORDER BY question_id, version`,
    [rows.map((r) => r.id)],
  );
  const byQuestion = new Map<string, OrgQuestionRow["versions"]>();
  for (const v of versions.rows)
    byQuestion.set(v.question_id, [
      ...(byQuestion.get(v.question_id) ?? []),
      {
        version: v.version,
        content: v.content,
        publishedAt: v.published_at.toISOString(),
        byId: v.by_id,
        byName: v.by_name,
        rolledBackFrom: v.rolled_back_from,
      },
    ]);
  return rows.map((r) => ({
    id: r.id,
    module: r.module,
    copiedFrom: r.copied_from,
    createdAt: r.created_at.toISOString(),
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    draft: r.draft,
    draftSavedAt: r.draft_saved_at?.toISOString() ?? null,
    versions: byQuestion.get(r.id) ?? [],
    retiredAt: r.retired_at?.toISOString() ?? null,
  }));
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Writes what a change did to the questions it was given: new questions, drafts, retirements, and new versions. */
async function writeChanges(client: Runner, before: readonly OrgQuestionRow[], after: readonly OrgQuestionRow[]): Promise<void> {
  const earlier = new Map(before.map((q) => [q.id, q]));
  for (const q of after) {
    const was = earlier.get(q.id);
    if (!was)
      await client.query(
        `INSERT INTO org_questions (id, module, copied_from, created_at, created_by_id, created_by_name, draft, draft_saved_at, retired_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
        [q.id, q.module, q.copiedFrom, q.createdAt, q.createdById, q.createdByName, json(q.draft), q.draftSavedAt, q.retiredAt],
      );
    else if (!same(was.draft, q.draft) || was.draftSavedAt !== q.draftSavedAt || was.retiredAt !== q.retiredAt)
      await client.query("UPDATE org_questions SET draft = $2::jsonb, draft_saved_at = $3, retired_at = $4 WHERE id = $1", [
        q.id,
        json(q.draft),
        q.draftSavedAt,
        q.retiredAt,
      ]);
    const kept = was?.versions ?? [];
    if (q.versions.length < kept.length || kept.some((v, i) => !same(v, q.versions[i]))) throw new Error(`a published version of question ${q.id} was changed`);
    // A number taken already (by a publication this one did not see) is refused by the primary key: none is lost.
    for (const v of q.versions.slice(kept.length))
      await client.query(
        `INSERT INTO org_question_versions (question_id, version, content, published_at, by_id, by_name, rolled_back_from)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
        [q.id, v.version, json(v.content), v.publishedAt, v.byId, v.byName, v.rolledBackFrom],
      );
  }
}

/**
 * The organisation's questions in PostgreSQL: org_questions (the draft's body as JSONB) and org_question_versions
 * (never updated: a trigger refuses it; numbered by the primary key). A change to a module's questions holds the
 * module's advisory lock for its transaction, so changes on any server run one after the other over what the last
 * one left: a question is checked against the others as they are, and a version number is never given twice.
 */
export const postgresOrgQuestions: OrgQuestionsBackend = {
  list: (module) => (module === undefined ? questions({ query }, "true", []) : questions({ query }, "module = $1", [module])),
  byIds: (ids) => questions({ query }, "id = ANY($1::text[])", [ids]),
  async get(id) {
    return (await questions({ query }, "id = $1", [id]))[0] ?? null;
  },
  change: (scope, change, unchanged) =>
    transaction(async (client) => {
      const module =
        "module" in scope
          ? scope.module
          : (await client.query<{ module: string }>("SELECT module FROM org_questions WHERE id = $1", [scope.questionId])).rows[0]?.module;
      if (module === undefined) return change([]);
      // Keyed by the table (its oid, in this schema) and the module: one change to a module's questions at a time.
      await client.query("SELECT pg_advisory_xact_lock('org_questions'::regclass::oid::int, hashtext($1))", [module]);
      const before = await questions(client, "module = $1", [module]);
      const after = structuredClone(before);
      const result = change(after);
      if (!unchanged?.(result)) await writeChanges(client, before, after);
      return result;
    }),
};
