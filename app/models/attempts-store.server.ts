import { storeKind } from "~/store/config.server";
import type { AttemptOverview } from "~/store/attempt-overview";
import { lowdbAttempts } from "./lowdb/roleplay.server";
import { postgresAttempts } from "./postgres/roleplay.server";
import type { AttemptsBackend } from "./store-backends";

/**
 * The store's role-play attempts: lowdb's (a log per attempt) or PostgreSQL's (roleplay_attempts and its turns),
 * as STORE says. It imports no model, so any model may read attempts here without an import circle (certificates,
 * which models/roleplay.server.ts calls when an assessment finishes); the rules are in models/roleplay.server.ts.
 */
export const attemptsStore = (): AttemptsBackend => (storeKind() === "postgres" ? postgresAttempts : lowdbAttempts);

/**
 * Every role-play attempt of a trainee as overviews (no snapshot, no transcript), an author's draft tries included
 * (flagged `draft`: leave them out of every record), in no particular order. Read-only: do not change what comes back.
 */
export function attemptOverviews(userId: string): Promise<ReadonlyArray<Readonly<AttemptOverview>>> {
  return attemptsStore().overviews(userId);
}
