import type { MetaDescriptor } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";
import { DEFAULT_LANG, isLang } from "~/i18n/lang";
import { messagesFor, type Messages } from "~/i18n/messages";

interface MetaArgs {
  matches: ReadonlyArray<{ id: string; data: unknown } | undefined>;
  error?: unknown;
}

/** The error page's title for a status. */
export function errorTitle(m: Messages, status: number): string {
  if (status === 404) return m["error.notFound.title"];
  if (status === 403) return m["error.forbidden.title"];
  if (status >= 400 && status < 500) return m["error.badRequest.title"];
  return m["error.generic.title"];
}

/**
 * A page title in the UI language, "<page> · <app name>", for a route's `meta` export;
 * when the route failed, the error's title instead.
 */
export function pageTitle({ matches, error }: MetaArgs, page: (m: Messages) => string): MetaDescriptor[] {
  const root = matches.find((m) => m?.id === "root")?.data as { lang?: unknown } | undefined;
  const messages = messagesFor(isLang(root?.lang) ? root.lang : DEFAULT_LANG);
  const title = error ? errorTitle(messages, isRouteErrorResponse(error) ? error.status : 500) : page(messages);
  return [{ title: `${title} · ${messages.appName}` }];
}
