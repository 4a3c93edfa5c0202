import { describe, expect, it } from "vitest";
import { afterFailure, lockedUntil, type ThrottleState } from "./login-throttle";

const start = new Date("2026-11-26T08:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

function fail(times: Date[], state: ThrottleState = { failures: [], lockedUntil: null }) {
  return times.reduce((s, t) => afterFailure(s, t), state);
}

describe("login throttle", () => {
  it("does not lock after four failures", () => {
    const state = fail([minutes(0), minutes(1), minutes(2), minutes(3)]);
    expect(lockedUntil(state, minutes(3))).toBeNull();
  });

  it("locks for 15 minutes on the fifth failure within 15 minutes", () => {
    const state = fail([minutes(0), minutes(1), minutes(2), minutes(3), minutes(4)]);
    expect(lockedUntil(state, minutes(4))).toEqual(minutes(19));
    expect(lockedUntil(state, minutes(18))).toEqual(minutes(19));
    expect(lockedUntil(state, minutes(19))).toBeNull();
  });

  it("forgets failures older than 15 minutes", () => {
    const state = fail([minutes(0), minutes(1), minutes(2), minutes(3), minutes(17)]);
    expect(lockedUntil(state, minutes(17))).toBeNull();
    expect(state.failures).toEqual([minutes(3).toISOString(), minutes(17).toISOString()]);
  });
});
