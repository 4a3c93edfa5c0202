import { Form } from "@remix-run/react";

/** One of a page's actions: a button posting its intent (and any fields it needs). */
export function IntentButton({
  intent,
  label,
  tone,
  fields = {},
}: {
  intent: string;
  label: string;
  tone?: "primary" | "danger";
  fields?: Record<string, string>;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={tone ? `button ${tone}` : "button"}>
        {label}
      </button>
    </Form>
  );
}
