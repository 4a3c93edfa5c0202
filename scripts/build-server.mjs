// Builds the server (server/main.ts → build/server.js) and its worker threads (typed modules in app/ →
// build/workers/*.js), beside the Remix build. `npm run build` runs it; the unit tests' global setup builds the
// workers, since the store's tests start the writer thread.
import { build } from "esbuild";

export const WORKERS = { "store-writer": "app/store/writer.worker.ts" };

const common = { bundle: true, platform: "node", target: "node20", format: "esm", sourcemap: true, logLevel: "warning", tsconfig: "tsconfig.json" };

export async function buildWorkers(outdir = "build/workers") {
  await build({ ...common, entryPoints: WORKERS, outdir });
}

/** The server's own code is bundled; its packages (Remix, compression …) are loaded from node_modules. */
export async function buildServer(outdir = "build") {
  await build({ ...common, entryPoints: { server: "server/main.ts" }, outdir, packages: "external" });
}

if (import.meta.url === `file://${process.argv[1]}`) await Promise.all([buildServer(), buildWorkers()]);
