import pg from "pg";
import { describe, expect, it } from "vitest";
import { createUser, changeOwnPassword, resetPassword, setUserActive } from "~/models/users.server";
import { findSession, listSessions, SESSION_LIMITS } from "~/models/sessions.server";
import { createTeam } from "~/models/teams.server";
import { STORES, useStore } from "../../tests/support/stores";
import { CHANGE_PASSWORD_PAGE, createUserSession, getSignedIn, getUser, logout, requirePermission, requireSignedIn } from "./session.server";

async function team(): Promise<string> {
  const created = await createTeam("阳光花园");
  if (!created.ok) throw new Error("setup failed");
  return created.team.id;
}

async function account() {
  const created = await createUser({ username: "desk02", displayName: "前台二号", password: "correct-horse", role: "trainee", teamId: await team() });
  if (!created.ok) throw new Error("setup failed");
  return created.user;
}

async function signIn(user: { id: string } & Parameters<typeof createUserSession>[1], device = "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0") {
  const response = await createUserSession(new Request("http://localhost/login", { method: "POST", headers: { "User-Agent": device } }), user, "/", "10.0.0.7");
  return response.headers.get("Set-Cookie")!.split(";")[0];
}

const withCookie = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: `lang=zh-CN; ${cookie}` } });

describe.each(STORES)("sessions (%s)", (store) => {
  useStore(store);

  it("knows the user of a signed cookie, however often it is shown, and a new sign-in is a new session", async () => {
    const user = await account();
    const cookie = await signIn(user);
    expect((await getUser(withCookie(cookie)))?.id).toBe(user.id);
    expect((await getUser(withCookie(cookie)))?.id).toBe(user.id);
    const again = await signIn(user);
    expect(again).not.toBe(cookie);
    expect(await listSessions(user.id)).toHaveLength(2);
  });

  it.runIf(store === "postgres")("ends on every server: a session another server ended opens nothing here, at once", async () => {
    const user = await account();
    const cookie = await signIn(user);
    expect((await getUser(withCookie(cookie)))?.id).toBe(user.id);
    // Another app server signs the user out everywhere: its own connection to the same database.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query("DELETE FROM sessions WHERE user_id = $1", [user.id]);
    await other.end();
    expect(await getUser(withCookie(cookie))).toBeNull();
  });

  it("refuses a cookie whose value was changed", async () => {
    const user = await account();
    const cookie = await signIn(user);
    await getUser(withCookie(cookie));
    const [name, value] = cookie.split("=");
    const [data, signature] = decodeURIComponent(value).split(".");
    const held = JSON.parse(Buffer.from(data, "base64").toString("utf8")) as string;
    const forged = Buffer.from(JSON.stringify(held.replace(/.$/, held.endsWith("A") ? "B" : "A"))).toString("base64");
    expect(await getUser(withCookie(`${name}=${encodeURIComponent(`${forged}.${signature}`)}`))).toBeNull();
    expect(await getUser(withCookie(`${name}=${encodeURIComponent(`${data}.${signature.slice(0, -2)}AA`)}`))).toBeNull();
  });

  it("ends on sign-out: the old cookie opens nothing afterwards", async () => {
    const user = await account();
    const cookie = await signIn(user);
    const response = await logout(withCookie(cookie));
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await getUser(withCookie(cookie))).toBeNull();
  });

  it("ends every other session when the user changes their password, and keeps the one they used", async () => {
    const user = await account();
    const desk = await signIn(user);
    const phone = await signIn(user, "Mozilla/5.0 (iPhone) Safari/605.1");
    const current = (await getSignedIn(withCookie(desk)))!.session;
    expect(await changeOwnPassword(user.id, "correct-horse", "battery-staple", current.id)).toEqual({ ok: true });
    expect(await getUser(withCookie(desk))).not.toBeNull();
    expect(await getUser(withCookie(phone))).toBeNull();
  });

  it("ends every session on a supervisor's reset and on deactivation", async () => {
    const user = await account();
    const cookie = await signIn(user);
    await resetPassword(user.id, "another-horse");
    expect(await getUser(withCookie(cookie))).toBeNull();
    const next = await signIn(user);
    await setUserActive(user.id, false);
    expect(await getUser(withCookie(next))).toBeNull();
    await setUserActive(user.id, true);
    expect(await getUser(withCookie(next))).toBeNull();
  });

  it("ends by itself after 12 hours unused, and after 7 days however it is used", async () => {
    const user = await account();
    const cookie = await signIn(user);
    const token = decodeURIComponent(cookie.split("=")[1]);
    const [data] = token.split(".");
    const held = JSON.parse(Buffer.from(data, "base64").toString("utf8")) as string;
    const secret = held.split(".")[1];
    const now = Date.now();
    expect(await findSession(user.id, secret, new Date(now + SESSION_LIMITS.idleMs - 60_000))).not.toBeNull();
    // Used every 6 hours: never idle, but over after 7 days.
    for (let t = 6; t < 7 * 24; t += 6) expect(await findSession(user.id, secret, new Date(now + t * 3_600_000)), `hour ${t}`).not.toBeNull();
    expect(await findSession(user.id, secret, new Date(now + SESSION_LIMITS.absoluteMs + 1))).toBeNull();
    const other = await signIn(user);
    const otherSecret = (JSON.parse(Buffer.from(decodeURIComponent(other.split("=")[1]).split(".")[0], "base64").toString("utf8")) as string).split(".")[1];
    expect(await findSession(user.id, otherSecret, new Date(Date.now() + SESSION_LIMITS.idleMs + 60_000))).toBeNull();
  });
});

describe.each(STORES)("a password a supervisor chose (%s)", (store) => {
  useStore(store);

  /** Where a guard sends the request instead of letting it through, or null if it lets it through. */
  async function sentTo(guard: Promise<unknown>): Promise<string | null> {
    try {
      await guard;
      return null;
    } catch (thrown) {
      if (thrown instanceof Response && thrown.status === 302) return thrown.headers.get("Location");
      throw thrown;
    }
  }
  const at = (cookie: string, url: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });

  it("opens nothing but the account page until its owner has replaced it; the demo accounts are not asked", async () => {
    const teamId = await team();
    const created = await createUser({
      username: "newhire",
      displayName: "新同事",
      password: "given-by-boss",
      role: "trainee",
      teamId,
      mustChangePassword: true,
    });
    if (!created.ok) throw new Error("setup failed");
    const cookie = await signIn(created.user);
    expect((await getUser(withCookie(cookie)))?.mustChangePassword).toBe(true);

    expect(await sentTo(requirePermission(at(cookie, "/learn/core-process?x=1"), "learn:courseware"))).toBe(
      `${CHANGE_PASSWORD_PAGE}?redirectTo=%2Flearn%2Fcore-process%3Fx%3D1`,
    );
    expect(await sentTo(requireSignedIn(at(cookie, "/")))).toBe(CHANGE_PASSWORD_PAGE);
    expect(await sentTo(requireSignedIn(at(cookie, "/account"), { allowPendingPasswordChange: true }))).toBeNull();

    const session = (await getSignedIn(withCookie(cookie)))!.session;
    expect(await changeOwnPassword(created.user.id, "given-by-boss", "my-own-secret", session.id)).toEqual({ ok: true });
    expect(await sentTo(requirePermission(at(cookie, "/learn"), "learn:courseware"))).toBeNull();

    // A supervisor's reset makes it temporary again.
    await resetPassword(created.user.id, "another-temporary");
    const next = await signIn(created.user);
    expect(await sentTo(requireSignedIn(at(next, "/learn")))).toBe(`${CHANGE_PASSWORD_PAGE}?redirectTo=%2Flearn`);

    // As the seed creates the demo accounts: straight in.
    const demo = await createUser({ username: "trainee", displayName: "李晓雨", password: "demo1234", role: "trainee", teamId, usesDemoPassword: true });
    if (!demo.ok) throw new Error("setup failed");
    expect(await sentTo(requirePermission(at(await signIn(demo.user), "/learn"), "learn:courseware"))).toBeNull();
  });
});
