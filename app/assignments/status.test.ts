import { describe, expect, it } from "vitest";
import { chinaDate } from "~/utils/dates";
import { assignmentState, completionOf, endOfDueDate, isDueDateAcceptable, type WorkDone } from "./status";

const assigned = "2026-11-20T02:00:00.000Z";
const due = endOfDueDate("2026-11-25");

describe("assignment status", () => {
  const nothing: WorkDone = { modulesCompleted: {}, quizPasses: [], calls: [] };

  it("is done once the work is done, on time or late", () => {
    expect(assignmentState(due, "2026-11-21T00:00:00.000Z", new Date("2026-11-22T00:00:00Z"))).toBe("done");
    expect(assignmentState(due, "2026-11-27T00:00:00.000Z", new Date("2026-11-28T00:00:00Z"))).toBe("done");
  });

  it("is due until the end of the due date in China, overdue after", () => {
    expect(assignmentState(due, null, new Date("2026-11-25T15:59:00Z"))).toBe("due");
    expect(assignmentState(due, null, new Date("2026-11-25T16:00:01Z"))).toBe("overdue");
  });

  it("counts work done before the task was set, the same way for modules, quizzes and scenarios", () => {
    const before = "2026-11-19T00:00:00.000Z"; // the day before it was assigned
    const done: WorkDone = {
      modulesCompleted: { "core-process": before },
      quizPasses: [{ quiz: "core-process", at: before }],
      calls: [{ scenarioId: "angry-owner", mode: "assessment", passed: true, at: before }],
    };
    for (const work of [
      { kind: "module", target: "core-process", mode: null },
      { kind: "quiz", target: "core-process", mode: null },
      { kind: "scenario", target: "angry-owner", mode: "assessment" },
    ] as const) {
      expect(completionOf(work, done), work.kind).toBe(before);
      expect(completionOf(work, nothing), work.kind).toBeNull();
    }
  });

  it("asks for a pass where the work is graded: the quiz (or the final exam), the assessment call; a practice call counts once finished", () => {
    const quiz = { kind: "quiz", target: "core-process", mode: null } as const;
    expect(completionOf(quiz, { ...nothing, quizPasses: [{ quiz: "final", at: assigned }] })).toBe(assigned);
    expect(completionOf(quiz, { ...nothing, quizPasses: [{ quiz: "service-overview", at: assigned }] })).toBeNull();
    const call = (mode: "practice" | "assessment", passed: boolean) => ({ ...nothing, calls: [{ scenarioId: "angry-owner", mode, passed, at: assigned }] });
    const assessment = { kind: "scenario", target: "angry-owner", mode: "assessment" } as const;
    expect(completionOf(assessment, call("assessment", false))).toBeNull();
    expect(completionOf(assessment, call("practice", true))).toBeNull();
    const practice = { kind: "scenario", target: "angry-owner", mode: "practice" } as const;
    expect(completionOf(practice, call("practice", false))).toBe(assigned);
  });

  it("takes the earliest time the work was done", () => {
    const done: WorkDone = {
      ...nothing,
      quizPasses: [
        { quiz: "core-process", at: "2026-11-22T00:00:00.000Z" },
        { quiz: "final", at: "2026-11-21T00:00:00.000Z" },
      ],
    };
    expect(completionOf({ kind: "quiz", target: "core-process", mode: null }, done)).toBe("2026-11-21T00:00:00.000Z");
  });

  it("accepts today's date and later, refuses the past and nonsense", () => {
    const now = new Date("2026-11-26T03:00:00Z");
    expect(isDueDateAcceptable("2026-11-26", now)).toBe(true);
    expect(isDueDateAcceptable("2026-12-01", now)).toBe(true);
    expect(isDueDateAcceptable("2026-11-25", now)).toBe(false);
    expect(isDueDateAcceptable("2026-13-40", now)).toBe(false);
    expect(isDueDateAcceptable("tomorrow", now)).toBe(false);
  });
});

describe("the date in China", () => {
  it("turns at midnight China Standard Time, 16:00 UTC", () => {
    expect(chinaDate(new Date("2026-11-26T15:59:59Z"))).toBe("2026-11-26");
    expect(chinaDate(new Date("2026-11-26T16:00:00Z"))).toBe("2026-11-27");
  });
});
