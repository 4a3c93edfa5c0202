import { StoreWriteError } from "~/store/durable-writer.server";
import { StoreUnavailable } from "~/store/store-unavailable";
import { requestMessages } from "~/i18n/lang.server";
import type { Messages } from "~/i18n/messages";
import { refusal } from "./forms.server";

/**
 * What a user is told when the store could not write (a full disk) or cannot be reached (PostgreSQL gone): that
 * what they sent was not saved, in their language; null if `error` is something else. Nothing was half-written: a
 * write happens whole or not at all. `whenFull` words the full-disk case for the page (a reply, a quiz …).
 */
export function storeFailureMessage(error: unknown, m: Messages, whenFull = m["store.error.full"]): string | null {
  if (error instanceof StoreUnavailable) return m["store.error.unavailable"];
  if (!(error instanceof StoreWriteError)) return null;
  return error.full ? whenFull : m["store.error.write"];
}

/**
 * Runs an action's work so that a write the store refused, or a store that cannot be reached, becomes a 503 page
 * with that message, not a 500. Every action that writes runs inside it, and so does the session check every
 * loader starts with (auth/session.server.ts) (called from `export async function action`, so that Remix's compiler
 * can drop the action, and everything only it uses, from the browser's bundle).
 */
export async function withStoreErrors<R>(request: Request, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    const message = storeFailureMessage(error, requestMessages(request));
    if (message) {
      // The user is told it was not saved; whoever runs the site needs to know why.
      const url = new URL(request.url);
      const code = error instanceof StoreWriteError && error.code ? ` [${error.code}]` : "";
      console.error(`store refused ${request.method} ${url.pathname}${code}: ${(error as Error).message}`);
      throw refusal(message, 503);
    }
    throw error;
  }
}
