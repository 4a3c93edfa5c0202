/**
 * A role-play reply posted from the page with JavaScript is answered with the next turn's view (`{ played }`)
 * rather than a redirect, so the browser makes one request per turn. Routes on the page use this in
 * `shouldRevalidate` to skip reloading their data after such an answer: nothing they show has changed.
 */
export function answeredInPlace(actionResult: unknown): boolean {
  return typeof actionResult === "object" && actionResult !== null && "played" in actionResult;
}

/**
 * The action's answer in place: the next turn's view, as one JSON string. Remix encodes action data value by
 * value (turbo-stream), which for a view with a transcript and findings cost more on the server than the rest
 * of the answer; JSON.stringify does the same in a fraction of the time.
 */
export function answerInPlace<View>(view: View): { played: string } {
  return { played: JSON.stringify(view) };
}

/** The view an answer in place carries (the page parses it once per answer). */
export function viewAnsweredInPlace<View>(answer: { played: string }): View {
  return JSON.parse(answer.played) as View;
}

/** The form field the page adds once hydrated, asking for that answer (a plain form post gets the redirect). */
export const ANSWER_IN_PLACE_FIELD = "respond";
export const ANSWER_IN_PLACE_VALUE = "view";
