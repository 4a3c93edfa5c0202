import { certificatesStore } from "~/models/records-store.server";
import { createUser, type User } from "~/models/users.server";
import type { CertificateRow } from "~/store/schema";

/** For model tests on either store: certificates stored as they are (through the store's issuing step, no rule asked). */
export async function storeCertificates(...rows: CertificateRow[]): Promise<void> {
  for (const row of rows) {
    const stored = await certificatesStore().issue(row, () => true);
    if (stored === null || stored === "code-taken") throw new Error(`certificate ${row.id} not stored`);
  }
}

/** For model tests on either store: a trainer account in the team (PostgreSQL wants whoever assigns or grants to exist). */
export async function storedTrainer(teamId: string, username = "trainer", displayName = "王建国"): Promise<User> {
  const created = await createUser({ username, displayName, password: "password123", role: "trainer", teamId });
  if (!created.ok) throw new Error("trainer");
  return created.user;
}
