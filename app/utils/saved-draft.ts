import { useEffect, type RefObject } from "react";

/**
 * Work in progress kept in this tab's sessionStorage, so that a reload does not lose it: a phone browser that
 * dropped the tab while the trainee looked something up, or a slip of F5. A role-play reply being typed (one entry
 * per attempt, only for the turn it was typed for, gone once sent) and a quiz's choices (one entry per attempt).
 * Signing out forgets both. Storage that cannot be used (private modes) is skipped: the work then lives only in the
 * page, as before.
 */
const REPLY_PREFIX = "reply-draft:";
const CHOICES_PREFIX = "quiz-answers:";

/** What is kept under `key`, parsed; null if nothing is, or it cannot be read. */
function kept(key: string): unknown {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

/** Keeps `value` under `key`, or forgets the key for null. */
function keep(key: string, value: unknown): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nowhere to keep it.
  }
}

/** Forgets everything kept in this tab: on signing out, so the next person at a shared desk computer finds none. */
export function forgetDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(REPLY_PREFIX) || key.startsWith(CHOICES_PREFIX)) keep(key, null);
  } catch {
    // No storage, nothing kept.
  }
}

/** The reply being typed for turn `turn` of an attempt, if one was kept. */
export function loadDraft(attemptId: string, turn: number): string | null {
  const saved = kept(REPLY_PREFIX + attemptId) as { turn?: unknown; text?: unknown } | null;
  return saved && saved.turn === turn && typeof saved.text === "string" ? saved.text : null;
}

export function saveDraft(attemptId: string, turn: number, text: string): void {
  keep(REPLY_PREFIX + attemptId, text ? { turn, text } : null);
}

/**
 * A quiz attempt's choices (its form's radios, checkboxes and selects, which are uncontrolled): kept as they change,
 * and put back into the form once after hydration. Hidden fields are the page's own and are neither kept nor
 * restored.
 */
export function useSavedChoices(form: RefObject<HTMLFormElement | null>, attemptId: string): void {
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const key = CHOICES_PREFIX + attemptId;
    restoreChoices(element, kept(key));
    const save = () => keep(key, chosenIn(element));
    element.addEventListener("change", save);
    return () => element.removeEventListener("change", save);
  }, [form, attemptId]);
}

function choiceFields(form: HTMLFormElement): Array<HTMLInputElement | HTMLSelectElement> {
  return [...form.elements].filter(
    (e): e is HTMLInputElement | HTMLSelectElement =>
      (e instanceof HTMLInputElement && (e.type === "radio" || e.type === "checkbox")) || e instanceof HTMLSelectElement,
  );
}

function chosenIn(form: HTMLFormElement): Array<[string, string]> {
  const chosen: Array<[string, string]> = [];
  for (const field of choiceFields(form)) {
    if (field instanceof HTMLSelectElement ? field.value : field.checked) chosen.push([field.name, field.value]);
  }
  return chosen;
}

function restoreChoices(form: HTMLFormElement, chosen: unknown): void {
  if (!Array.isArray(chosen)) return;
  const pairs = chosen as Array<[string, string]>;
  for (const field of choiceFields(form)) {
    if (field instanceof HTMLSelectElement) {
      const saved = pairs.find(([name]) => name === field.name);
      if (saved) field.value = saved[1];
    } else field.checked = pairs.some(([name, value]) => name === field.name && value === field.value);
  }
}
