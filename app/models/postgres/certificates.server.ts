import type pg from "pg";
import { verificationCode } from "~/certification/verification-code";
import { query, transaction } from "~/store/postgres/pool.server";
import type { CertificateRow } from "~/store/schema";
import type { CertificatesBackend } from "../store-backends";
import { lockUser } from "./records.server";

/** A certificate with what earned it: its scenarios gathered beside it (certificate_scenarios). */
const SELECT = `SELECT c.id, c.user_id, c.name, c.team, c.issued_at, c.expires_at, c.quizzes,
  COALESCE((SELECT json_agg(json_build_object('scenario', s.scenario_id, 'attemptId', s.attempt_id, 'listening', s.listening,
                                              'empathy', s.empathy, 'wording', s.wording) ORDER BY s.scenario_id)
            FROM certificate_scenarios s WHERE s.certificate_id = c.id), '[]') AS scenarios
  FROM certificates c`;
/** Issue order, as lowdb's list keeps it. */
const ORDER = "ORDER BY c.issued_at, c.id";

interface Row {
  id: string;
  user_id: string;
  name: string;
  team: string;
  issued_at: Date;
  expires_at: Date;
  quizzes: CertificateRow["evidence"]["quizzes"];
  scenarios: Array<{ scenario: string; attemptId: string; listening: number; empathy: number; wording: number }>;
}

function toCertificateRow(r: Row): CertificateRow {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    team: r.team,
    issuedAt: r.issued_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    evidence: {
      scenarios: Object.fromEntries(r.scenarios.map(({ scenario, ...scores }) => [scenario, scores])),
      quizzes: r.quizzes,
    },
  };
}

type Runner = Pick<pg.PoolClient, "query">;

async function certificates(runner: Runner | null, where: string, values: unknown[]): Promise<CertificateRow[]> {
  const sql = `${SELECT} WHERE ${where} ${ORDER}`;
  const result = runner ? await runner.query<Row>(sql, values) : await query<Row>(sql, values);
  return result.rows.map(toCertificateRow);
}

/**
 * Certificates in PostgreSQL: certificates and certificate_scenarios. Issuing holds the trainee's row
 * (users, FOR NO KEY UPDATE) for the transaction: two servers deciding at the same moment that a trainee became
 * eligible decide one after the other, and the second sees the first's certificate. The verification code is
 * stored beside the id, unique (certificates_code_key).
 */
export const postgresCertificates: CertificatesBackend = {
  ofUser: (userId) => certificates(null, "c.user_id = $1", [userId]),
  async byId(id) {
    return (await certificates(null, "c.id = $1", [id]))[0] ?? null;
  },
  async byCode(code) {
    return (await certificates(null, "c.code = $1", [code]))[0] ?? null;
  },
  issue: (certificate, stillEligible) =>
    transaction(async (client) => {
      await lockUser(client, certificate.userId);
      if (!stillEligible(await certificates(client, "c.user_id = $1", [certificate.userId]))) return null;
      const { id, userId, name, team, issuedAt, expiresAt, evidence } = certificate;
      const inserted = await client.query(
        `INSERT INTO certificates (id, user_id, name, team, issued_at, expires_at, quizzes, code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (code) DO NOTHING`,
        [id, userId, name, team, issuedAt, expiresAt, evidence.quizzes, verificationCode(id)],
      );
      if (inserted.rowCount !== 1) return "code-taken";
      const scenarios = Object.entries(evidence.scenarios);
      if (scenarios.length)
        await client.query(
          `INSERT INTO certificate_scenarios (certificate_id, scenario_id, attempt_id, listening, empathy, wording)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[])`,
          [
            id,
            scenarios.map(([scenario]) => scenario),
            scenarios.map(([, s]) => s.attemptId),
            scenarios.map(([, s]) => s.listening),
            scenarios.map(([, s]) => s.empathy),
            scenarios.map(([, s]) => s.wording),
          ],
        );
      return structuredClone(certificate);
    }),
};
