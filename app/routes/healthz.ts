import { storeIsReadable } from "~/models/health.server";

/** 200 when the store can be read, 503 otherwise. No sign-in: load balancers and monitors call it. */
export async function loader() {
  const ok = await storeIsReadable();
  return new Response(ok ? "ok" : "store unavailable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
