import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}

// Signing out is a POST (a link could be followed by a prefetcher); a GET just goes home.
export function loader() {
  return redirect("/");
}
