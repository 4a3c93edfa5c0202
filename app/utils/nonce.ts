import { createContext, useContext } from "react";

/** The per-request Content-Security-Policy nonce (server render only; browsers hide it from the DOM). */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
