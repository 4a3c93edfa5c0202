import { MODULE_SLUGS, type ModuleSlug } from "~/courseware/modules";

/** A 404 for a missing thing, thrown from loaders and actions. */
export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

/** A module slug from the URL, or a 404. */
export function moduleParam(param: string | undefined): ModuleSlug {
  return param && (MODULE_SLUGS as readonly string[]).includes(param) ? (param as ModuleSlug) : notFound();
}
