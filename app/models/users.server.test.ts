import { describe, expect, it } from "vitest";
import { STORES, useStore } from "../../tests/support/stores";
import { createSession, listSessions } from "./sessions.server";
import { createTeam } from "./teams.server";
import {
  changeOwnPassword,
  checkCredentials,
  createUser,
  findUserIdByName,
  getActiveUser,
  getUserById,
  listDemoAccounts,
  listUsers,
  resetPassword,
  setUserActive,
  updateUserProfile,
  userExists,
} from "./users.server";

async function team(name = "阳光花园"): Promise<string> {
  const created = await createTeam(name);
  if (!created.ok) throw new Error("setup failed");
  return created.team.id;
}

const FROM = { device: "Chrome · Windows", address: "10.0.0.7" };

describe.each(STORES)("users (%s)", (store) => {
  useStore(store);

  it("creates an account under its normalised name, never showing the password hash, and finds it again", async () => {
    // Arrange
    const teamId = await team();
    // Act
    const created = await createUser({ username: "  Desk01 ", displayName: " 前台一号 ", password: "correct-horse", role: "trainee", teamId });
    // Assert
    if (!created.ok) throw new Error("not created");
    expect(created.user).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{20}$/),
      username: "desk01",
      displayName: "前台一号",
      role: "trainee",
      teamId,
      active: true,
      usesDemoPassword: false,
      mustChangePassword: false,
      createdAt: expect.any(String),
    });
    expect(created.user).not.toHaveProperty("passwordHash");
    expect(await getUserById(created.user.id)).toEqual(created.user);
    expect(await findUserIdByName("DESK01")).toBe(created.user.id);
    expect(await userExists(created.user.id)).toBe(true);
    expect(await userExists("nobody0000")).toBe(false);
    expect(await getUserById("nobody0000")).toBeNull();
    expect(await findUserIdByName("nobody")).toBeNull();
  });

  it("refuses a username taken in any case, even by two creations at once", async () => {
    const teamId = await team();
    const input = { displayName: "前台", password: "correct-horse", role: "trainee" as const, teamId };
    const results = await Promise.all([createUser({ ...input, username: "desk01" }), createUser({ ...input, username: "DESK01" })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "username-taken" }]);
    expect(await listUsers()).toHaveLength(1);
  });

  it("lists users oldest first, and the demo accounts while they are active and keep the demo password", async () => {
    const teamId = await team();
    const demo = await createUser({ username: "trainee", displayName: "李晓雨", password: "demo1234", role: "trainee", teamId, usesDemoPassword: true });
    await createUser({ username: "trainer", displayName: "王建国", password: "demo1234", role: "trainer", teamId, usesDemoPassword: true });
    await createUser({ username: "newhire", displayName: "新同事", password: "given-by-boss", role: "trainee", teamId, mustChangePassword: true });
    if (!demo.ok) throw new Error("setup failed");
    expect((await listUsers()).map((u) => u.username)).toEqual(["trainee", "trainer", "newhire"]);
    expect((await listUsers())[2].mustChangePassword).toBe(true);
    expect(await listDemoAccounts()).toEqual([
      { username: "trainee", role: "trainee", displayName: "李晓雨" },
      { username: "trainer", role: "trainer", displayName: "王建国" },
    ]);
    await setUserActive(demo.user.id, false);
    expect((await listDemoAccounts()).map((u) => u.username)).toEqual(["trainer"]);
  });

  it("changes a profile, and answers null for an unknown user", async () => {
    const [a, b] = [await team("阳光花园"), await team("翠湖苑")];
    const created = await createUser({ username: "desk01", displayName: "前台", password: "correct-horse", role: "trainee", teamId: a });
    if (!created.ok) throw new Error("setup failed");
    const changed = await updateUserProfile(created.user.id, { displayName: " 前台主管 ", role: "trainer", teamId: b });
    expect(changed).toMatchObject({ id: created.user.id, displayName: "前台主管", role: "trainer", teamId: b });
    expect(await getUserById(created.user.id)).toEqual(changed);
    expect(await updateUserProfile("nobody0000", { displayName: "x", role: "trainee", teamId: a })).toBeNull();
  });

  it("checks credentials: the right password, a wrong one, an unknown name, an inactive account", async () => {
    const teamId = await team();
    const created = await createUser({ username: "desk01", displayName: "前台", password: "correct-horse", role: "trainee", teamId });
    if (!created.ok) throw new Error("setup failed");
    expect(await checkCredentials("Desk01", "correct-horse")).toEqual({ ok: true, user: created.user });
    expect(await checkCredentials("desk01", "wrong")).toEqual({ ok: false, error: "invalid" });
    expect(await checkCredentials("nobody", "correct-horse")).toEqual({ ok: false, error: "invalid" });
    expect(await setUserActive(created.user.id, false)).toBe(true);
    expect(await getActiveUser(created.user.id)).toBeNull();
    expect(await checkCredentials("desk01", "correct-horse")).toEqual({ ok: false, error: "inactive" });
    expect(await setUserActive("nobody0000", true)).toBe(false);
  });

  it("a supervisor's reset: a temporary password that must be replaced, and every session ended", async () => {
    const teamId = await team();
    const created = await createUser({ username: "desk01", displayName: "前台", password: "demo1234", role: "trainee", teamId, usesDemoPassword: true });
    if (!created.ok) throw new Error("setup failed");
    await createSession(created.user.id, FROM);
    expect(await resetPassword(created.user.id, "temporary-1")).toBe(true);
    expect(await getUserById(created.user.id)).toMatchObject({ usesDemoPassword: false, mustChangePassword: true });
    expect(await listSessions(created.user.id)).toEqual([]);
    expect((await checkCredentials("desk01", "temporary-1")).ok).toBe(true);
    expect(await resetPassword("nobody0000", "temporary-1")).toBe(false);
  });

  it("changing one's own password needs the current one, and keeps only the session in use", async () => {
    const teamId = await team();
    const created = await createUser({ username: "desk01", displayName: "前台", password: "given-by-boss", role: "trainee", teamId, mustChangePassword: true });
    if (!created.ok) throw new Error("setup failed");
    const desk = await createSession(created.user.id, FROM);
    await createSession(created.user.id, { device: "Safari · iOS", address: "10.0.0.8" });
    expect(await changeOwnPassword(created.user.id, "wrong", "my-own-secret", desk.session.id)).toEqual({ ok: false, error: "wrong-current-password" });
    expect(await listSessions(created.user.id)).toHaveLength(2);
    expect(await changeOwnPassword(created.user.id, "given-by-boss", "my-own-secret", desk.session.id)).toEqual({ ok: true });
    expect((await listSessions(created.user.id)).map((s) => s.id)).toEqual([desk.session.id]);
    expect(await getUserById(created.user.id)).toMatchObject({ mustChangePassword: false });
    expect((await checkCredentials("desk01", "my-own-secret")).ok).toBe(true);
  });
});
