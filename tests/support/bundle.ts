import { build } from "esbuild";

/**
 * Bundles a TypeScript program given as text (its imports resolved from the repository's root) into one ES module
 * at `outfile`, as the server's own code is built: a process or thread a test starts then runs plain JavaScript,
 * rather than compiling TypeScript as it starts.
 */
export async function bundleProgram(contents: string, outfile: string): Promise<string> {
  await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts", sourcefile: outfile.replace(/\.mjs$/, ".ts") },
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    tsconfig: "tsconfig.json",
    logLevel: "warning",
    // CommonJS packages bundled into an ES module still call require.
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  });
  return outfile;
}
