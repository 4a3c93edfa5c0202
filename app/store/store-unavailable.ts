/**
 * The store cannot be reached (PostgreSQL down, the network to it gone): nothing was read or written. The app
 * answers 503 in the user's language (utils/store-errors.server.ts) and /healthz reports it; the next request
 * tries again, so the server recovers by itself when the database returns. The message names host:port, never the
 * password.
 */
export class StoreUnavailable extends Error {
  override readonly name = "StoreUnavailable";
  constructor(
    readonly target: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The PostgreSQL database at ${target} cannot be reached: ${reason}`, options);
  }
}
