/** A 404 for a missing thing, thrown from loaders and actions. */
export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}
