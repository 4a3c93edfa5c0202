// Builds the server's worker threads (typed modules in app/) to build/workers/*.js, beside the Remix build.
// `npm run build` runs it; so does the unit tests' global setup, since the store's tests start the writer thread.
import { build } from "esbuild";

export const WORKERS = { "store-writer": "app/store/writer.worker.ts" };

export async function buildWorkers(outdir = "build/workers") {
  await build({
    entryPoints: WORKERS,
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    sourcemap: true,
    logLevel: "warning",
    tsconfig: "tsconfig.json",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildWorkers();
