import path from "node:path";

let resolved: { raw: string | undefined; dir: string } | null = null;

/**
 * Where the store lives: `DATA_DIR`, default ./data (git-ignored). Read per call so tests can point it elsewhere;
 * resolved again only when it changes (every store access asks, several times per request).
 */
export function dataDir(): string {
  const raw = process.env.DATA_DIR;
  if (resolved && resolved.raw === raw) return resolved.dir;
  resolved = { raw, dir: path.resolve(raw || "data") };
  return resolved.dir;
}
