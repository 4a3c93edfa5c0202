import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import type { ReactElement } from "react";
// The web-streams build of React's renderer, not the Node one: react-dom 18's Node renderer
// (renderToPipeableStream) puts NUL bytes into Chinese text wherever a character meets its 2 KB buffer boundary
// (react#24985, fixed only in React 19); this build encodes each chunk whole. Remix's single fetch needs a
// streaming renderer (it streams the page's data inside a Suspense boundary), so renderToString will not do.
import { renderToReadableStream } from "react-dom/server.browser";
import { NonceContext } from "~/utils/nonce";

export { initialize, shutdown } from "~/startup.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

/**
 * The whole document, rendered before it is sent (our pages have no deferred data to stream in later). A render
 * that has not finished after ABORT_DELAY is aborted; the timer is cleared once it has, so nothing outlives it.
 */
export async function renderDocument(element: ReactElement, options: { nonce?: string } = {}): Promise<{ body: ReadableStream<Uint8Array>; failed: boolean }> {
  let failed = false;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ABORT_DELAY);
  try {
    const body = await renderToReadableStream(element, {
      nonce: options.nonce,
      signal: controller.signal,
      onError(error: unknown) {
        failed = true;
        console.error(error);
      },
    });
    await body.allReady;
    return { body, failed };
  } finally {
    clearTimeout(timer);
  }
}

/** Renders the page with the per-request CSP nonce that the server generated on every script tag. */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.nonce === "string" ? loadContext.nonce : undefined;
  const { body, failed } = await renderDocument(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceContext.Provider>,
    { nonce },
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status: failed ? 500 : responseStatusCode });
}
