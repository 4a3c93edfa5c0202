import type { Role } from "~/auth/permissions";
import type { ThrottleRefusal } from "~/auth/login-throttle";
import type { SessionsToEnd } from "~/auth/session-rules";
import type {
  AssessmentGrant,
  AssignmentRow,
  AttemptEvent,
  AttemptRow,
  CertificateRow,
  ModuleProgress,
  OrgQuestionRow,
  OrgScenarioRow,
  QuizAnswer,
  QuizAttemptRow,
  ScoreAdjustment,
  SessionRow,
  TeamRow,
  UserRow,
} from "~/store/schema";
import type { AttemptOverview, IssueFound } from "~/store/attempt-overview";
import type { JudgedCall } from "~/roleplay/adjusted";

/**
 * What each store does for the models, and nothing more: the models (users.server.ts …) hold the rules
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

// ── The trainee's own records, assignments and certificates (progress, assignments, certificates) ──

export interface RecordsBackend {
  /** The trainee's reading progress per module slug (a copy: changing it changes nothing stored). */
  progress(userId: string): Promise<Record<string, ModuleProgress>>;
  /**
   * The section was read at `at`: added to the module's sections read (once, in the order first read), it is
   * where the trainee is now; a module's first read starts it. The module's progress afterwards.
   */
  markSectionRead(userId: string, module: string, sectionId: string, at: string): Promise<ModuleProgress>;
  /**
   * In one step no other change to the module's progress can enter: `mayComplete` is always asked, with the
   * progress as stored now (null if never started); if it says yes and the module was started, the module is
   * completed at `at` (an earlier completion keeps its date) and updated at `at`. Whether it was, and the module's
   * progress afterwards.
   */
  complete(
    userId: string,
    module: string,
    at: string,
    mayComplete: (entry: ModuleProgress | null) => boolean,
  ): Promise<{ completed: boolean; entry: ModuleProgress | null }>;
  /** When the trainee last marked their coaching read, if ever. */
  coachingReadAt(userId: string): Promise<string | null>;
  setCoachingReadAt(userId: string, at: string): Promise<void>;
  /** The extra assessment attempts trainers granted the trainee, oldest first. */
  grants(userId: string): Promise<AssessmentGrant[]>;
  /**
   * In one step no other grant to the trainee can enter: adds the grant unless `refuse` says no to the trainee's
   * grants as stored now. Whether it was added.
   */
  addGrantUnless(userId: string, grant: AssessmentGrant, refuse: (grants: AssessmentGrant[]) => boolean): Promise<boolean>;
}

export interface AssignmentsBackend {
  get(id: string): Promise<AssignmentRow | null>;
  /**
   * Adds the assignment unless the same work (kind, target, mode, audience, due date) is already open: checked in
   * the same step. Null when added, else the open one that is the same work.
   */
  insertUnlessOpen(row: AssignmentRow): Promise<AssignmentRow | null>;
  /** Cancels an open assignment at `at`; false if there is none open by that id. */
  cancel(id: string, at: string): Promise<boolean>;
  /** Opens a cancelled assignment again, unless the same work is open meanwhile (checked in the same step). */
  restore(id: string): Promise<{ ok: true } | { ok: false; error: "not-cancelled" } | { ok: false; error: "duplicate"; existing: AssignmentRow }>;
  /** Records a reminder at `at` on an open assignment; false if there is none open by that id. */
  remind(id: string, at: string): Promise<boolean>;
  /** Assignments (open and cancelled) to one of the teams or to one of the trainees, oldest first. */
  forAudiences(teamIds: readonly string[], traineeIds: readonly string[]): Promise<AssignmentRow[]>;
  /** Open assignments to the trainee or to their team, oldest first. */
  openFor(userId: string, teamId: string): Promise<AssignmentRow[]>;
  /** Every open assignment, oldest first. */
  open(): Promise<AssignmentRow[]>;
}

export interface CertificatesBackend {
  /** The trainee's certificates, in the order issued. */
  ofUser(userId: string): Promise<CertificateRow[]>;
  /** By its id: the secret of its verification link (exact). */
  byId(id: string): Promise<CertificateRow | null>;
  /** By its verification code (certification/verification-code.ts, as `parseCode` gives it). */
  byCode(code: string): Promise<CertificateRow | null>;
  /**
   * In one step no other issue to the same trainee can enter (on every server): adds the certificate if
   * `stillEligible` says yes to the trainee's certificates as stored now. The certificate, null if it was not
   * eligible, or "code-taken" if another certificate has the same verification code (issue it with another id).
   */
  issue(certificate: CertificateRow, stillEligible: (held: CertificateRow[]) => boolean): Promise<CertificateRow | null | "code-taken">;
}

// ── Quizzes and the two authoring models (quiz attempts, the organisation's questions and scenarios) ──

/** What handing a quiz attempt in records: when, the answers (by question key), and their grade. */
export interface QuizSubmission {
  submittedAt: string;
  answers: Record<string, QuizAnswer>;
  result: NonNullable<QuizAttemptRow["result"]>;
}

export interface QuizAttemptsBackend {
  /** The trainee's attempts at one quiz, in the order they were started. */
  ofQuiz(userId: string, quiz: string): Promise<QuizAttemptRow[]>;
  /** One attempt of the trainee; null if they have no such attempt. */
  get(userId: string, attemptId: string): Promise<QuizAttemptRow | null>;
  /**
   * Adds the attempt unless the trainee has one of its quiz not handed in yet (checked in the same step, so a start
   * sent twice draws once): the attempt stored, this one or the one found.
   */
  start(userId: string, attempt: QuizAttemptRow): Promise<QuizAttemptRow>;
  /**
   * Hands an attempt in, once: in one step that no other hand-in of the attempt enters, `grade` gets the attempt as
   * stored (null if there is none) and says what to record (nothing when it refuses); its result is returned.
   */
  submit<R>(userId: string, attemptId: string, grade: (attempt: QuizAttemptRow | null) => { record: QuizSubmission | null; result: R }): Promise<R>;
  /** The quizzes the trainee passed, each with when it was handed in, in the order the attempts were started. */
  passes(userId: string): Promise<Array<{ quiz: string; at: string }>>;
}

export interface OrgQuestionsBackend {
  /** The organisation's questions, of one module if given, oldest first, each with its versions. */
  list(module?: string): Promise<OrgQuestionRow[]>;
  /** Those of these questions that exist. */
  byIds(ids: readonly string[]): Promise<OrgQuestionRow[]>;
  get(id: string): Promise<OrgQuestionRow | null>;
  /**
   * One change to a module's questions that no other change to them enters (a question is checked against the
   * others of its module): `change` gets the questions of the module (of the question named, when one is; none if
   * it does not exist), oldest first, and may add questions, set or clear drafts, publish versions (the next
   * number; a published one is never changed) and retire questions. `unchanged(result)`: it changed nothing.
   */
  change<R>(scope: { module: string } | { questionId: string }, change: (questions: OrgQuestionRow[]) => R, unchanged?: (result: R) => boolean): Promise<R>;
}

/** The version a scenario's draft was rolled back from, until the draft is published (a note on the next version). */
export interface RollBackNote {
  rolledBackFrom: number | null;
}

/** An authored scenario not retired, with its latest published version only (what the practice and assignment lists need). */
export interface CurrentScenario {
  id: string;
  latest: OrgScenarioRow["versions"][number];
}

/**
 * The published versions' texts of the authored scenarios, read synchronously (roleplay/scenario-files.server.ts
 * looks scenarios up by id in synchronous code: titles, reports). Versions never change, so only new ones can be
 * missing: lowdb reads its open file; PostgreSQL keeps a copy that every server refreshes when any server publishes.
 */
export interface PublishedScenarioTexts {
  /** The scenario's published versions, oldest first; undefined if it has none here. */
  versionsOf(id: string): ReadonlyArray<{ version: number; yaml: string }> | undefined;
}

export interface OrgScenariosBackend {
  /** Every authored scenario, oldest first, with its versions. */
  list(): Promise<OrgScenarioRow[]>;
  get(id: string): Promise<OrgScenarioRow | null>;
  /** The scenarios not retired that have a published version, oldest first, each with its latest version. */
  current(): Promise<CurrentScenario[]>;
  /** Adds a new scenario unless its id is taken (checked in the same step): false if it is. */
  insert(row: OrgScenarioRow): Promise<boolean>;
  /**
   * One change to one scenario that no other change to it enters: `change` gets it (null if there is none) and its
   * roll-back note, and may replace or clear the draft, raise the draft's revision, publish a version (the next
   * number; a published one is never changed), set or clear the request to publish for everyone, retire it, and set
   * the note. `unchanged(result)`: it changed nothing.
   */
  change<R>(id: string, change: (row: OrgScenarioRow | null, note: RollBackNote) => R, unchanged?: (result: R) => boolean): Promise<R>;
  /** The published texts for synchronous look-ups (the same object while the store is the same). */
  published(): Promise<PublishedScenarioTexts>;
}

// ── Role-play attempts and what trainers record on them (roleplay, review, corrections) ──

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
  /** Whose attempt it is (a user still stored), of which scenario and mode: what a turn's post is checked against. */
  placeOf(attemptId: string): Promise<{ userId: string; scenarioId: string; mode: AttemptRow["mode"] } | null>;
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

// ── Views over the trainees of some teams (dashboard, review list, assignments' and reading progress, corrections) ──

/** Whose records a team view reads: the trainees of these teams; only the active ones, or only one of them, if asked. */
export interface TraineeScope {
  teamIds: readonly string[];
  /** Only this trainee (and only if they are a trainee of one of the teams). */
  userId?: string;
  /** Deactivated trainees left out. */
  activeOnly?: boolean;
}

/** What the certification and assignment rules read of a trainee, besides their calls. */
export interface TraineeAchievements {
  /** Module slug → when the trainee completed it. */
  modulesCompleted: Record<string, string>;
  /** The quizzes passed, each with when it was handed in, in the order the attempts were started. */
  quizPasses: Array<{ quiz: string; at: string }>;
  /** Their certificates, in the order issued. */
  certificates: Array<{ id: string; issuedAt: string; expiresAt: string }>;
}

/** What the rules read of a call: certification, assignment status and the verdict after trainers' changes (roleplay/adjusted.ts). */
export interface CallFacts {
  id: string;
  scenarioId: string;
  mode: AttemptRow["mode"];
  status: AttemptRow["status"];
  finishedAt: string | null;
  /** What the verdict rule reads of the judged result; null for a call without one. */
  result: JudgedCall | null;
  /** The trainers' score changes, in the order made. */
  adjustments: ReadonlyArray<Pick<ScoreAdjustment, "dimension" | "to" | "at">>;
}

/** A call that has ended (finished or given up) as the team views read it: what the rules read and the lists show, not its transcript. */
export interface EndedCall extends CallFacts {
  userId: string;
  status: "finished" | "abandoned";
  updatedAt: string;
  /** How many trainers' comments it shows, how many of its findings stand marked wrong, and whether it was marked reviewed. */
  comments: number;
  disputes: number;
  reviewMark: boolean;
}

/**
 * Reads over every trainee of some teams, each a constant number of statements on PostgreSQL whatever the number of
 * trainees (lowdb reads each trainee's files, as the models did). The models keep the rules: what comes back are
 * the facts the rules read, trainee by trainee.
 */
export interface TeamViewsBackend {
  /** The trainees in scope, in the order users are listed (oldest first). */
  trainees(scope: TraineeScope): Promise<UserRow[]>;
  /** What each trainee in scope has achieved, by their id (a trainee who has achieved nothing may be missing). */
  achievements(scope: TraineeScope): Promise<Map<string, TraineeAchievements>>;
  /** The reading progress of each trainee in scope per module slug, by their id (one who read nothing may be missing). */
  progress(scope: TraineeScope): Promise<Map<string, Record<string, ModuleProgress>>>;
  /**
   * The calls of the trainees in scope that have ended, an author's draft tries never among them: trainee by trainee
   * in the order of `trainees`, each one's in the order they ended (as `allAttempts` lists them); of one scenario or
   * one mode only, if asked.
   */
  endedCalls(scope: TraineeScope, only?: { scenarioId?: string; mode?: string }): Promise<EndedCall[]>;
  /**
   * The issues found in the replies of the finished calls (those with a result) of the trainees in scope, counted
   * per rule, message and dimension, in the order first found (the calls in the order of `endedCalls`, each one's
   * turns and findings in order), each with its message (a rule's Chinese words have one English translation).
   */
  issuesFound(scope: TraineeScope): Promise<Array<IssueFound & { count: number }>>;
  /** The open assignments to one of the teams or to one of the trainees in scope, in the order given. */
  openAssignments(scope: TraineeScope): Promise<AssignmentRow[]>;
  /**
   * The ended calls of the trainees in scope (no draft tries) on which a trainer changed a score or marked a finding
   * wrong (and has not withdrawn it), whole, in no particular order. Read-only.
   */
  correctedCalls(scope: TraineeScope): Promise<Array<Readonly<AttemptRow>>>;
}
