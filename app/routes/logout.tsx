import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/auth/session.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export async function action({ request }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    return logout(request);
  });
}

// Signing out is a POST (a link could be followed by a prefetcher); a GET just goes home.
export function loader() {
  return redirect("/");
}
