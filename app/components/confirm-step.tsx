import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * The second step of an action that takes something away (cancelling a task, deactivating an account, changing a
 * role, deleting a comment). The first click posts the action without `confirmed`; the action changes nothing and
 * answers with what this step shows: exactly what will happen, to what or whom. Only this form's post, with
 * `confirmed=yes`, does it. It works without JavaScript; with it, focus moves to the question so that it is read out.
 */
export function ConfirmStep({
  question,
  children,
  fields,
  confirmLabel,
  keepLabel,
}: {
  question: string;
  children: ReactNode;
  /** The first post's fields, sent again with the confirmation. */
  fields: Record<string, string>;
  confirmLabel: string;
  keepLabel: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const location = useLocation();
  useEffect(() => heading.current?.focus(), []);
  return (
    <Form method="post" className="confirm-step" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {question}
      </h3>
      {children}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="confirmed" value="yes" />
      <div className="confirm-step__actions">
        <button type="submit" className="button danger">
          {confirmLabel}
        </button>
        {/* Back to the page as it was: nothing was changed. */}
        <Link className="button" to={location.pathname + location.search} preventScrollReset>
          {keepLabel}
        </Link>
      </div>
    </Form>
  );
}
