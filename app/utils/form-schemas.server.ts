import { z } from "zod";
import { ROLES } from "~/auth/permissions";
import { QUESTION_TYPES } from "~/quiz/question-types";
import { cleanName } from "./clean-name";

/**
 * The schemas of every form, kept in a server module so that zod never ships to the browser: routes use them
 * only in their actions. Custom messages are catalog keys, translated by fieldErrors().
 */

/** Form fields shared by several actions; messages are catalog keys, translated by fieldErrors(). */

export const passwordField = z.string().min(8, { message: "form.passwordTooShort" }).max(256);

export const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, { message: "form.usernameFormat" });

/** A person's or a team's name, cleaned of what could disguise the text beside it (see cleanName). */
export const nameField = z.string().max(200).transform(cleanName).pipe(z.string().min(1).max(40));

export const displayNameField = nameField;

export const roleField = z.enum(ROLES);

export const idField = z.string().regex(/^[a-z0-9]{6,40}$/, { message: "form.invalidChoice" });

/** Sent by the confirmation step of an action that takes something away (components/confirm-step.tsx). */
export const confirmedField = z.literal("yes").optional();

// /account
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: passwordField,
    confirmPassword: z.string().max(256),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "account.error.mismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "account.error.sameAsOld" });

// /account: which form was sent (the password form, or ending sessions)
export const accountIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("password") }),
  z.object({ intent: z.literal("end-session"), sessionId: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ intent: z.literal("end-others") }),
]);

// /learn/<slug>
export const learnActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), sectionId: z.string().max(80) }),
  z.object({ intent: z.literal("complete") }),
]);

// /login
export const loginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  redirectTo: z.string().optional(),
});

// /certificates: a verification code or a certificate's id, as typed (the model reads either)
export const certificateLookupSchema = z.object({ code: z.string().trim().min(1, { message: "cert.lookup.empty" }).max(64) });

// /practice/<id>
export const practiceModeSchema = z.enum(["practice", "assessment"]);

// /practice/<id>
export const roleplayTurnSchema = z.object({
  attemptId: z.string().min(1).max(64),
  turn: z.coerce.number().int().min(1).max(100),
});

// /supervisor/users/<id>
export const editUserSchemas = {
  profile: z.object({ displayName: displayNameField, role: roleField, teamId: idField, confirmed: confirmedField }),
  password: z.object({ password: passwordField }),
  active: z.object({ active: z.enum(["true", "false"]), confirmed: confirmedField }),
  "trains-teams": z.object({}),
  unlock: z.object({}),
};

// /supervisor/users
export const createUserSchema = z.object({
  intent: z.literal("create-user"),
  username: usernameField,
  displayName: displayNameField,
  role: roleField,
  teamId: idField,
  password: passwordField,
});

// /supervisor/users
export const createTeamSchema = z.object({
  intent: z.literal("create-team"),
  name: nameField,
});

// /trainer/assignments/new
export const newAssignmentSchema = z.object({
  work: z.string().min(1, { message: "assign.error.unknownWork" }),
  audience: z.string().regex(/^(team|trainee):[a-z0-9]{6,40}$/, { message: "form.invalidChoice" }),
  due: z.string().min(1),
  note: z.string().max(500).default(""),
});

// /trainer: what is done to one of the open or cancelled assignments
export const assignmentActionSchema = z.object({
  intent: z.enum(["remind", "cancel", "restore"]),
  assignmentId: z.string().min(1).max(40),
  confirmed: confirmedField,
});

// /trainer/attempts/<id>
const commentText = z.string().trim().min(1).max(1000);

// /trainer/attempts/<id>
export const commentSchema = z.object({ turn: z.coerce.number().int().min(1).max(100), text: commentText });

// /trainer/attempts/<id>: a trainer changes or deletes their own comment
export const commentChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("edit-comment"), commentId: z.string().min(1).max(40), text: commentText }),
  z.object({ intent: z.literal("delete-comment"), commentId: z.string().min(1).max(40), confirmed: confirmedField }),
]);

/** A trainer's reason for a changed score or a finding marked wrong. */
const correctionReason = z.string().trim().min(1).max(500);

// /trainer/attempts/<id>
export const adjustSchema = z.object({
  dimension: z.enum(["listening", "empathy", "wording"]),
  score: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(0).max(100)),
  reason: correctionReason,
});

// /trainer/attempts/<id>: "this feedback is wrong" on one finding of a turn (its place in the turn's findings), and taking it back
export const disputeSchema = z.object({
  turn: z.coerce.number().int().min(1).max(100),
  finding: z.coerce.number().int().min(0).max(1000),
  reason: correctionReason,
});
export const withdrawDisputeSchema = z.object({ disputeId: z.string().min(1).max(40) });

/** The trainer's filters on their trainees' calls (a query string): a value that is not one of the choices is no filter. */
export const attemptFilterSchema = z.object({
  scenario: z.string().max(60).optional().catch(undefined),
  trainee: idField.optional().catch(undefined),
  mode: practiceModeSchema.optional().catch(undefined),
  result: z.enum(["passed", "failed", "abandoned"]).optional().catch(undefined),
  reviewed: z.enum(["yes", "no"]).optional().catch(undefined),
});

// /trainer/quizzes/<module> and its questions: which form was sent (the question's own fields are read by
// contentFromForm in quiz/authoring.ts and checked by checkQuestion, each problem at its field)
export const questionTypeField = z.enum(QUESTION_TYPES);
export const copyQuestionSchema = z.object({ intent: z.literal("copy"), builtInId: z.string().regex(/^[a-z]{2}-\d{2}$/) });
export const questionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), type: questionTypeField }),
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("discard") }),
  z.object({ intent: z.literal("rollback"), version: z.coerce.number().int().min(1).max(100_000) }),
  z.object({ intent: z.literal("retire"), confirmed: confirmedField }),
]);

// /trainer/quizzes/<module>/<question>/preview?version=n: anything but a version number is no version
export const previewVersionQuery = z.coerce.number().int().min(1).max(100_000).catch(0);
