import { z } from "zod";
import { ROLES } from "~/auth/permissions";
import { QUESTION_TYPES } from "~/quiz/question-types";
import type { AttemptResult } from "~/roleplay/result";
import type { TurnRecord } from "~/roleplay/runner";

/**
 * The shapes of the store's files, as zod schemas (checked when a file is opened: a file of the wrong shape stops
 * the server, naming the file) with the TypeScript types inferred from them. Changing one means adding a migration
 * to its FileKind in db.server.ts.
 */

const isoTime = z.string().min(10);
const localised = z.object({ zh: z.string(), en: z.string() });
const scores = z.object({ listening: z.number(), empathy: z.number(), wording: z.number() });

/**
 * What the role-play engine owns (a turn's record, a judged result) is checked for its outline only: the engine's
 * own types say the rest, and it changes with the engine, not with the store.
 */
const turnRecordOutline = z.looseObject({
  n: z.number().int(),
  turn: z.string(),
  text: z.string(),
  scores,
  findings: z.array(z.looseObject({})),
  moves: z.array(z.string()),
});
const turnRecord = z.custom<TurnRecord>((v) => turnRecordOutline.safeParse(v).success, "not a role-play turn");
const attemptResultOutline = z.looseObject({
  passed: z.boolean(),
  ending: z.string(),
  scores,
  critical: z.array(z.looseObject({})),
  reasons: z.array(localised),
});
const attemptResult = z.custom<AttemptResult>((v) => attemptResultOutline.safeParse(v).success, "not a role-play result");

/** User ids as generated (they name the user's files): the one pattern, used wherever one is checked. */
export const USER_ID_PART = "[a-z0-9]{6,40}";
export const USER_ID = new RegExp(`^${USER_ID_PART}$`);

export const userRowSchema = z.object({
  id: z.string().regex(USER_ID),
  username: z.string().min(1),
  displayName: z.string(),
  role: z.enum(ROLES),
  teamId: z.string(),
  passwordHash: z.string(),
  active: z.boolean(),
  /** True while the account still has the seeded demo password; the login page lists such accounts. */
  usesDemoPassword: z.boolean(),
  /** Set when a supervisor created the account or reset its password: the next sign-in must choose a new one. */
  mustChangePassword: z.boolean().optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type UserRow = z.infer<typeof userRowSchema>;

export const usersDataSchema = z.object({ schemaVersion: z.number(), users: z.array(userRowSchema) });
export type UsersData = z.infer<typeof usersDataSchema>;

export const teamRowSchema = z.object({
  id: z.string(),
  /** A team is one estate (项目), e.g. 阳光花园. */
  name: z.string(),
  /** Trainers who coach this team. */
  trainerIds: z.array(z.string()),
  createdAt: isoTime,
});
export type TeamRow = z.infer<typeof teamRowSchema>;

export const teamsDataSchema = z.object({ schemaVersion: z.number(), teams: z.array(teamRowSchema) });
export type TeamsData = z.infer<typeof teamsDataSchema>;

/** The sign-in throttle's counters: failed tries (ISO times, newest last) and locks, by key (see login-throttle.ts). */
const throttleEntry = z.object({ failures: z.array(isoTime), lockedUntil: isoTime.nullable() });
export type ThrottleEntry = z.infer<typeof throttleEntry>;

export const loginAttemptsDataSchema = z.object({
  schemaVersion: z.number(),
  /** By lower-cased username. */
  users: z.record(z.string(), throttleEntry),
  /** By lower-cased username and the address the tries came from (`name@address`). */
  pairs: z.record(z.string(), throttleEntry),
  /** By address, whatever the username. */
  addresses: z.record(z.string(), throttleEntry),
});
export type LoginAttemptsData = z.infer<typeof loginAttemptsDataSchema>;

export const sessionRowSchema = z.object({
  /** SHA-256 of the token in the cookie: the file never holds anything that opens a session by itself. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: isoTime,
  lastSeenAt: isoTime,
  /** The absolute limit, whatever the activity. */
  expiresAt: isoTime,
  /** What the browser said it was, shortened, for the account page's list. */
  device: z.string(),
  address: z.string(),
});
export type SessionRow = z.infer<typeof sessionRowSchema>;

export const sessionsDataSchema = z.object({
  schemaVersion: z.number(),
  userId: z.string(),
  sessions: z.array(sessionRowSchema),
  /** Addresses this user signed in from lately: a lock on the account does not shut them out from these. */
  knownAddresses: z.array(z.object({ address: z.string(), lastAt: isoTime })),
});
export type SessionsData = z.infer<typeof sessionsDataSchema>;

export const moduleProgressSchema = z.object({
  /** Section ids read, in the order first read. */
  sectionsRead: z.array(z.string()),
  /** The section the trainee read last: where they resume. */
  lastSection: z.string().nullable(),
  startedAt: isoTime,
  updatedAt: isoTime,
  completedAt: isoTime.nullable(),
});
export type ModuleProgress = z.infer<typeof moduleProgressSchema>;

export const coachingCommentSchema = z.object({
  id: z.string(),
  turn: z.number().int(),
  text: z.string(),
  byId: z.string(),
  byName: z.string(),
  at: isoTime,
  /** When its author last changed it; the trainee sees that it was changed. */
  editedAt: isoTime.optional(),
  /** What it said before each change, oldest first, each with when it was written. */
  earlierTexts: z.array(z.object({ text: z.string(), at: isoTime })).optional(),
});
export type CoachingComment = z.infer<typeof coachingCommentSchema>;

/** A trainer marked a call as reviewed without commenting on it or changing a score. */
export const reviewMarkSchema = z.object({ byId: z.string(), byName: z.string(), at: isoTime });
export type ReviewMark = z.infer<typeof reviewMarkSchema>;

export const scoreAdjustmentSchema = z.object({
  dimension: z.enum(["listening", "empathy", "wording"]),
  from: z.number(),
  to: z.number(),
  reason: z.string(),
  byId: z.string(),
  byName: z.string(),
  at: isoTime,
  /** The call's verdict just before and just after the change (absent on changes recorded before it was kept). */
  passedBefore: z.boolean().optional(),
  passedAfter: z.boolean().optional(),
});
export type ScoreAdjustment = z.infer<typeof scoreAdjustmentSchema>;

/**
 * A trainer's "this feedback is wrong" on one finding of one reply, with a reason: a labelled example for the
 * scorer (models/corrections.server.ts). It points into the transcript, which never changes.
 */
export const findingDisputeSchema = z.object({
  id: z.string(),
  /** The turn's number (`n`) in the transcript. */
  turn: z.number().int(),
  /** The finding's place in that turn's findings, and its rule (checked against each other when read). */
  finding: z.number().int().min(0),
  rule: z.string(),
  reason: z.string(),
  byId: z.string(),
  byName: z.string(),
  at: isoTime,
});
export type FindingDispute = z.infer<typeof findingDisputeSchema>;

/** A role-play attempt: the machine's persisted snapshot, the transcript, and once finished the result. */
export const attemptRowSchema = z.object({
  id: z.string(),
  scenarioId: z.string(),
  /** The script version the attempt ran: the transcript keeps every line shown, so it renders after the script changes. */
  scenarioVersion: z.number().int(),
  scenarioTitle: localised,
  mode: z.enum(["practice", "assessment"]),
  status: z.enum(["active", "finished", "abandoned"]),
  startedAt: isoTime,
  updatedAt: isoTime,
  finishedAt: isoTime.nullable(),
  snapshot: z.unknown(),
  /** The script state now: the turn waiting for an answer, or the ending. */
  state: z.string(),
  emotion: z.number(),
  minute: z.number(),
  turns: z.array(turnRecord),
  result: attemptResult.nullable(),
  /** Trainers' coaching comments on turns; the trainee sees them in the report. */
  comments: z.array(coachingCommentSchema),
  /** Trainers' changes to a dimension's score, kept as an audit trail; the latest per dimension counts. */
  adjustments: z.array(scoreAdjustmentSchema),
  /** Set when a trainer marked the call reviewed with nothing to add. */
  reviewMark: reviewMarkSchema.nullable().optional(),
  /** Findings trainers marked wrong, with their reasons (absent on attempts nobody disputed). */
  disputes: z.array(findingDisputeSchema).optional(),
  /** An author trying a scenario's draft: kept apart from every record, list, dashboard and certificate. */
  draft: z.literal(true).optional(),
});
export type AttemptRow = z.infer<typeof attemptRowSchema>;

/**
 * The events of a role-play attempt's log (attempts/<userId>/<id>.jsonl), one JSON line each, appended as they
 * happen: a turn is one line, not a rewrite of everything before it. The attempt is what the events add up to
 * (attempt-log.ts). `row` is a whole attempt, as attempts written before the logs existed are carried over.
 */
export const attemptEventSchema = z.discriminatedUnion("t", [
  z.object({ t: z.literal("start"), attempt: attemptRowSchema.omit({ turns: true, result: true, comments: true, adjustments: true }) }),
  z.object({ t: z.literal("turn"), at: isoTime, record: turnRecord, snapshot: z.unknown(), state: z.string(), emotion: z.number(), minute: z.number() }),
  z.object({ t: z.literal("end"), at: isoTime, status: z.enum(["finished", "abandoned"]), result: attemptResult.nullable() }),
  z.object({ t: z.literal("comment"), comment: coachingCommentSchema }),
  z.object({ t: z.literal("adjust"), adjustment: scoreAdjustmentSchema }),
  z.object({ t: z.literal("comment-edit"), commentId: z.string(), text: z.string(), at: isoTime }),
  z.object({ t: z.literal("comment-delete"), commentId: z.string(), at: isoTime }),
  z.object({ t: z.literal("reviewed"), mark: reviewMarkSchema }),
  z.object({ t: z.literal("dispute"), dispute: findingDisputeSchema }),
  z.object({ t: z.literal("dispute-withdraw"), disputeId: z.string(), at: isoTime }),
  z.object({ t: z.literal("row"), attempt: attemptRowSchema }),
]);
export type AttemptEvent = z.infer<typeof attemptEventSchema>;

/** A trainer let a trainee start one more assessment of a scenario than the limit allows. */
export const assessmentGrantSchema = z.object({ scenarioId: z.string(), byId: z.string(), byName: z.string(), at: isoTime });
export type AssessmentGrant = z.infer<typeof assessmentGrantSchema>;

/** One trainee's own records, in a file of their own so that a write never grows with the number of users. */
export const userRecordsDataSchema = z.object({
  schemaVersion: z.number(),
  userId: z.string(),
  progress: z.record(z.string(), moduleProgressSchema),
  /** When the trainee last marked their trainers' coaching as read: what came after shows as new on their home. */
  coachingReadAt: isoTime.optional(),
  /** Extra assessment attempts trainers granted, each beyond the limit (config: assessment attempts per period). */
  assessmentGrants: z.array(assessmentGrantSchema).optional(),
});
export type UserRecordsData = z.infer<typeof userRecordsDataSchema>;

export const quizAnswerSchema = z.union([z.string(), z.array(z.string())]);
export type QuizAnswer = z.infer<typeof quizAnswerSchema>;

/** A quiz attempt: the questions drawn (with the order their options were shown in), then the answers and grade. */
export const quizAttemptRowSchema = z.object({
  id: z.string(),
  /** A module slug, or "final". */
  quiz: z.string(),
  startedAt: isoTime,
  submittedAt: isoTime.nullable(),
  /** `version`: which published version of an organisation question was drawn (built-in questions have none). */
  questions: z.array(z.object({ module: z.string(), id: z.string(), version: z.number().int().optional(), optionOrder: z.array(z.string()) })),
  /** By question key `<module>/<id>`. */
  answers: z.record(z.string(), quizAnswerSchema).nullable(),
  result: z
    .object({
      correct: z.number(),
      total: z.number(),
      percent: z.number(),
      passed: z.boolean(),
      passMark: z.number(),
      perQuestion: z.array(z.object({ key: z.string(), correct: z.boolean() })),
    })
    .nullable(),
});
export type QuizAttemptRow = z.infer<typeof quizAttemptRowSchema>;

/** One trainee's quiz attempts, in a file of their own. */
export const quizAttemptsDataSchema = z.object({ schemaVersion: z.number(), userId: z.string(), quizAttempts: z.array(quizAttemptRowSchema) });
export type QuizAttemptsData = z.infer<typeof quizAttemptsDataSchema>;

const questionWordsSchema = z.object({ stem: z.string(), options: z.array(z.string()), explanation: z.string() });
const questionContentSchema = z.object({
  type: z.enum(QUESTION_TYPES),
  section: z.string(),
  correct: z.array(z.string()),
  zh: questionWordsSchema,
  en: questionWordsSchema.nullable(),
});

/** A question the organisation wrote (or copied from a built-in bank): its draft and its published versions. */
export const orgQuestionRowSchema = z.object({
  id: z.string(),
  module: z.string(),
  /** The built-in question it was copied from, if any. */
  copiedFrom: z.string().nullable(),
  createdAt: isoTime,
  createdById: z.string(),
  createdByName: z.string(),
  draft: questionContentSchema.nullable(),
  draftSavedAt: isoTime.nullable(),
  /** Oldest first; a version is never changed once published. */
  versions: z.array(
    z.object({
      version: z.number().int().min(1),
      content: questionContentSchema,
      publishedAt: isoTime,
      byId: z.string(),
      byName: z.string(),
      rolledBackFrom: z.number().int().nullable(),
    }),
  ),
  /** Retired questions are drawn no more; attempts that drew them still show them. */
  retiredAt: isoTime.nullable(),
});
export type OrgQuestionRow = z.infer<typeof orgQuestionRowSchema>;

export const orgQuestionsDataSchema = z.object({ schemaVersion: z.number(), questions: z.array(orgQuestionRowSchema) });
export type OrgQuestionsData = z.infer<typeof orgQuestionsDataSchema>;

/** Who published a scenario version for whom: every team, or the listed team ids. */
const audienceSchema = z.union([z.literal("everyone"), z.array(z.string()).min(1)]);

/**
 * A scenario the organisation wrote in the browser (or copied from scenarios/, which are never changed): its
 * draft script text and its published versions, each the whole YAML text as it was published.
 */
export const orgScenarioRowSchema = z.object({
  /** `org-` and ten letters or digits: never the name of a built-in scenario file. */
  id: z.string(),
  /** The built-in scenario it was copied from, or "import" for an uploaded file, or null (from the template). */
  copiedFrom: z.string().nullable(),
  createdAt: isoTime,
  createdById: z.string(),
  createdByName: z.string(),
  draft: z.object({ yaml: z.string(), savedAt: isoTime, byId: z.string(), byName: z.string() }).nullable(),
  /** Raised at every save of the draft: a draft is played as `draft-<id>` at this version, a machine per save. */
  draftRevision: z.number().int().min(0),
  /** Oldest first; a version is never changed once published. Its text's `version:` is its number. */
  versions: z.array(
    z.object({
      version: z.number().int().min(1),
      yaml: z.string(),
      publishedAt: isoTime,
      byId: z.string(),
      byName: z.string(),
      audience: audienceSchema,
      /** Published from an earlier version's text (a roll back), if so. */
      rolledBackFrom: z.number().int().nullable(),
    }),
  ),
  /** A trainer asked a supervisor to publish it for everyone. */
  everyoneRequest: z.object({ byId: z.string(), byName: z.string(), at: isoTime }).nullable(),
  /** Retired scenarios leave the practice list; attempts on them keep their reports. */
  retiredAt: isoTime.nullable(),
});
export type OrgScenarioRow = z.infer<typeof orgScenarioRowSchema>;

export const orgScenariosDataSchema = z.object({ schemaVersion: z.number(), scenarios: z.array(orgScenarioRowSchema) });
export type OrgScenariosData = z.infer<typeof orgScenariosDataSchema>;

/** Work a trainer gives one trainee or a whole team, with a due date. */
export const assignmentRowSchema = z.object({
  id: z.string(),
  kind: z.enum(["module", "quiz", "scenario"]),
  /** A module slug, a quiz id ("final" or a module slug) or a scenario id. */
  target: z.string(),
  /** For scenarios: which mode counts. */
  mode: z.enum(["practice", "assessment"]).nullable(),
  audience: z.discriminatedUnion("type", [
    z.object({ type: z.literal("trainee"), userId: z.string() }),
    z.object({ type: z.literal("team"), teamId: z.string() }),
  ]),
  dueAt: isoTime,
  note: z.string(),
  createdById: z.string(),
  createdByName: z.string(),
  createdAt: isoTime,
  cancelledAt: isoTime.nullable(),
  remindedAt: z.array(isoTime),
});
export type AssignmentRow = z.infer<typeof assignmentRowSchema>;

export const assignmentsDataSchema = z.object({ schemaVersion: z.number(), assignments: z.array(assignmentRowSchema) });
export type AssignmentsData = z.infer<typeof assignmentsDataSchema>;

/** An issued certificate (物业客服上岗认证). The public verification page shows only name, team, dates and validity. */
export const certificateRowSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  team: z.string(),
  issuedAt: isoTime,
  expiresAt: isoTime,
  /** What earned it: the assessment scores per scenario and how the knowledge checks were passed. */
  evidence: z.object({
    scenarios: z.record(z.string(), z.object({ attemptId: z.string(), listening: z.number(), empathy: z.number(), wording: z.number() })),
    quizzes: z.enum(["modules", "final"]),
  }),
});
export type CertificateRow = z.infer<typeof certificateRowSchema>;

export const certificatesDataSchema = z.object({ schemaVersion: z.number(), certificates: z.array(certificateRowSchema) });
export type CertificatesData = z.infer<typeof certificatesDataSchema>;

/** Legacy: one finished attempt in a whole JSON file (before attempt logs); read once and carried over to a log. */
export const archivedAttemptDataSchema = z.object({ schemaVersion: z.number(), attempt: attemptRowSchema });
