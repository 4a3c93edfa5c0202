/** Drawing and shuffling questions: pure, with the randomness passed in so tests can fix it. */

export type Random = () => number;

/** A seeded generator (mulberry32), for tests and reproducible draws. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A question seen in the trainee's last attempt is this much less likely to be drawn again. */
export const SEEN_WEIGHT = 0.25;

/**
 * Draws `count` distinct items, each with probability proportional to its weight (1, or SEEN_WEIGHT if it was in
 * the last attempt), without replacement.
 */
export function drawWeighted<T extends { key: string }>(pool: readonly T[], count: number, seenLastTime: ReadonlySet<string>, random: Random): T[] {
  const remaining = [...pool];
  const drawn: T[] = [];
  while (drawn.length < count && remaining.length) {
    const weights = remaining.map((item) => (seenLastTime.has(item.key) ? SEEN_WEIGHT : 1));
    let pick = random() * weights.reduce((a, b) => a + b, 0);
    let index = 0;
    while (index < remaining.length - 1 && pick >= weights[index]) pick -= weights[index++];
    drawn.push(remaining.splice(index, 1)[0]);
  }
  return drawn;
}

/** The final exam: `count` questions spread evenly over the banks, then shuffled. */
export function drawAcrossBanks<T extends { key: string; bank: string }>(
  pool: readonly T[],
  count: number,
  seenLastTime: ReadonlySet<string>,
  random: Random,
): T[] {
  const banks = [...new Set(pool.map((p) => p.bank))];
  const drawn: T[] = [];
  const per = Math.floor(count / banks.length);
  let extra = count - per * banks.length;
  for (const bank of shuffle(banks, random)) {
    const take = per + (extra-- > 0 ? 1 : 0);
    drawn.push(
      ...drawWeighted(
        pool.filter((p) => p.bank === bank),
        take,
        seenLastTime,
        random,
      ),
    );
  }
  return shuffle(drawn, random);
}
