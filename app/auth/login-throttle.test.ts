import { describe, expect, it } from "vitest";
import { afterFailure, LOGIN_THROTTLE, lockedUntil, nameKey, stillCounts, withoutTry, type ThrottleEntry } from "./login-throttle";

const start = new Date("2026-11-26T08:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const rule = LOGIN_THROTTLE.name;

function fail(times: Date[], entry?: ThrottleEntry) {
  return times.reduce<ThrottleEntry | undefined>((e, t) => afterFailure(e, t, rule), entry)!;
}

describe("login throttle", () => {
  it("does not lock after four failures", () => {
    const entry = fail([minutes(0), minutes(1), minutes(2), minutes(3)]);
    expect(lockedUntil(entry, minutes(3))).toBeNull();
  });

  it("locks for 15 minutes on the fifth failure within 15 minutes", () => {
    const entry = fail([minutes(0), minutes(1), minutes(2), minutes(3), minutes(4)]);
    expect(lockedUntil(entry, minutes(4))).toEqual(minutes(19));
    expect(lockedUntil(entry, minutes(18))).toEqual(minutes(19));
    expect(lockedUntil(entry, minutes(19))).toBeNull();
  });

  it("forgets failures older than 15 minutes", () => {
    const entry = fail([minutes(0), minutes(1), minutes(2), minutes(3), minutes(17)]);
    expect(lockedUntil(entry, minutes(17))).toBeNull();
    expect(entry.failures).toEqual([minutes(3).toISOString(), minutes(17).toISOString()]);
  });

  it("takes back one counted try that succeeded, and nothing else", () => {
    const entry = fail([minutes(0), minutes(1), minutes(1)]);
    expect(withoutTry(entry, minutes(1).toISOString())?.failures).toEqual([minutes(0).toISOString(), minutes(1).toISOString()]);
    expect(withoutTry({ failures: [minutes(0).toISOString()], lockedUntil: null }, minutes(0).toISOString())).toBeNull();
  });

  it("lets an entry go once nothing in it counts any more", () => {
    expect(stillCounts(fail([minutes(0)]), minutes(14), rule)).toBe(true);
    expect(stillCounts(fail([minutes(0)]), minutes(16), rule)).toBe(false);
    expect(stillCounts(fail([0, 1, 2, 3, 4].map(minutes)), minutes(18), rule)).toBe(true);
  });

  it("counts a name from a known address apart from the name alone", () => {
    expect(nameKey({ name: "trainee", address: "10.0.0.7", knownAddress: false })).toEqual({ table: "users", key: "trainee" });
    expect(nameKey({ name: "trainee", address: "10.0.0.7", knownAddress: true })).toEqual({ table: "pairs", key: "trainee@10.0.0.7" });
  });
});
