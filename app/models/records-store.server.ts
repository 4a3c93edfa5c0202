import { storeKind } from "~/store/config.server";
import { lowdbAssignments } from "./lowdb/assignments.server";
import { lowdbCertificates } from "./lowdb/certificates.server";
import { lowdbRecords } from "./lowdb/records.server";
import { postgresAssignments } from "./postgres/assignments.server";
import { postgresCertificates } from "./postgres/certificates.server";
import { postgresRecords } from "./postgres/records.server";
import type { AssignmentsBackend, CertificatesBackend, RecordsBackend } from "./store-backends";

/*
 * The stores of the trainee's own records (reading progress, coaching read, granted attempts), of assignments and
 * of certificates: lowdb's or PostgreSQL's, as STORE says. Here, not in a model, because several models read them
 * (progress, review, roleplay, assignments, certificates, dashboard) and this module imports no model: no circles.
 */
export const recordsStore = (): RecordsBackend => (storeKind() === "postgres" ? postgresRecords : lowdbRecords);
export const assignmentsStore = (): AssignmentsBackend => (storeKind() === "postgres" ? postgresAssignments : lowdbAssignments);
export const certificatesStore = (): CertificatesBackend => (storeKind() === "postgres" ? postgresCertificates : lowdbCertificates);
