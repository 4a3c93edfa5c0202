import { ends, isLive } from "~/auth/session-rules";
import { sessionsFile } from "~/store/db.server";
import type { SessionsData } from "~/store/schema";
import type { SessionsBackend } from "../store-backends";

function pruned(data: SessionsData, now: Date): void {
  data.sessions = data.sessions.filter((s) => isLive(s, now));
}

/** Sessions in lowdb: one file per user (sessions/<userId>.json) with their sessions and known addresses. */
export const lowdbSessions: SessionsBackend = {
  async insert(userId, session, now) {
    const file = await sessionsFile(userId);
    await file.update((data) => {
      pruned(data, now);
      data.sessions.push(session);
    });
  },
  async get(userId, id) {
    return (await sessionsFile(userId)).data.sessions.find((s) => s.id === id) ?? null;
  },
  async touch(userId, id, now) {
    const file = await sessionsFile(userId);
    await file.update((data) => {
      const row = data.sessions.find((s) => s.id === id);
      if (row) row.lastSeenAt = now.toISOString();
      pruned(data, now);
    });
    return file.data.sessions.find((s) => s.id === id) ?? null;
  },
  async list(userId) {
    return (await sessionsFile(userId)).data.sessions;
  },
  async end(userId, which, now) {
    const file = await sessionsFile(userId);
    return file.update((data) => {
      const before = data.sessions.length;
      data.sessions = data.sessions.filter((s) => !ends(which, s.id));
      const ended = before - data.sessions.length;
      pruned(data, now);
      return ended;
    });
  },
  async isKnownAddress(userId, address) {
    return (await sessionsFile(userId)).data.knownAddresses.some((a) => a.address === address);
  },
  async rememberAddress(userId, address, now, keep) {
    const file = await sessionsFile(userId);
    await file.update((data) => {
      data.knownAddresses = [{ address, lastAt: now.toISOString() }, ...data.knownAddresses.filter((a) => a.address !== address)].slice(0, keep);
    });
  },
};
