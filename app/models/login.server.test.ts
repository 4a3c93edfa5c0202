import { describe, expect, it } from "vitest";
import { useTempDataDir } from "~/store/test-data-dir";
import { signIn } from "./login.server";
import { createUser, setUserActive } from "./users.server";

useTempDataDir();

async function account() {
  const created = await createUser({ username: "Desk01", displayName: "前台一号", password: "correct-horse", role: "trainee", teamId: "team000001" });
  if (!created.ok) throw new Error("setup failed");
  return created.user;
}

describe("signIn", () => {
  it("accepts the right password whatever the username's case", async () => {
    await account();
    const result = await signIn("DESK01", "correct-horse");
    expect(result.ok).toBe(true);
  });

  it("refuses further tries for 15 minutes after 5 failures, even with the right password", async () => {
    await account();
    const t0 = new Date();
    for (let i = 0; i < 4; i++) expect(await signIn("desk01", "wrong", t0)).toMatchObject({ ok: false, error: "invalid" });
    expect(await signIn("desk01", "wrong", t0)).toMatchObject({ ok: false, error: "locked" });
    expect(await signIn("desk01", "correct-horse", new Date(t0.getTime() + 14 * 60_000))).toMatchObject({ ok: false, error: "locked" });
    expect(await signIn("desk01", "correct-horse", new Date(t0.getTime() + 15 * 60_000 + 1))).toMatchObject({ ok: true });
  });

  it("throttles unknown usernames too, so guessing names is no faster", async () => {
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await signIn("nobody", "x", t0);
    expect(await signIn("nobody", "x", t0)).toMatchObject({ ok: false, error: "locked" });
  });

  it("refuses a deactivated account", async () => {
    const user = await account();
    await setUserActive(user.id, false);
    expect(await signIn("desk01", "correct-horse")).toMatchObject({ ok: false, error: "inactive" });
  });
});
