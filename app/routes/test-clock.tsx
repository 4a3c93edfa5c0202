import type { ActionFunctionArgs } from "@remix-run/node";
import { advanceTestClock, now, testClockEnabled } from "~/utils/clock.server";

/**
 * End-to-end tests only (TEST_CLOCK=1): POST minutes=<n> moves the server's clock forward. Otherwise 404, as if the
 * route did not exist.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (!testClockEnabled()) throw new Response("Not Found", { status: 404 });
  const minutes = Number(new URLSearchParams(await request.text()).get("minutes"));
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > 60 * 24 * 800) return Response.json({ error: "minutes must be 0 … 1152000" }, { status: 400 });
  advanceTestClock(minutes);
  return Response.json({ now: now().toISOString() });
}

export function loader() {
  if (!testClockEnabled()) throw new Response("Not Found", { status: 404 });
  return Response.json({ now: now().toISOString() });
}
