import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LANG, type Lang } from "./lang";
import { messagesFor, type Messages } from "./messages";

/** What the root loader gives every page about the language (app/root.tsx returns at least this). */
export interface RootLanguageData {
  lang: Lang;
}

/** The UI language chosen in the root loader (from the `lang` cookie). */
export function useLang(): Lang {
  return useRouteLoaderData<RootLanguageData>("root")?.lang ?? DEFAULT_LANG;
}

/** The message catalog for the current UI language. */
export function useMessages(): Messages {
  return messagesFor(useLang());
}
