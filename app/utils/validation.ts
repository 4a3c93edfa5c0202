import { z } from "zod";
import { ROLES } from "~/auth/permissions";

/** Form fields shared by several actions; messages are catalog keys, translated by fieldErrors(). */

export const passwordField = z.string().min(8, { message: "form.passwordTooShort" }).max(256);

export const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, { message: "form.usernameFormat" });

export const displayNameField = z.string().trim().min(1).max(40);

export const roleField = z.enum(ROLES);

export const idField = z.string().regex(/^[a-z0-9]{6,40}$/, { message: "form.invalidChoice" });
