import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { DEFAULT_LANG, type Lang } from "./lang";
import { messagesFor, type Messages } from "./messages";

/** The UI language chosen in the root loader (from the `lang` cookie). */
export function useLang(): Lang {
  return useRouteLoaderData<typeof rootLoader>("root")?.lang ?? DEFAULT_LANG;
}

/** The message catalog for the current UI language. */
export function useMessages(): Messages {
  return messagesFor(useLang());
}
