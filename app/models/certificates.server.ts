import { randomBytes } from "node:crypto";
import { addMonths, certificationStatus, type CertificationStatus, type Evidence } from "~/certification/rules";
import { settings } from "~/config.server";
import { formatCode, parseCode, verificationCode } from "~/certification/verification-code";
import { standingOf } from "~/roleplay/adjusted";
import { certificatesFile, quizAttemptsFile, userRecordsFile } from "~/store/db.server";
import type { CertificateRow } from "~/store/schema";
import { attemptOverviews } from "./attempts-store.server";
import { getTeam } from "./teams.server";
import { getUserById } from "./users.server";

/** What the certification rule needs to know about a trainee, gathered from their own files and the certificates. */
export async function gatherEvidence(userId: string): Promise<Evidence> {
  const [records, quizzes, certs] = await Promise.all([userRecordsFile(userId), quizAttemptsFile(userId), certificatesFile()]);
  return {
    modulesCompleted: Object.entries(records.data.progress)
      .filter(([, p]) => p.completedAt)
      .map(([slug]) => slug),
    quizPasses: quizzes.data.quizAttempts.filter((a) => a.result?.passed).map((a) => ({ quiz: a.quiz, at: a.submittedAt! })),
    // Read from the store, not through models/roleplay.server (which issues certificates: no import cycle).
    assessments: (await attemptOverviews(userId))
      .filter((a) => a.mode === "assessment" && a.status === "finished" && a.result && !a.draft)
      .map((a) => {
        const { scores, passed } = standingOf(a.result!, a.adjustments ?? []);
        return { attemptId: a.id, scenarioId: a.scenarioId, at: a.finishedAt!, ...scores, passed };
      }),
    certificates: certs.data.certificates.filter((c) => c.userId === userId).map(({ id, issuedAt, expiresAt }) => ({ id, issuedAt, expiresAt })),
  };
}

export async function getCertificationStatus(userId: string, now: Date): Promise<CertificationStatus> {
  return certificationStatus(await gatherEvidence(userId), now);
}

/**
 * Issues a certificate when the trainee has just met every requirement and holds no valid one. Called after each
 * event that can complete the requirements: a module completed, a quiz passed, an assessment finished.
 */
export async function issueCertificateIfEligible(userId: string, now: Date): Promise<CertificateRow | null> {
  const evidence = await gatherEvidence(userId);
  const status = certificationStatus(evidence, now);
  if (!status.eligible) return null;
  const user = await getUserById(userId);
  if (!user || user.role !== "trainee") return null;
  const team = await getTeam(user.teamId);
  const certificate: CertificateRow = {
    // 128 random bits: the id is the whole secret of the public verification URL.
    id: randomBytes(16).toString("base64url"),
    userId,
    name: user.displayName,
    team: team?.name ?? "",
    issuedAt: now.toISOString(),
    expiresAt: addMonths(now.toISOString(), settings.certificateMonths()),
    evidence: {
      scenarios: Object.fromEntries(
        Object.entries(status.qualifying).map(([scenario, a]) => [
          scenario,
          { attemptId: a.attemptId, listening: a.listening, empathy: a.empathy, wording: a.wording },
        ]),
      ),
      quizzes: evidence.quizPasses.some((q) => q.quiz === "final") ? "final" : "modules",
    },
  };
  const file = await certificatesFile();
  return file.update((data) => {
    // Two events finishing at once must not issue two certificates.
    const again = certificationStatus({ ...evidence, certificates: data.certificates.filter((c) => c.userId === userId) }, now);
    if (!again.eligible) return null;
    data.certificates.push(certificate);
    return structuredClone(certificate);
  });
}

/**
 * A certificate as the public verification page shows it, found by its id (the link it was issued with) or by its
 * short code, however it was typed. Valid or not is decided here, against the server's clock.
 */
export async function verifyCertificate(idOrCode: string, now: Date) {
  const file = await certificatesFile();
  const code = parseCode(idOrCode);
  const cert = file.data.certificates.find((c) => c.id === idOrCode) ?? (code ? file.data.certificates.find((c) => codeOf(c.id) === code) : undefined);
  if (!cert) return null;
  // Not the id: whoever came by the code has no need of the link's secret.
  return {
    code: formatCode(codeOf(cert.id)),
    name: cert.name,
    team: cert.team,
    issuedAt: cert.issuedAt,
    expiresAt: cert.expiresAt,
    valid: new Date(cert.expiresAt) > now,
    organisation: settings.organisationName(),
  };
}

/** Codes already worked out: a code is looked up by hashing every certificate's id once, not on every visit. */
const codes = new Map<string, string>();
function codeOf(id: string): string {
  let code = codes.get(id);
  if (!code) codes.set(id, (code = verificationCode(id)));
  return code;
}

export async function listCertificates(userId: string): Promise<CertificateRow[]> {
  const file = await certificatesFile();
  return structuredClone(file.data.certificates.filter((c) => c.userId === userId));
}
