// Runs npm scripts at the same time and prints each one's output whole when it ends, so lines never interleave;
// exits non-zero when any of them fails. `npm test` runs the type check, the linter and the unit tests this way: the
// first two use a core each, and the unit tests leave the cores idle while they wait on processes they kill, the
// disk and PostgreSQL; together they take less time than one after another (docs/performance.md).
//   node scripts/run-parallel.mjs typecheck lint test:unit
import { Buffer } from "node:buffer";
import { spawn } from "node:child_process";

const scripts = process.argv.slice(2);
const results = await Promise.all(
  scripts.map(
    (name) =>
      new Promise((resolve) => {
        const child = spawn("npm", ["run", "--silent", name], { stdio: ["ignore", "pipe", "pipe"] });
        const output = [];
        child.stdout.on("data", (chunk) => output.push(chunk));
        child.stderr.on("data", (chunk) => output.push(chunk));
        child.on("close", (code) => {
          process.stdout.write(`> ${name}${code === 0 ? "" : ` (failed, exit ${code})`}\n`);
          process.stdout.write(Buffer.concat(output));
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exit(results.some((code) => code !== 0) ? 1 : 0);
