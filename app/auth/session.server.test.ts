import { describe, expect, it } from "vitest";
import { createUser, resetPassword } from "~/models/users.server";
import { useTempDataDir } from "~/store/test-data-dir";
import { createUserSession, getUser } from "./session.server";

useTempDataDir();

async function signedInCookie() {
  const created = await createUser({ username: "desk02", displayName: "前台二号", password: "correct-horse", role: "trainee", teamId: "team000001" });
  if (!created.ok) throw new Error("setup failed");
  const response = await createUserSession(new Request("http://localhost/login", { method: "POST" }), created.user, "/");
  const cookie = response.headers.get("Set-Cookie")!.split(";")[0];
  return { user: created.user, cookie };
}

const withCookie = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: `lang=zh-CN; ${cookie}` } });

describe("sessions", () => {
  it("knows the user of a signed cookie, however often it is shown", async () => {
    const { user, cookie } = await signedInCookie();
    expect((await getUser(withCookie(cookie)))?.id).toBe(user.id);
    expect((await getUser(withCookie(cookie)))?.id).toBe(user.id);
  });

  it("refuses a cookie whose value was changed, after the genuine one was accepted", async () => {
    const { cookie } = await signedInCookie();
    await getUser(withCookie(cookie));
    // The cookie is `<base64 of the session's JSON>.<signature>`: change what it holds and keep the signature.
    const [name, value] = cookie.split("=");
    const [data, signature] = decodeURIComponent(value).split(".");
    const held = Buffer.from(data, "base64").toString("utf8");
    const forged = Buffer.from(held.replace(/"epoch":\d+/, '"epoch":99')).toString("base64");
    expect(forged).not.toBe(data);
    expect(await getUser(withCookie(`${name}=${encodeURIComponent(`${forged}.${signature}`)}`))).toBeNull();
    expect(await getUser(withCookie(`${name}=${encodeURIComponent(`${data}.${signature.slice(0, -2)}AA`)}`))).toBeNull();
  });

  it("ends a session that was accepted before once the password is reset", async () => {
    const { user, cookie } = await signedInCookie();
    expect(await getUser(withCookie(cookie))).not.toBeNull();
    await resetPassword(user.id, "another-horse");
    expect(await getUser(withCookie(cookie))).toBeNull();
  });
});
