/**
 * Prints the gzipped JavaScript each route ships (run after `remix build`, as `npm run build` does): the entry,
 * the route and its parents, and every chunk they import, each file counted once. Fails when the role-play page
 * is over its 150 KB budget.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGETS: Record<string, number> = { "routes/practice.$scenarioId._index": 150 * 1024 };

const buildDir = path.resolve("public/build");
const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) {
  console.error("page weight: no manifest in public/build; run `remix build` first");
  process.exit(1);
}
const manifest = JSON.parse(
  readFileSync(path.join(buildDir, manifestFile), "utf8")
    .replace(/^window\.__remixManifest=/, "")
    .replace(/;\s*$/, ""),
) as {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { id: string; parentId?: string; module: string; imports?: string[] }>;
};

const gzipped = new Map<string, number>();
function size(url: string): number {
  if (!gzipped.has(url)) gzipped.set(url, gzipSync(readFileSync(path.join("public", url))).length);
  return gzipped.get(url)!;
}

const rows: Array<{ route: string; files: number; bytes: number }> = [];
for (const route of Object.values(manifest.routes)) {
  if (route.id === "root") continue;
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (let r: typeof route | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) {
    files.add(r.module);
    for (const i of r.imports ?? []) files.add(i);
  }
  rows.push({ route: route.id, files: files.size, bytes: [...files].reduce((s, f) => s + size(f), 0) });
}
rows.sort((a, b) => b.bytes - a.bytes);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log("gzipped JavaScript per route (entry + route chain + chunks, each file once):");
let failed = false;
for (const r of rows) {
  const budget = BUDGETS[r.route];
  const verdict = budget ? (r.bytes <= budget ? `  (budget ${kb(budget)}: met)` : `  (budget ${kb(budget)}: OVER)`) : "";
  if (budget && r.bytes > budget) failed = true;
  console.log(`  ${kb(r.bytes).padStart(9)}  ${String(r.files).padStart(2)} files  ${r.route}${verdict}`);
}
process.exit(failed ? 1 : 0);
