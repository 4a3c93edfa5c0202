import { verificationCode } from "~/certification/verification-code";
import { certificatesFile } from "~/store/db.server";
import type { CertificatesBackend } from "../store-backends";

/** Codes already worked out: a code is looked up by hashing every certificate's id once, not on every visit. */
const codes = new Map<string, string>();
function codeOf(id: string): string {
  let code = codes.get(id);
  if (!code) codes.set(id, (code = verificationCode(id)));
  return code;
}

/** Certificates in lowdb: certificates.json, changed in synchronous updates (one at a time in this process). */
export const lowdbCertificates: CertificatesBackend = {
  async ofUser(userId) {
    return structuredClone((await certificatesFile()).data.certificates.filter((c) => c.userId === userId));
  },
  async byId(id) {
    const cert = (await certificatesFile()).data.certificates.find((c) => c.id === id);
    return cert ? structuredClone(cert) : null;
  },
  async byCode(code) {
    const cert = (await certificatesFile()).data.certificates.find((c) => codeOf(c.id) === code);
    return cert ? structuredClone(cert) : null;
  },
  async issue(certificate, stillEligible) {
    const file = await certificatesFile();
    return file.update((data) => {
      // Two events finishing at once must not issue two certificates: decided inside the synchronous update.
      if (!stillEligible(structuredClone(data.certificates.filter((c) => c.userId === certificate.userId)))) return null;
      data.certificates.push(structuredClone(certificate));
      return structuredClone(certificate);
    });
  },
};
