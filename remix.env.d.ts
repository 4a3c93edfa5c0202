/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single Fetch is on (remix.config.js); this makes loader/action types follow it.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
  /** What the server hands every loader and action (server/main.ts). */
  interface AppLoadContext {
    /** The per-request nonce of the Content-Security-Policy, for our script tags. */
    nonce: string;
    /** The address the request came from (the first untrusted hop behind trusted proxies). */
    clientAddress: string;
  }
}
export {};
