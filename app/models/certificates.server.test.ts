import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatCode, verificationCode } from "~/certification/verification-code";
import { certificationStatus, REQUIRED_SCENARIOS, type Evidence } from "~/certification/rules";
import { getCourseware } from "~/courseware/courseware.server";
import { MODULE_SLUGS } from "~/courseware/modules";
import { getBanks } from "~/quiz/banks.server";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { query } from "~/store/postgres/pool.server";
import type { CertificateRow } from "~/store/schema";
import { finishWell } from "../../tests/support/roleplay-attempts";
import { storeCertificates } from "../../tests/support/records";
import { STORES, useStore } from "../../tests/support/stores";
import { teamWithTrainees } from "../../tests/support/teams";
import { getCertificationStatus, issueCertificateIfEligible, listCertificates, verifyCertificate } from "./certificates.server";
import { completeModule, markSectionRead } from "./progress.server";
import { startQuiz, submitQuiz } from "./quizzes.server";
import { certificatesStore } from "./records-store.server";

afterEach(() => delete process.env.ORGANISATION_NAME);

/** A certificate as one issued before verification codes existed was stored: nothing but its id names it. */
const issued: CertificateRow = {
  id: "2YeZzhOWoiO8jeCpHPbhwg",
  userId: "trainee0001",
  name: "刘芳",
  team: "阳光花园",
  issuedAt: "2026-11-29T08:00:00.000Z",
  expiresAt: "2027-11-29T08:00:00.000Z",
  evidence: { scenarios: {}, quizzes: "final" },
};

/** One trainee stored (PostgreSQL wants a certificate's holder to exist): their id. */
async function trainee(): Promise<string> {
  return (await teamWithTrainees("刘芳")).ids[0];
}

const at = (iso: string) => new Date(iso);

/** Everything a certificate needs, met at `passedAt`; the certificates are what the store holds. */
function evidenceAt(passedAt: string): Omit<Evidence, "certificates"> {
  return {
    modulesCompleted: [...MODULE_SLUGS],
    quizPasses: [{ quiz: "final", at: passedAt }],
    assessments: REQUIRED_SCENARIOS.map((scenarioId, i) => ({
      attemptId: `x.attempt${i}`,
      scenarioId,
      at: passedAt,
      listening: 80,
      empathy: 80,
      wording: 80,
      passed: true,
    })),
  };
}

/** The store's issuing step, asked as issueCertificateIfEligible asks it: with the certification rule at `now`. */
function issueAt(userId: string, id: string, now: string, passedAt = now) {
  const certificate: CertificateRow = { ...issued, id, userId, issuedAt: now, expiresAt: new Date(Date.parse(now) + 365 * 86_400_000).toISOString() };
  return certificatesStore().issue(certificate, (held) => certificationStatus({ ...evidenceAt(passedAt), certificates: held }, at(now)).eligible);
}

describe.each(STORES)("verifying a certificate (%s)", (store) => {
  useStore(store);

  it("finds one stored before codes existed by its id and by its code, however the code is typed", async () => {
    const userId = await trainee();
    await storeCertificates({ ...issued, userId, id: "otherCertificateId0001", name: "张明" }, { ...issued, userId });
    const code = formatCode(verificationCode(issued.id));
    const when = new Date("2027-01-01T00:00:00Z");
    for (const typed of [issued.id, code, code.toLowerCase(), code.replace("-", ""), code.replace("-", " "), ` ${code.toLowerCase().split("").join(" ")} `]) {
      expect(await verifyCertificate(typed, when), typed).toMatchObject({ code, name: "刘芳", team: "阳光花园", valid: true });
    }
    expect(await verifyCertificate("AAAAA-AAAAA", when)).toBeNull();
    expect(await verifyCertificate(issued.id.toLowerCase(), when)).toBeNull(); // the id is exact: it is the link's secret
    expect(await verifyCertificate("", when)).toBeNull();
  });

  it("says whether it is valid by the server's clock, and who issued it (a setting)", async () => {
    const userId = await trainee();
    await storeCertificates({ ...issued, userId });
    expect(await verifyCertificate(issued.id, new Date("2027-11-29T07:59:59Z"))).toMatchObject({ valid: true, organisation: "示例物业服务有限公司" });
    process.env.ORGANISATION_NAME = "  翠湖物业管理有限公司 ";
    expect(await verifyCertificate(issued.id, new Date("2027-11-29T08:00:00Z"))).toMatchObject({ valid: false, organisation: "翠湖物业管理有限公司" });
  });
});

describe.each(STORES)("issuing a certificate (%s)", (store) => {
  useStore(store);

  it("issues one when several issues for one trainee are decided at the same moment", async () => {
    const userId = await trainee();
    const now = "2026-12-01T08:00:00.000Z";
    // Eight servers decide at once that the trainee became eligible: each asks the store to issue its own certificate.
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => issueAt(userId, `concurrentCertificate${i}`, now)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await listCertificates(userId)).toEqual([results.find((r) => r !== null)]);
  });

  it("issues again once the certificate has run out and the assessments were passed again, and not before", async () => {
    const userId = await trainee();
    expect(await issueAt(userId, "firstCertificate0001", "2026-01-10T08:00:00.000Z")).toMatchObject({ id: "firstCertificate0001" });
    // Valid, nothing passed since: nothing to issue, however often it is asked.
    expect(await issueAt(userId, "tooSoonCertificate01", "2026-06-10T08:00:00.000Z", "2026-01-10T08:00:00.000Z")).toBeNull();
    // Run out, and the assessments passed again after the renewal window opened: a renewal, two at once give one.
    const renewals = await Promise.all([
      issueAt(userId, "renewalCertificate01", "2027-02-01T08:00:00.000Z"),
      issueAt(userId, "renewalCertificate02", "2027-02-01T08:00:00.000Z"),
    ]);
    expect(renewals.filter((r) => r !== null)).toHaveLength(1);
    expect((await listCertificates(userId)).map((c) => c.issuedAt)).toEqual(["2026-01-10T08:00:00.000Z", "2027-02-01T08:00:00.000Z"]);
    expect(await getCertificationStatus(userId, at("2027-02-02T00:00:00Z"))).toMatchObject({ current: { issuedAt: "2027-02-01T08:00:00.000Z" } });
  });

  it("keeps what earned it, and each trainee's certificates apart", async () => {
    const { ids } = await teamWithTrainees("刘芳", "张明");
    const attemptIds = REQUIRED_SCENARIOS.map((_, i) => `${ids[0]}.attempt${i}`);
    if (store === "postgres")
      // The attempts a certificate names must be on record (a foreign key): stored as the role-play store would.
      for (const [i, id] of attemptIds.entries())
        await query(
          `INSERT INTO roleplay_attempts (id, user_id, scenario_id, scenario_version, scenario_title_zh, scenario_title_en, mode, status, started_at, updated_at, finished_at, snapshot, state, emotion, minute)
           VALUES ($1, $2, $3, 1, '', '', 'assessment', 'finished', now(), now(), now(), '{}', 'end', 0, 0)`,
          [id, ids[0], REQUIRED_SCENARIOS[i]],
        );
    const certificate: CertificateRow = {
      ...issued,
      userId: ids[0],
      evidence: {
        scenarios: Object.fromEntries(REQUIRED_SCENARIOS.map((s, i) => [s, { attemptId: attemptIds[i], listening: 81.5, empathy: 77, wording: 90 - i }])),
        quizzes: "modules",
      },
    };
    expect(await certificatesStore().issue(certificate, () => true)).toEqual(certificate);
    expect(await listCertificates(ids[0])).toEqual([certificate]);
    expect(await listCertificates(ids[1])).toEqual([]);
    expect(await certificatesStore().byCode(verificationCode(issued.id))).toEqual(certificate);
  });
});

describe("certificates on PostgreSQL", () => {
  useStore("postgres");

  it("never give one verification code to two certificates (a unique constraint)", async () => {
    const userId = await trainee();
    await storeCertificates({ ...issued, userId });
    // Another certificate stored with the first one's code (as if two ids gave one code) is refused by the database …
    const again = query(
      "INSERT INTO certificates (id, user_id, name, team, issued_at, expires_at, quizzes, code) VALUES ('another', $1, '', '', now(), now() + interval '1 year', 'final', $2)",
      [userId, verificationCode(issued.id)],
    );
    await expect(again).rejects.toMatchObject({ code: "23505", constraint: "certificates_code_key" });
    // … and issuing one whose code is taken says so (issueCertificateIfEligible then issues it under another id).
    await query("DELETE FROM certificates");
    await query(
      "INSERT INTO certificates (id, user_id, name, team, issued_at, expires_at, quizzes, code) VALUES ('another', $1, '', '', now(), now() + interval '1 year', 'final', $2)",
      [userId, verificationCode(issued.id)],
    );
    expect(await certificatesStore().issue({ ...issued, userId }, () => true)).toBe("code-taken");
    expect((await listCertificates(userId)).map((c) => c.id)).toEqual(["another"]);
  });
});

describe.each(STORES)("a trainee meeting the last requirement (%s)", (store) => {
  useStore(store);
  const script = (name: string) => readScenarioFile(path.resolve(`scenarios/${name}.yaml`));

  it("is issued one certificate when the last module is completed twice at once", async () => {
    const userId = await trainee();
    const now = at("2026-11-20T08:00:00Z");
    for (const scenario of REQUIRED_SCENARIOS) await finishWell(userId, script(scenario), "assessment", now);
    const started = await startQuiz(userId, "final", now);
    if (!started.ok) throw new Error(started.error);
    const banks = getBanks("zh-CN");
    const answers = Object.fromEntries(
      started.attempt.questions.map((d) => {
        const q = banks[d.module as keyof typeof banks].questions.find((x) => x.id === d.id)!;
        return [`${d.module}/${d.id}`, q.type === "single" || q.type === "truefalse" || q.type === "best-reply" ? q.correct[0] : q.correct];
      }),
    );
    expect(await submitQuiz(userId, started.attempt.id, answers, now)).toMatchObject({ ok: true, attempt: { result: { passed: true } } });
    const modules = getCourseware("zh-CN");
    for (const mod of modules) {
      for (const section of mod.sections) await markSectionRead(userId, mod.slug, section.id, now);
      if (mod !== modules.at(-1)) await completeModule(userId, mod.slug, mod.sections, now);
    }
    expect(await listCertificates(userId)).toEqual([]);
    const last = modules.at(-1)!;
    // Two requests complete the last module at the same moment; a third event checks eligibility beside them.
    await Promise.all([
      completeModule(userId, last.slug, last.sections, now),
      completeModule(userId, last.slug, last.sections, now),
      issueCertificateIfEligible(userId, now),
    ]);
    expect(await listCertificates(userId)).toHaveLength(1);
    expect(await getCertificationStatus(userId, now)).toMatchObject({ state: "certified", eligible: false });
  });
});
