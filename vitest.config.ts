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
    // Twice as many workers as cores: the tests spend about half their time waiting (on processes they kill, the
    // disk, PostgreSQL), and with one worker a core the cores sat half idle (99 s wall for 110 s of CPU; 82 s with
    // four workers here, the same CPU). Vitest's default keeps a core for itself, and its own process mostly waits.
    maxWorkers: 2 * availableParallelism(),
    minWorkers: 2 * availableParallelism(),
  },
});
