import { useEffect, type RefObject } from "react";

/**
 * A reply being typed, kept in this tab's sessionStorage, so that a reload does not lose it: a phone browser that
 * dropped the tab while the trainee looked something up, or a slip of F5. One entry per attempt, and only for the
 * turn it was typed for; it goes once the reply is sent. Storage that cannot be used (private modes) is skipped.
 */
const REPLY_PREFIX = "reply-draft:";
const CHOICES_PREFIX = "quiz-answers:";
const keyOf = (attemptId: string) => `${REPLY_PREFIX}${attemptId}`;

/** The key a quiz attempt's choices are kept under. */
export const choicesKey = (attemptId: string) => `${CHOICES_PREFIX}${attemptId}`;

/** Forgets every kept draft in this tab: on signing out, so the next person at a shared desk computer finds none. */
export function forgetDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(REPLY_PREFIX) || key.startsWith(CHOICES_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // No storage, nothing kept.
  }
}

export function loadDraft(attemptId: string, turn: number): string | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(keyOf(attemptId)) ?? "null") as { turn?: unknown; text?: unknown } | null;
    return saved && saved.turn === turn && typeof saved.text === "string" ? saved.text : null;
  } catch {
    return null;
  }
}

export function saveDraft(attemptId: string, turn: number, text: string): void {
  try {
    if (text) sessionStorage.setItem(keyOf(attemptId), JSON.stringify({ turn, text }));
    else sessionStorage.removeItem(keyOf(attemptId));
  } catch {
    // Nowhere to keep it: the draft lives only in the page, as before.
  }
}

/**
 * The same for a form of uncontrolled choices (a quiz being answered): what is chosen is kept in this tab's
 * sessionStorage under `key` as it changes, and put back into the form once after hydration. Hidden fields are
 * the page's own and are neither kept nor restored.
 */
export function useSavedChoices(form: RefObject<HTMLFormElement | null>, key: string): void {
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    restoreChoices(element, key);
    const save = () => saveChoices(element, key);
    element.addEventListener("change", save);
    return () => element.removeEventListener("change", save);
  }, [form, key]);
}

function choiceFields(form: HTMLFormElement): Array<HTMLInputElement | HTMLSelectElement> {
  return [...form.elements].filter(
    (e): e is HTMLInputElement | HTMLSelectElement => (e instanceof HTMLInputElement && (e.type === "radio" || e.type === "checkbox")) || e instanceof HTMLSelectElement,
  );
}

function saveChoices(form: HTMLFormElement, key: string): void {
  const chosen: Array<[string, string]> = [];
  for (const field of choiceFields(form)) {
    if (field instanceof HTMLSelectElement) {
      if (field.value) chosen.push([field.name, field.value]);
    } else if (field.checked) chosen.push([field.name, field.value]);
  }
  try {
    sessionStorage.setItem(key, JSON.stringify(chosen));
  } catch {
    // Nowhere to keep them: the choices live only in the page, as before.
  }
}

function restoreChoices(form: HTMLFormElement, key: string): void {
  let chosen: Array<[string, string]>;
  try {
    chosen = JSON.parse(sessionStorage.getItem(key) ?? "null");
  } catch {
    return;
  }
  if (!Array.isArray(chosen)) return;
  const has = (name: string, value: string) => chosen.some(([n, v]) => n === name && v === value);
  for (const field of choiceFields(form)) {
    if (field instanceof HTMLSelectElement) {
      const saved = chosen.find(([n]) => n === field.name);
      if (saved) field.value = saved[1];
    } else field.checked = has(field.name, field.value);
  }
}
