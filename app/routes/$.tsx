import type { MetaFunction } from "@remix-run/node";
import { ErrorPage } from "~/components/error-page";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["error.notFound.title"]);

// Any URL no other route matches: a 404 inside the app's layout.
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />;
}
