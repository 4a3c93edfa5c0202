import { describe, expect, it } from "vitest";
import { moduleStatus, moduleToContinue, resumeHref, unreadSections } from "./progress";

const module = { slug: "core-process", sections: [{ id: "a" }, { id: "b" }, { id: "c" }] };
const at = "2026-11-26T08:00:00.000Z";

describe("module progress", () => {
  it("is not started without records", () => {
    const status = moduleStatus(module, undefined);
    expect(status).toMatchObject({ state: "not-started", read: 0, total: 3, resumeSectionId: "a" });
    expect(resumeHref("core-process", status)).toBe("/learn/core-process");
  });

  it("resumes after the last section read", () => {
    const status = moduleStatus(module, { sectionsRead: ["a", "b"], lastSection: "b", startedAt: at, updatedAt: at, completedAt: null });
    expect(status).toMatchObject({ state: "in-progress", read: 2, resumeSectionId: "c" });
    expect(resumeHref("core-process", status)).toBe("/learn/core-process#c");
  });

  it("goes back to an earlier unread section when the later ones are read", () => {
    const status = moduleStatus(module, { sectionsRead: ["b", "c"], lastSection: "c", startedAt: at, updatedAt: at, completedAt: null });
    expect(status.resumeSectionId).toBe("a");
  });

  it("ignores sections that no longer exist in the module", () => {
    const status = moduleStatus(module, { sectionsRead: ["a", "gone"], lastSection: "gone", startedAt: at, updatedAt: at, completedAt: null });
    expect(status.read).toBe(1);
    expect(
      unreadSections(module.sections, { sectionsRead: ["a"], lastSection: "a", startedAt: at, updatedAt: at, completedAt: null }).map((s) => s.id),
    ).toEqual(["b", "c"]);
  });

  it("continues with the module studied most recently", () => {
    const older = { status: { ...moduleStatus(module, undefined), state: "in-progress" as const, lastActive: "2026-11-01T00:00:00Z" } };
    const newer = { status: { ...moduleStatus(module, undefined), state: "in-progress" as const, lastActive: "2026-11-20T00:00:00Z" } };
    const fresh = { status: moduleStatus(module, undefined) };
    expect(moduleToContinue([fresh, older, newer])).toBe(newer);
    expect(moduleToContinue([fresh])).toBe(fresh);
  });
});
