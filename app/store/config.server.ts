import path from "node:path";

/** Where the store lives: `DATA_DIR`, default ./data (git-ignored). Read per call so tests can point it elsewhere. */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR || "data");
}
