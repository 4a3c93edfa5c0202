import { describe, expect, it } from "vitest";
import { STORES, useStore } from "../../tests/support/stores";
import { lockedNames, signIn, throttleKeys, unlockName } from "./login.server";
import { createTeam } from "./teams.server";
import { createUser, setUserActive } from "./users.server";

const HERE = "10.0.0.7";
const ELSEWHERE = "203.0.113.9";

async function account() {
  const team = await createTeam("阳光花园");
  if (!team.ok) throw new Error("setup failed");
  const created = await createUser({ username: "Desk01", displayName: "前台一号", password: "correct-horse", role: "trainee", teamId: team.team.id });
  if (!created.ok) throw new Error("setup failed");
  return created.user;
}

describe.each(STORES)("signIn (%s)", (store) => {
  useStore(store);

  it("accepts the right password whatever the username's case", async () => {
    await account();
    const result = await signIn("DESK01", "correct-horse", HERE);
    expect(result.ok).toBe(true);
  });

  it("refuses further tries for 15 minutes after 5 failures, even with the right password", async () => {
    await account();
    const t0 = new Date();
    for (let i = 0; i < 4; i++) expect(await signIn("desk01", "wrong", ELSEWHERE, t0)).toMatchObject({ ok: false, error: "invalid" });
    // The fifth try is checked (and fails); it is what locks the name.
    expect(await signIn("desk01", "wrong", ELSEWHERE, t0)).toMatchObject({ ok: false, error: "invalid" });
    expect(await signIn("desk01", "correct-horse", ELSEWHERE, new Date(t0.getTime() + 14 * 60_000))).toMatchObject({
      ok: false,
      error: "locked",
      scope: "name",
    });
    expect(await signIn("desk01", "correct-horse", ELSEWHERE, new Date(t0.getTime() + 15 * 60_000 + 1))).toMatchObject({ ok: true });
  });

  it("lets no burst slip past the lock: of 30 tries at once, at most five are checked, and the right one sent last is refused", async () => {
    await account();
    const t0 = new Date();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn("desk01", i === 29 ? "correct-horse" : "wrong", ELSEWHERE, t0)));
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results.filter((r) => !r.ok && r.error === "invalid")).toHaveLength(5);
    expect(results.at(-1)).toMatchObject({ ok: false, error: "locked" });
  });

  it("does not shut the owner out at an address she signed in from before, while a stranger's guesses lock the name", async () => {
    await account();
    const t0 = new Date();
    expect(await signIn("desk01", "correct-horse", HERE, t0)).toMatchObject({ ok: true });
    for (let i = 0; i < 6; i++) await signIn("desk01", "wrong", ELSEWHERE, t0);
    expect(await signIn("desk01", "correct-horse", ELSEWHERE, t0)).toMatchObject({ ok: false, error: "locked" });
    expect(await signIn("desk01", "correct-horse", HERE, t0)).toMatchObject({ ok: true });
  });

  it("limits an address, whatever the names it tries", async () => {
    const t0 = new Date();
    for (let i = 0; i < 30; i++) await signIn(`guess${i}`, "x", ELSEWHERE, t0);
    expect(await signIn("someone-else", "x", ELSEWHERE, t0)).toMatchObject({ ok: false, error: "locked", scope: "address" });
    expect(await signIn("someone-else", "x", HERE, t0)).toMatchObject({ ok: false, error: "invalid" });
  });

  it("throttles unknown usernames too, so guessing names is no faster", async () => {
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await signIn("nobody", "x", ELSEWHERE, t0);
    expect(await signIn("nobody", "x", ELSEWHERE, t0)).toMatchObject({ ok: false, error: "locked" });
  });

  it("can be unlocked by a supervisor", async () => {
    await account();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await signIn("desk01", "wrong", ELSEWHERE, t0);
    expect([...(await lockedNames(t0)).keys()]).toEqual(["desk01"]);
    await unlockName("desk01");
    expect(await lockedNames(t0)).toEqual(new Map());
    expect(await signIn("desk01", "correct-horse", ELSEWHERE, t0)).toMatchObject({ ok: true });
  });

  it("keeps only what still counts: the counters do not grow with every name ever tried", async () => {
    const t0 = new Date();
    for (let i = 0; i < 50; i++) await signIn(`name${i}`, "x", `198.51.100.${i}`, t0);
    const later = new Date(t0.getTime() + 31 * 60_000);
    await signIn("one-more", "x", HERE, later);
    expect(await throttleKeys()).toEqual({ users: ["one-more"], pairs: [], addresses: [HERE] });
  });

  it("refuses a deactivated account", async () => {
    const user = await account();
    await setUserActive(user.id, false);
    expect(await signIn("desk01", "correct-horse", HERE)).toMatchObject({ ok: false, error: "inactive" });
  });
});
