/**
 * Keeps one instance of a value per process, across dev rebuilds that re-evaluate modules.
 * lowdb needs this: two `Low` instances on one file lose data (they share a temp file name).
 */
export function singleton<T>(name: string, create: () => T): T {
  const registry = ((globalThis as { __singletons?: Map<string, unknown> }).__singletons ??= new Map());
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}
