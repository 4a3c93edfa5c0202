/**
 * The server's clock. In end-to-end tests (TEST_CLOCK=1) it can be moved forward through /test-clock, so a
 * quiz cooldown or a certificate's expiry can be tested without waiting; everywhere else it is the real time.
 */
let offsetMs = 0;

export function testClockEnabled(): boolean {
  return process.env.TEST_CLOCK === "1";
}

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function advanceTestClock(minutes: number): void {
  if (!testClockEnabled()) throw new Error("the test clock is off");
  offsetMs += minutes * 60_000;
}
