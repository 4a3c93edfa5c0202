import { usersFile } from "~/store/db.server";
import type { UserRow } from "~/store/schema";
import type { UsersBackend } from "../store-backends";

/** Changes one user in one synchronous update; `missing` (and nothing changed) for an unknown id. */
async function change<R>(id: string, missing: R, apply: (row: UserRow) => R): Promise<R> {
  const file = await usersFile();
  return file.update((data) => {
    const row = data.users.find((u) => u.id === id);
    return row ? apply(row) : missing;
  });
}

/** Users in lowdb: users.json, changed in synchronous updates (one at a time in this process). */
export const lowdbUsers: UsersBackend = {
  async list() {
    return (await usersFile()).data.users;
  },
  async exists(id) {
    return (await usersFile()).data.users.some((u) => u.id === id);
  },
  async byId(id) {
    return (await usersFile()).data.users.find((u) => u.id === id) ?? null;
  },
  async byUsername(username) {
    return (await usersFile()).data.users.find((u) => u.username === username) ?? null;
  },
  async insert(row) {
    const file = await usersFile();
    return file.update((data) => {
      // Checked inside the synchronous update, so two concurrent creations of one name cannot both pass.
      if (data.users.some((u) => u.username === row.username)) return false;
      data.users.push(row);
      return true;
    });
  },
  updateProfile: (id, changes, at) => change(id, null, (row) => ({ ...Object.assign(row, changes, { updatedAt: at }) })),
  setPassword: (id, passwordHash, mustChangePassword, at) =>
    change(id, false, (row) => {
      Object.assign(row, { passwordHash, usesDemoPassword: false, mustChangePassword, updatedAt: at });
      return true;
    }),
  setActive: (id, active, at) =>
    change(id, false, (row) => {
      if (row.active !== active) Object.assign(row, { active, updatedAt: at });
      return true;
    }),
  async demoAccounts() {
    return (await usersFile()).data.users.filter((u) => u.usesDemoPassword && u.active);
  },
};
