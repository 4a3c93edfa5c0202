import { useMemo } from "react";

/**
 * A large view sent to the page as one JSON string. Remix's single fetch encodes loader and action data value by
 * value (turbo-stream); for the views with a transcript and findings (the play page, a reply's answer, a report)
 * that cost several times what JSON.stringify does and made most of those requests' garbage. Only plain JSON
 * values go in: no Dates, Maps or promises.
 */
export interface Packed<T> {
  json: string;
  /** Never set: carries the view's type to the page. */
  readonly view?: T;
}

export function pack<T>(view: T): Packed<T> {
  return { json: JSON.stringify(view) };
}

export function unpack<T>(packed: Packed<T>): T {
  return JSON.parse(packed.json) as T;
}

/** The view in a packed value of the route's data, parsed once per value. */
export function usePacked<T>(packed: Packed<T>): T;
export function usePacked<T>(packed: Packed<T> | null): T | null;
export function usePacked<T>(packed: Packed<T> | null): T | null {
  // Keyed on the string: a revalidation that brings the same view back does not parse it again.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the text, not the object that carries it
  return useMemo(() => (packed === null ? null : unpack(packed)), [packed?.json]);
}
