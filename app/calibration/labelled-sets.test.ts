import { describe, expect, it } from "vitest";
import { knownMissKeys, readCalibration, readKnownMisses, runCalibration } from "./labelled-sets";
import { scoreReply } from "../../tests/support/scorer";
import { DIMENSIONS } from "~/scoring/types";

const { replies, pairs } = readCalibration();
const result = runCalibration(scoreReply, replies, pairs);
const current = knownMissKeys(result);
const known = readKnownMisses();

describe("calibration set", () => {
  it("is big enough and well formed", () => {
    expect(replies.length).toBeGreaterThanOrEqual(200);
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(replies.map((r) => r.id)).size).toBe(replies.length);
    for (const r of replies) for (const d of DIMENSIONS) expect(["good", "mid", "bad"], `${r.id} ${d}`).toContain(r.expect[d]);
  });

  it("scores every reply in its labelled band, except the recorded disagreements", () => {
    const unexpected = current.bands.filter((k) => !known.bands.includes(k));
    expect(unexpected, "new disagreements (see `npm run calibration -- --verbose`)").toEqual([]);
  });

  it("orders every pair as labelled, except the recorded disagreements", () => {
    const unexpected = current.orders.filter((k) => !known.orders.includes(k));
    expect(unexpected, "new disagreements (see `npm run calibration -- --verbose`)").toEqual([]);
  });

  it("keeps the list of disagreements honest: an entry that now agrees is removed from it", () => {
    expect(
      known.bands.filter((k) => !current.bands.includes(k)),
      "fixed: remove from known-misses.json",
    ).toEqual([]);
    expect(
      known.orders.filter((k) => !current.orders.includes(k)),
      "fixed: remove from known-misses.json",
    ).toEqual([]);
  });

  it("agrees on at least two thirds of the bands and nine in ten orderings", () => {
    // These sets were written beside the old phrase-list scorer; the blind sets (blind-sets.test.ts) judge the scorer.
    expect(result.bandMisses.length / result.bandChecks).toBeLessThanOrEqual(1 / 3);
    expect(result.pairMisses.length / result.pairChecks).toBeLessThanOrEqual(0.1);
  });
});
