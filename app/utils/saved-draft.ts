/**
 * A reply being typed, kept in this tab's sessionStorage, so that a reload does not lose it: a phone browser that
 * dropped the tab while the trainee looked something up, or a slip of F5. One entry per attempt, and only for the
 * turn it was typed for; it goes once the reply is sent. Storage that cannot be used (private modes) is skipped.
 */
const keyOf = (attemptId: string) => `reply-draft:${attemptId}`;

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
