import { describe, expect, it } from "vitest";
import { assessmentAllowance } from "./attempt-limit";

const rule = { attempts: 3, periodDays: 7 };
const day = (d: number, h = 9) => new Date(Date.UTC(2026, 10, d, h)).toISOString();

describe("assessment attempts per period", () => {
  it("allows up to the limit within the period, abandoned or not, and says how many are used", () => {
    expect(assessmentAllowance([], [], new Date(day(1)), rule)).toEqual({ allowed: true, used: 0, limit: 3, granted: 0, periodDays: 7, nextAt: null });
    expect(assessmentAllowance([day(1), day(2)], [], new Date(day(3)), rule)).toMatchObject({ allowed: true, used: 2, limit: 3 });
  });

  it("refuses a fourth within the period, and says when the oldest leaves it", () => {
    const starts = [day(1), day(2), day(4)];
    expect(assessmentAllowance(starts, [], new Date(day(5)), rule)).toMatchObject({ allowed: false, used: 3, nextAt: day(8) });
    // Exactly a period after the first start it no longer counts.
    expect(assessmentAllowance(starts, [], new Date(day(8)), rule)).toMatchObject({ allowed: true, used: 2 });
    expect(assessmentAllowance(starts, [], new Date(day(7, 23)), rule)).toMatchObject({ allowed: false });
  });

  it("lets a trainer's grant add one attempt, used by the next start", () => {
    const starts = [day(1), day(2), day(3)];
    const granted = assessmentAllowance(starts, [day(4)], new Date(day(4, 10)), rule);
    expect(granted).toMatchObject({ allowed: true, used: 3, limit: 4, granted: 1 });
    const usedUp = assessmentAllowance([...starts, day(4, 11)], [day(4)], new Date(day(4, 12)), rule);
    expect(usedUp).toMatchObject({ allowed: false, used: 4, limit: 4, nextAt: day(8) });
  });

  it("counts over the configured rule", () => {
    expect(assessmentAllowance([day(1)], [], new Date(day(1, 10)), { attempts: 1, periodDays: 1 })).toMatchObject({ allowed: false, nextAt: day(2) });
  });
});
