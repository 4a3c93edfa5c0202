import type { z } from "zod";
import type { Messages } from "~/i18n/messages";

import { bodyLimitFor } from "./body-limit";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Reads a posted form, refusing other content types (415) and bodies over the path's limit (413; 64 KB but for
 * the scenario editor) without reading past it. Every action reads its input through this.
 */
export async function readForm(request: Request, messages: Messages): Promise<FormData> {
  const limit = bodyLimitFor(new URL(request.url).pathname);
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw refusal(messages["form.invalidRequest"], 415);
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) throw tooLarge(messages);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(messages);
      }
      chunks.push(value);
    }
  }
  const body = Buffer.concat(chunks);
  try {
    // Every form of ours posts urlencoded; parsing that directly costs a tenth of going through a new Request.
    if (type === "application/x-www-form-urlencoded") return urlencodedForm(body);
    return await new Request(request.url, { method: "POST", headers: { "Content-Type": request.headers.get("Content-Type")! }, body }).formData();
  } catch {
    throw refusal(messages["form.invalidRequest"], 400);
  }
}

function urlencodedForm(body: Buffer): FormData {
  const form = new FormData();
  // fatal: bytes that are not UTF-8 are refused (400) rather than turned into replacement characters.
  for (const [key, value] of new URLSearchParams(new TextDecoder("utf-8", { fatal: true }).decode(body))) form.append(key, value);
  return form;
}

function tooLarge(messages: Messages) {
  return refusal(messages["form.invalidRequest"], 413);
}

/** A refused request: a thrown Response the error boundary shows as a 4xx page with this message. */
export function refusal(message: string, status: number): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export type FieldErrors = Record<string, string>;

/** Turns zod issues into one message per field, in the user's language. Custom messages are catalog keys. */
export function fieldErrors(error: z.ZodError, messages: Messages): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (errors[field]) continue;
    errors[field] = issueMessage(issue, messages);
  }
  return errors;
}

function issueMessage(issue: z.core.$ZodIssue, messages: Messages): string {
  const custom = messages[issue.message as keyof Messages];
  if (typeof custom === "string") return custom;
  switch (issue.code) {
    case "too_big":
      return messages["form.tooLong"](Number(issue.maximum));
    case "too_small":
    case "invalid_type":
      return messages["form.required"];
    case "invalid_value":
      return messages["form.invalidChoice"];
    default:
      return messages["form.invalidRequest"];
  }
}

/** Reads a form into plain strings (first value per name; files are ignored). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  return values;
}
