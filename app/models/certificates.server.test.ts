import { afterEach, describe, expect, it } from "vitest";
import { withTempDataDir } from "../../tests/support/data-dir";
import { formatCode, verificationCode } from "~/certification/verification-code";
import { certificatesFile } from "~/store/db.server";
import type { CertificateRow } from "~/store/schema";
import { verifyCertificate } from "./certificates.server";

withTempDataDir();
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

async function store(...rows: CertificateRow[]) {
  const file = await certificatesFile();
  await file.update((data) => void data.certificates.push(...rows));
}

describe("verifying a certificate", () => {
  it("finds one stored before codes existed by its id and by its code, however the code is typed", async () => {
    await store({ ...issued, id: "otherCertificateId0001", name: "张明" }, issued);
    const code = formatCode(verificationCode(issued.id));
    const at = new Date("2027-01-01T00:00:00Z");
    for (const typed of [issued.id, code, code.toLowerCase(), code.replace("-", ""), code.replace("-", " "), ` ${code.toLowerCase().split("").join(" ")} `]) {
      expect(await verifyCertificate(typed, at), typed).toMatchObject({ code, name: "刘芳", team: "阳光花园", valid: true });
    }
    expect(await verifyCertificate("AAAAA-AAAAA", at)).toBeNull();
    expect(await verifyCertificate(issued.id.toLowerCase(), at)).toBeNull(); // the id is exact: it is the link's secret
    expect(await verifyCertificate("", at)).toBeNull();
  });

  it("says whether it is valid by the server's clock, and who issued it (a setting)", async () => {
    await store(issued);
    expect(await verifyCertificate(issued.id, new Date("2027-11-29T07:59:59Z"))).toMatchObject({ valid: true, organisation: "示例物业服务有限公司" });
    process.env.ORGANISATION_NAME = "  翠湖物业管理有限公司 ";
    expect(await verifyCertificate(issued.id, new Date("2027-11-29T08:00:00Z"))).toMatchObject({ valid: false, organisation: "翠湖物业管理有限公司" });
  });
});
