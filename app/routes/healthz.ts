import { storeHealth } from "~/models/health.server";

/** 200 when the store can be read and written (PostgreSQL: when the database answers), 503 otherwise, saying why. No sign-in: load balancers and monitors call it. */
export async function loader() {
  const health = await storeHealth();
  const body = health.ok
    ? "ok"
    : health.problem === "unreadable"
      ? "store unavailable"
      : health.problem === "unreachable"
        ? "store unavailable (database unreachable)"
        : `store writes failing${health.code ? ` (${health.code})` : ""}`;
  return new Response(body, {
    status: health.ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
