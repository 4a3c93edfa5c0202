import type { Role } from "~/auth/permissions";
import type { ThrottleRefusal } from "~/auth/login-throttle";
import type { SessionsToEnd } from "~/auth/session-rules";
import type { SessionRow, TeamRow, UserRow } from "~/store/schema";

/**
 * What each store does for the account models, and nothing more: the models (users.server.ts …) hold the rules
 * (hashing, naming, the throttle's arithmetic, who ends which session) and call one of these, lowdb's
 * (models/lowdb/) or PostgreSQL's (models/postgres/), chosen by STORE. Each method is one atomic step in its store.
 */

export interface UsersBackend {
  /** Every user, oldest first. */
  list(): Promise<UserRow[]>;
  exists(id: string): Promise<boolean>;
  byId(id: string): Promise<UserRow | null>;
  /** By the normalised username. */
  byUsername(username: string): Promise<UserRow | null>;
  /** Adds the user unless the username is taken (checked in the same step): false if it is. */
  insert(row: UserRow): Promise<boolean>;
  updateProfile(id: string, changes: { displayName: string; role: Role; teamId: string }, at: string): Promise<UserRow | null>;
  /** A new password hash (no longer the demo password); false for an unknown user. */
  setPassword(id: string, passwordHash: string, mustChangePassword: boolean, at: string): Promise<boolean>;
  /** False for an unknown user; `updatedAt` changes only when `active` does. */
  setActive(id: string, active: boolean, at: string): Promise<boolean>;
  /** Active accounts that still have the seeded demo password, oldest first. */
  demoAccounts(): Promise<UserRow[]>;
}

export interface TeamsBackend {
  /** Every team, in no particular order (the model sorts by name). */
  list(): Promise<TeamRow[]>;
  get(id: string): Promise<TeamRow | null>;
  /** Adds the team unless its name is taken (checked in the same step): false if it is. */
  insert(team: TeamRow): Promise<boolean>;
  /** Sets who trains a team (ids already made unique); false for an unknown team. */
  setTrainers(teamId: string, trainerIds: string[]): Promise<boolean>;
  /** The teams a trainer trains. */
  trainedBy(trainerId: string): Promise<TeamRow[]>;
  /** The trainer trains exactly these teams: added to the end of their trainers, removed from the others. */
  setTeamsTrainedBy(trainerId: string, teamIds: string[]): Promise<void>;
}

export interface SessionsBackend {
  /** Adds a session; the user's sessions that are no longer live at `now` are dropped in the same step. */
  insert(userId: string, session: SessionRow, now: Date): Promise<void>;
  get(userId: string, id: string): Promise<SessionRow | null>;
  /** Marks the session as used at `now` (and drops dead ones); the session afterwards, null if it has ended meanwhile. */
  touch(userId: string, id: string, now: Date): Promise<SessionRow | null>;
  /** Every session stored for the user, live or not yet dropped. */
  list(userId: string): Promise<SessionRow[]>;
  /** Ends the chosen sessions (and drops dead ones); how many of the chosen ended. */
  end(userId: string, which: SessionsToEnd, now: Date): Promise<number>;
  isKnownAddress(userId: string, address: string): Promise<boolean>;
  /** Remembers the address as the newest; only the `keep` newest are kept. */
  rememberAddress(userId: string, address: string, now: Date, keep: number): Promise<void>;
}

/** A name's counter: by the name alone (`users`) or by the name from a known address (`pairs`, `name@address`). */
export type NameCounter = { table: "users" | "pairs"; key: string };

export interface ThrottleBackend {
  /**
   * In one step no other try can enter: refuses the try if its address or name is locked, else counts it against
   * both (login-throttle.ts decideTry) and drops counters that no longer count.
   */
  countTry(name: NameCounter, address: string, now: Date): Promise<ThrottleRefusal | null>;
  /** The try at `at` succeeded: the name's counter it counted against goes, and the address's count of it. */
  takeBack(name: NameCounter, address: string, at: string): Promise<void>;
  /** Names (`users` counters) locked at `now`, with when each lock ends. */
  lockedNames(now: Date): Promise<Map<string, Date>>;
  /** Drops the name's counter and its counters from every address. */
  unlock(name: string): Promise<void>;
  /** For tests: the keys of the counters stored now. */
  keys(): Promise<Record<"users" | "pairs" | "addresses", string[]>>;
}

// ---- Role-play attempts and what trainers record on them (roleplay, review, corrections) ----
// (Imported here, not at the top, so that each group's part of this file stays its own.)
import type { AttemptOverview } from "~/store/attempt-overview";
import type { AttemptEvent, AttemptRow } from "~/store/schema";

/** A turn as it is recorded: the turn, and the call's end when the call ended with it. */
export type TurnEvents = [TurnEvent] | [TurnEvent, EndEvent];
export type TurnEvent = Extract<AttemptEvent, { t: "turn" }>;
export type EndEvent = Extract<AttemptEvent, { t: "end" }>;

/**
 * What playing a turn decided, on the attempt as it stood: refused (nothing is recorded, `refused` is the answer),
 * or the events to record and the answer once they are, from the attempt they made.
 */
export type TurnPlay<R> = { refused: R } | { events: TurnEvents; outcome: (after: Readonly<AttemptRow>) => R };

/**
 * What trainers record on a call that has ended (models/review.server.ts, models/corrections.server.ts): a comment,
 * its change or deletion, a score change, a review mark, a finding marked wrong or its withdrawal.
 */
export type TrainerEvent = Extract<AttemptEvent, { t: "comment" | "comment-edit" | "comment-delete" | "adjust" | "reviewed" | "dispute" | "dispute-withdraw" }>;

export interface AttemptsBackend {
  /** Every attempt of a trainee as overviews (no snapshot, no transcript), drafts included, in no particular order. */
  overviews(userId: string): Promise<AttemptOverview[]>;
  /** One attempt as an overview; null if there is none. */
  overview(attemptId: string): Promise<AttemptOverview | null>;
  /** One attempt with its snapshot and transcript; null if there is none. Read-only. */
  get(attemptId: string): Promise<Readonly<AttemptRow> | null>;
  /** The attempt in progress for a trainee, scenario and mode, whole; null if there is none. */
  active(userId: string, scenarioId: string, mode: AttemptRow["mode"]): Promise<Readonly<AttemptRow> | null>;
  /**
   * Adds a new attempt (no turns yet) unless one is already in progress for its trainee, scenario and mode (checked
   * in the same step): the attempt in progress afterwards, whole.
   */
  start(userId: string, attempt: AttemptRow): Promise<Readonly<AttemptRow>>;
  /**
   * Plays a turn: `play` decides on the attempt as it stands (a refusal, or the turn's events). The events are
   * recorded only while the turn is still the attempt's next one and the attempt is in progress; if another post
   * recorded it meanwhile, `play` decides again on the attempt as it is now (where it finds the turn recorded).
   * Null if there is no such attempt.
   */
  playTurn<R>(attemptId: string, play: (attempt: Readonly<AttemptRow>) => Promise<TurnPlay<R>>): Promise<{ result: R } | null>;
  /** Ends an attempt in progress as abandoned, once: false if it is not in progress (or not there). */
  abandon(attemptId: string, at: string): Promise<boolean>;
  /**
   * Runs `decide` on an attempt that has ended, alone (no other change of it meanwhile), and records the event it
   * gives in the same step; null if there is no such attempt or it is still in progress.
   */
  changeEnded<R>(attemptId: string, decide: (attempt: Readonly<AttemptRow>) => { result: R; event: TrainerEvent | null }): Promise<{ result: R } | null>;
}
