import { describe, expect, it } from "vitest";
import { chinaDate } from "~/utils/dates";
import { assignmentState, endOfDueDate, isDueDateAcceptable } from "./status";

const assigned = "2026-11-20T02:00:00.000Z";
const due = endOfDueDate("2026-11-25");

describe("assignment status", () => {
  it("is done when completed after it was assigned, even late", () => {
    expect(assignmentState(assigned, due, "2026-11-21T00:00:00.000Z", new Date("2026-11-22T00:00:00Z"))).toBe("done");
    expect(assignmentState(assigned, due, "2026-11-27T00:00:00.000Z", new Date("2026-11-28T00:00:00Z"))).toBe("done");
  });

  it("does not count work completed before it was assigned", () => {
    expect(assignmentState(assigned, due, "2026-11-19T00:00:00.000Z", new Date("2026-11-22T00:00:00Z"))).toBe("due");
  });

  it("is due until the end of the due date in China, overdue after", () => {
    expect(assignmentState(assigned, due, null, new Date("2026-11-25T15:59:00Z"))).toBe("due");
    expect(assignmentState(assigned, due, null, new Date("2026-11-25T16:00:01Z"))).toBe("overdue");
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
