import { afterAll, beforeAll } from "vitest";

/**
 * Test files share their worker's modules (`isolate: false` in vitest.config.ts), so what a file sets in the
 * environment (STORE, DATABASE_URL, a pass mark) is undone when it ends: no file runs with another's settings.
 */
let before: Record<string, string | undefined> = {};
beforeAll(() => {
  before = { ...process.env };
});
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
  Object.assign(process.env, before);
});
