import { cleanName } from "~/utils/clean-name";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import type { Role } from "~/auth/permissions";
import { storeKind } from "~/store/config.server";
import type { UserRow } from "~/store/schema";
import { lowdbUsers } from "./lowdb/users.server";
import { postgresUsers } from "./postgres/users.server";
import { endSessions } from "./sessions.server";
import type { UsersBackend } from "./store-backends";

/** The store's users: lowdb's or PostgreSQL's, as STORE says (the rules below are the same for both). */
const store = (): UsersBackend => (storeKind() === "postgres" ? postgresUsers : lowdbUsers);

/** A user as the rest of the app sees it: never the password hash. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string;
  active: boolean;
  usesDemoPassword: boolean;
  /** The password is one a supervisor set: until its owner chooses their own, nothing but that opens (auth/session.server.ts). */
  mustChangePassword: boolean;
  createdAt: string;
}

function toUser(row: UserRow): User {
  const { id, username, displayName, role, teamId, active, usesDemoPassword, createdAt } = row;
  return { id, username, displayName, role, teamId, active, usesDemoPassword, mustChangePassword: row.mustChangePassword ?? false, createdAt };
}

export function newId(): string {
  return randomBytes(10).toString("hex");
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export async function listUsers(): Promise<User[]> {
  return (await store().list()).map(toUser);
}

/** Whether an account with this id exists (so that a forged id never creates a store file). */
export async function userExists(id: string): Promise<boolean> {
  return store().exists(id);
}

export async function getUserById(id: string): Promise<User | null> {
  const row = await store().byId(id);
  return row ? toUser(row) : null;
}

/** The user behind a live session: only while the account is active. */
export async function getActiveUser(id: string): Promise<User | null> {
  const row = await store().byId(id);
  return row?.active ? toUser(row) : null;
}

/** The id of the account with this username, if there is one. */
export async function findUserIdByName(username: string): Promise<string | null> {
  return (await store().byUsername(normaliseUsername(username)))?.id ?? null;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  teamId: string;
  usesDemoPassword?: boolean;
  /** A supervisor chose the password: its owner must replace it at their first sign-in. The seeded demo accounts are not asked. */
  mustChangePassword?: boolean;
}

export type CreateUserResult = { ok: true; user: User } | { ok: false; error: "username-taken" };

export async function createUser(input: NewUser): Promise<CreateUserResult> {
  const username = normaliseUsername(input.username);
  const passwordHash = await hashPassword(input.password);
  const now = new Date().toISOString();
  const row: UserRow = {
    id: newId(),
    username,
    displayName: cleanName(input.displayName),
    role: input.role,
    teamId: input.teamId,
    passwordHash,
    active: true,
    usesDemoPassword: input.usesDemoPassword ?? false,
    mustChangePassword: input.mustChangePassword ?? false,
    createdAt: now,
    updatedAt: now,
  };
  // The store checks the name and adds the user in one step, so two concurrent creations of one name cannot both pass.
  return (await store().insert(row)) ? { ok: true, user: toUser(row) } : { ok: false, error: "username-taken" };
}

export async function updateUserProfile(id: string, changes: { displayName: string; role: Role; teamId: string }): Promise<User | null> {
  const row = await store().updateProfile(id, { ...changes, displayName: cleanName(changes.displayName) }, new Date().toISOString());
  return row ? toUser(row) : null;
}

/** Sets a temporary password chosen by a supervisor: every session of the user ends, and the next sign-in must replace it. */
export async function resetPassword(id: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const found = await store().setPassword(id, passwordHash, true, new Date().toISOString());
  if (found) await endSessions(id, "all");
  return found;
}

/** Deactivating ends every session of the user. */
export async function setUserActive(id: string, active: boolean): Promise<boolean> {
  const found = await store().setActive(id, active, new Date().toISOString());
  if (found && !active) await endSessions(id, "all");
  return found;
}

export type ChangePasswordResult = { ok: true } | { ok: false; error: "wrong-current-password" };

/** A user changes their own password; every other session of theirs ends, the one they used stays. */
export async function changeOwnPassword(id: string, current: string, next: string, currentSessionId: string): Promise<ChangePasswordResult> {
  const row = await store().byId(id);
  if (!row || !(await verifyPassword(current, row.passwordHash))) return { ok: false, error: "wrong-current-password" };
  const passwordHash = await hashPassword(next);
  await store().setPassword(id, passwordHash, false, new Date().toISOString());
  await endSessions(id, { allBut: currentSessionId });
  return { ok: true };
}

/** Accounts that still have the seeded demo password, for the login page's hint. */
export async function listDemoAccounts(): Promise<Array<Pick<User, "username" | "role" | "displayName">>> {
  return (await store().demoAccounts()).map(({ username, role, displayName }) => ({ username, role, displayName }));
}

// Used to spend the same time on unknown usernames as on known ones.
let dummyHash: Promise<string> | null = null;

export type CredentialsCheck = { ok: true; user: User } | { ok: false; error: "invalid" | "inactive" };

export async function checkCredentials(username: string, password: string): Promise<CredentialsCheck> {
  const row = await store().byUsername(normaliseUsername(username));
  if (!row) {
    dummyHash ??= hashPassword("not-a-password");
    await verifyPassword(password, await dummyHash);
    return { ok: false, error: "invalid" };
  }
  if (!(await verifyPassword(password, row.passwordHash))) return { ok: false, error: "invalid" };
  if (!row.active) return { ok: false, error: "inactive" };
  return { ok: true, user: toUser(row) };
}
