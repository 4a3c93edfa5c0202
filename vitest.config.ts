import { defineConfig } from "vitest/config";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "scenarios/**/*.test.ts", "tests/unit/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    globalSetup: ["tests/support/build-workers.ts"],
    // Files share their worker's modules rather than loading them afresh each (the lexicon compiled, the scenarios
    // read, the writer thread started once a worker, not once a file): 195 s -> 145 s of CPU here, every test
    // passing either way (docs/performance.md). Each file's changes to the environment are undone as it ends.
    isolate: false,
    setupFiles: ["tests/support/restore-env.ts"],
    testTimeout: 30_000,
    // A worker a core. Four on two cores are faster alone (63 s against 89 s) but slower inside `npm test` (84 s
    // against 74 s), where the type check and the linter run beside them on the same cores (docs/performance.md).
    // Vitest's default keeps a core for itself, and its own process mostly waits.
    maxWorkers: availableParallelism(),
  },
});
