import { pack, unpack, type Packed } from "./packed-data";

/**
 * A role-play reply posted from the page with JavaScript is answered with the next turn's view (`{ played }`)
 * rather than a redirect, so the browser makes one request per turn. Routes on the page use this in
 * `shouldRevalidate` to skip reloading their data after such an answer: nothing they show has changed.
 */
export function answeredInPlace(actionResult: unknown): boolean {
  return typeof actionResult === "object" && actionResult !== null && "played" in actionResult;
}

/** The action's answer in place: the next turn's view, packed (see packed-data.ts). */
export function answerInPlace<View>(view: View): { played: Packed<View> } {
  return { played: pack(view) };
}

/** The view an answer in place carries (the page parses it once per answer). */
export function viewAnsweredInPlace<View>(answer: { played: Packed<View> }): View {
  return unpack(answer.played);
}

/** The form field the page adds once hydrated, asking for that answer (a plain form post gets the redirect). */
export const ANSWER_IN_PLACE_FIELD = "respond";
export const ANSWER_IN_PLACE_VALUE = "view";
