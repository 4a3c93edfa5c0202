import type React from "react";
import { useEffect, useRef } from "react";
import { Form } from "@remix-run/react";
import { useMessages } from "~/i18n/use-messages";

/** A field's error, announced to screen readers with the field it belongs to. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} className="field-error">
      {message}
    </span>
  );
}

/** A message about the whole form: an error (role=alert) or a confirmation (role=status). */
export function FormAlert({ message, tone = "error" }: { message?: string | null; tone?: "error" | "success" }) {
  if (!message) return null;
  return (
    <p className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {message}
    </p>
  );
}

/** The outcome of one of several forms on a page: shown only on the form whose `intent` was submitted. */
export function IntentAlert({
  result,
  intent,
}: {
  result: { intent: string | null; message: string | null; formError?: string | null; error?: string | null } | undefined;
  intent: string;
}) {
  if (!result || result.intent !== intent) return null;
  return result.message ? <FormAlert tone="success" message={result.message} /> : <FormAlert message={result.formError ?? result.error} />;
}

/** A labelled input with its hint and error, wired up for screen readers. */
export function TextField({
  name,
  label,
  hint,
  error,
  type = "text",
  ...input
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  type?: "text" | "password";
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  const m = useMessages();
  const errorId = `${name}-error`;
  return (
    <label className="field">
      <span>
        {label}
        {hint ? <small className="muted">{m.paren(hint)}</small> : null}
      </span>
      <input name={name} type={type} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...input} />
      <FieldError id={errorId} message={error} />
    </label>
  );
}

/**
 * For a form that must not keep what was typed once it has done its work (a new account, a temporary password):
 * give it the returned ref, and `success` (the action's answer when it succeeded, a new object each time).
 */
export function useEmptiedAfter(success: object | null | undefined) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (success) form.current?.reset();
  }, [success]);
  return form;
}

/** The fields a form posts without showing them (which action, on what). */
export function HiddenFields({ fields }: { fields: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** A button that posts an action on one thing, styled as a link (take back, delete). */
export function PostButton({ fields, label }: { fields: Record<string, string | number>; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <HiddenFields fields={fields} />
      <button type="submit" className="link-button">
        {label}
      </button>
    </Form>
  );
}
