import { randomBytes } from "node:crypto";
import { addMonths, certificationStatus, type CertificationStatus, type Evidence } from "~/certification/rules";
import { settings } from "~/config.server";
import { formatCode, parseCode, verificationCode } from "~/certification/verification-code";
import { standingOf } from "~/roleplay/adjusted";
import { quizAttemptsStore } from "./quiz-attempts-store.server";
import type { CertificateRow, ModuleProgress } from "~/store/schema";
import type { CallFacts, TraineeAchievements } from "./store-backends";
import { certificatesStore, recordsStore } from "./records-store.server";
import { attemptOverviews } from "./attempts-store.server";
import { getTeam } from "./teams.server";
import { getUserById } from "./users.server";

/** The modules a trainee completed, with when, from their reading progress. */
export function modulesCompletedIn(progress: Record<string, ModuleProgress>): Record<string, string> {
  return Object.fromEntries(Object.entries(progress).flatMap(([slug, p]) => (p.completedAt ? [[slug, p.completedAt] as [string, string]] : [])));
}

/**
 * What the certification rule needs to know about a trainee, from what they achieved and their calls (an author's
 * draft tries already left out): the assessments finished, each with its verdict after trainers' changes.
 */
export function evidenceFrom(achieved: TraineeAchievements, calls: ReadonlyArray<CallFacts>): Evidence {
  return {
    modulesCompleted: Object.keys(achieved.modulesCompleted),
    quizPasses: achieved.quizPasses,
    assessments: calls
      .filter((a) => a.mode === "assessment" && a.status === "finished" && a.result)
      .map((a) => {
        const { scores, passed } = standingOf(a.result!, a.adjustments ?? []);
        return { attemptId: a.id, scenarioId: a.scenarioId, at: a.finishedAt!, ...scores, passed };
      }),
    certificates: achieved.certificates,
  };
}

/** What the certification rule needs to know about a trainee, gathered from their own files and the certificates. */
export async function gatherEvidence(userId: string): Promise<Evidence> {
  const [progress, quizPasses, certs, overviews] = await Promise.all([
    recordsStore().progress(userId),
    quizAttemptsStore().passes(userId),
    certificatesStore().ofUser(userId),
    // Read from the store, not through models/roleplay.server (which issues certificates: no import cycle).
    attemptOverviews(userId),
  ]);
  const certificates = certs.map(({ id, issuedAt, expiresAt }) => ({ id, issuedAt, expiresAt }));
  return evidenceFrom(
    { modulesCompleted: modulesCompletedIn(progress), quizPasses, certificates },
    overviews.filter((a) => !a.draft),
  );
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
  const certificate: Omit<CertificateRow, "id"> = {
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
  // Two events finishing at once (on one server or two) must not issue two certificates: the store decides again,
  // on the trainee's certificates as they are at that moment, in the same step as it adds this one.
  const stillEligible = (held: CertificateRow[]) => certificationStatus({ ...evidence, certificates: held }, now).eligible;
  for (;;) {
    // 128 random bits: the id is the whole secret of the public verification URL.
    const issued = await certificatesStore().issue({ id: randomBytes(16).toString("base64url"), ...certificate }, stillEligible);
    // Its verification code is another certificate's (about one chance in 2^49): issued under another id.
    if (issued !== "code-taken") return issued;
  }
}

/**
 * A certificate as the public verification page shows it, found by its id (the link it was issued with) or by its
 * short code, however it was typed. Valid or not is decided here, against the server's clock.
 */
export async function verifyCertificate(idOrCode: string, now: Date) {
  const code = parseCode(idOrCode);
  const cert = (await certificatesStore().byId(idOrCode)) ?? (code ? await certificatesStore().byCode(code) : null);
  if (!cert) return null;
  // Not the id: whoever came by the code has no need of the link's secret.
  return {
    code: formatCode(verificationCode(cert.id)),
    name: cert.name,
    team: cert.team,
    issuedAt: cert.issuedAt,
    expiresAt: cert.expiresAt,
    valid: new Date(cert.expiresAt) > now,
    organisation: settings.organisationName(),
  };
}

export async function listCertificates(userId: string): Promise<CertificateRow[]> {
  return certificatesStore().ofUser(userId);
}
