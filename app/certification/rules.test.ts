import { describe, expect, it } from "vitest";
import { MODULE_SLUGS } from "~/courseware/modules";
import { addMonths, certificationStatus, REQUIRED_SCENARIOS, type Evidence } from "./rules";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
const pass = (scenarioId: string, at: string, over: Partial<Evidence["assessments"][number]> = {}) => ({
  attemptId: `${scenarioId}-${at}`,
  scenarioId,
  at,
  listening: 80,
  empathy: 80,
  wording: 80,
  passed: true,
  ...over,
});

function complete(at = day(1)): Evidence {
  return {
    modulesCompleted: [...MODULE_SLUGS],
    quizPasses: MODULE_SLUGS.map((quiz) => ({ quiz, at })),
    assessments: REQUIRED_SCENARIOS.map((s) => pass(s, at)),
    certificates: [],
  };
}

describe("certification rule", () => {
  it("is eligible when every requirement is met", () => {
    const status = certificationStatus(complete(), new Date(day(2)));
    expect(status).toMatchObject({ state: "in-progress", eligible: true, done: 15, total: 15 });
  });

  it.each([
    ["a module not completed", (e: Evidence) => ({ ...e, modulesCompleted: e.modulesCompleted.slice(1) }), "module:service-overview"],
    ["a module quiz not passed", (e: Evidence) => ({ ...e, quizPasses: e.quizPasses.filter((q) => q.quiz !== "core-process") }), "quiz:core-process"],
    [
      "an assessment not passed",
      (e: Evidence) => ({ ...e, assessments: e.assessments.filter((a) => a.scenarioId !== "lift-entrapment") }),
      "scenario:lift-entrapment",
    ],
    [
      "an assessment whose verdict is a fail (a score under its pass mark, a critical error, not resolved)",
      (e: Evidence) => ({ ...e, assessments: [...e.assessments.slice(1), pass("angry-owner", day(1), { empathy: 69, passed: false })] }),
      "scenario:angry-owner",
    ],
  ])("is not eligible with %s", (_name, change, missing) => {
    const status = certificationStatus(change(complete()), new Date(day(2)));
    expect(status.eligible).toBe(false);
    expect(status.checklist.filter((c) => !c.done).map((c) => c.key)).toEqual([missing]);
  });

  it("accepts the final exam instead of the six module quizzes", () => {
    const status = certificationStatus({ ...complete(), quizPasses: [{ quiz: "final", at: day(1) }] }, new Date(day(2)));
    expect(status.eligible).toBe(true);
  });

  it("is certified until expiry, expiring in the last 30 days, then expired", () => {
    const issuedAt = day(2);
    const certificates = [{ id: "c1", issuedAt, expiresAt: addMonths(issuedAt, 12) }];
    const evidence = { ...complete(), certificates };
    const certified = certificationStatus(evidence, new Date(day(100)));
    expect(certified).toMatchObject({ state: "certified", eligible: false });
    // The passes that earned the certificate stand until its renewal window opens: nothing to do, nothing expired.
    expect(certified.checklist.filter((c) => !c.done || c.expired)).toEqual([]);
    const expiring = certificationStatus(evidence, new Date(day(350)));
    expect(expiring).toMatchObject({ state: "expiring", eligible: false });
    // Inside the window they no longer count for the next certificate: pass again.
    expect(expiring.checklist.filter((c) => c.expired).map((c) => c.target)).toEqual([...REQUIRED_SCENARIOS]);
    const expired = certificationStatus(evidence, new Date(day(400)));
    expect(expired).toMatchObject({ state: "expired", eligible: false, current: null });
    // The lapsed certificate is still the latest: the pages say when it ran out.
    expect(expired.latest).toEqual(certificates[0]);
    // The old assessment passes no longer count: they show as expired until passed again.
    expect(expired.checklist.filter((c) => c.expired).map((c) => c.target)).toEqual([...REQUIRED_SCENARIOS]);
  });

  it("renews once the three assessments are passed again", () => {
    const issuedAt = day(2);
    const evidence: Evidence = {
      ...complete(),
      certificates: [{ id: "c1", issuedAt, expiresAt: addMonths(issuedAt, 12) }],
    };
    evidence.assessments.push(...REQUIRED_SCENARIOS.map((s) => pass(s, day(395))));
    expect(certificationStatus(evidence, new Date(day(400)))).toMatchObject({ state: "expired", eligible: true });
  });

  it("adds months without overflowing short months", () => {
    expect(addMonths("2026-01-31T00:00:00.000Z", 1)).toBe("2026-02-28T00:00:00.000Z");
    expect(addMonths("2026-03-15T08:00:00.000Z", 12)).toBe("2027-03-15T08:00:00.000Z");
  });
});
