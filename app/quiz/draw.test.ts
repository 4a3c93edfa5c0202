import { describe, expect, it } from "vitest";
import { drawAcrossBanks, drawWeighted, seededRandom, shuffle } from "./draw";

const pool = Array.from({ length: 14 }, (_, i) => ({ key: `q${i}`, bank: i < 7 ? "a" : "b" }));

describe("drawing questions", () => {
  it("draws the requested number with no repeats", () => {
    for (let seed = 1; seed < 50; seed++) {
      const drawn = drawWeighted(pool, 8, new Set(), seededRandom(seed));
      expect(drawn).toHaveLength(8);
      expect(new Set(drawn.map((d) => d.key)).size).toBe(8);
    }
  });

  it("draws questions seen in the last attempt less often", () => {
    const seen = new Set(pool.slice(0, 7).map((p) => p.key));
    let seenDrawn = 0;
    let unseenDrawn = 0;
    for (let seed = 1; seed <= 400; seed++) {
      for (const d of drawWeighted(pool, 4, seen, seededRandom(seed))) {
        if (seen.has(d.key)) seenDrawn++;
        else unseenDrawn++;
      }
    }
    expect(seenDrawn).toBeLessThan(unseenDrawn / 2);
    expect(seenDrawn).toBeGreaterThan(0);
  });

  it("spreads the final exam over every bank", () => {
    const drawn = drawAcrossBanks(pool, 6, new Set(), seededRandom(7));
    expect(drawn.filter((d) => d.bank === "a")).toHaveLength(3);
    expect(drawn.filter((d) => d.bank === "b")).toHaveLength(3);
  });

  it("shuffles without losing or duplicating", () => {
    const items = ["a", "b", "c", "d", "e"];
    const shuffled = shuffle(items, seededRandom(3));
    expect([...shuffled].sort()).toEqual(items);
    const orders = new Set(Array.from({ length: 30 }, (_, s) => shuffle(items, seededRandom(s)).join("")));
    expect(orders.size).toBeGreaterThan(10);
  });
});
