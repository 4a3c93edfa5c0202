import { describe, expect, it } from "vitest";
import { hasPermission, isRole } from "./permissions";

describe("permissions", () => {
  it("lets only supervisors manage accounts", () => {
    expect(hasPermission("supervisor", "manage:users")).toBe(true);
    expect(hasPermission("trainer", "manage:users")).toBe(false);
    expect(hasPermission("trainee", "manage:users")).toBe(false);
  });

  it("lets trainers and supervisors, not trainees, see team progress", () => {
    expect(hasPermission("trainer", "view:team-progress")).toBe(true);
    expect(hasPermission("supervisor", "view:team-progress")).toBe(true);
    expect(hasPermission("trainee", "view:team-progress")).toBe(false);
  });

  it("lets trainers and supervisors, not trainees, write quiz questions", () => {
    expect(hasPermission("trainer", "author:quizzes")).toBe(true);
    expect(hasPermission("supervisor", "author:quizzes")).toBe(true);
    expect(hasPermission("trainee", "author:quizzes")).toBe(false);
  });

  it("lets trainers and supervisors write scenarios, and only supervisors publish them for everyone and retire them", () => {
    expect(hasPermission("trainer", "author:scenarios")).toBe(true);
    expect(hasPermission("supervisor", "author:scenarios")).toBe(true);
    expect(hasPermission("trainee", "author:scenarios")).toBe(false);
    for (const permission of ["publish:scenarios-everyone", "retire:scenarios"] as const) {
      expect(hasPermission("supervisor", permission)).toBe(true);
      expect(hasPermission("trainer", permission)).toBe(false);
      expect(hasPermission("trainee", permission)).toBe(false);
    }
  });

  it("lets everyone learn and change their own password", () => {
    for (const role of ["trainee", "trainer", "supervisor"] as const) {
      expect(hasPermission(role, "learn:courseware")).toBe(true);
      expect(hasPermission(role, "change:own-password")).toBe(true);
    }
  });

  it("recognises only the three roles", () => {
    expect(isRole("trainer")).toBe(true);
    expect(isRole("admin")).toBe(false);
  });
});
