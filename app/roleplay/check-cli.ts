/**
 * `npm run scenarios:check`: validates every script in scenarios/ and explores each machine with xstate/graph
 * (see check.ts). Prints one line per scenario and exits non-zero on any problem.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { checkScenario } from "./check";
import { readScenarioFile, scenariosDir } from "./scenario-files.server";

let failed = false;
for (const file of readdirSync(scenariosDir()).filter((f) => f.endsWith(".yaml")).sort()) {
  const started = Date.now();
  try {
    const script = readScenarioFile(path.join(scenariosDir(), file));
    const report = checkScenario(script);
    const ms = Date.now() - started;
    if (report.problems.length) {
      failed = true;
      console.log(`✗ ${script.id}: ${report.problems.join("; ")}`);
    } else {
      console.log(
        `✓ ${script.id} v${script.version}: ${report.vertices} states explored in ${ms} ms; all ${Object.keys(script.turns).length} turns and ${Object.keys(script.endings).length - (report.unreachableTimeout ? 1 : 0)} endings reachable${report.unreachableTimeout ? " (the timeout safety net is never needed)" : ""}; every path ends within ${report.longestTurns} turns (limit ${script.maxTurns}); main line ${report.mainLine.length} turns → ${report.mainLineOutcome}; escalations: ${report.escalations.join(", ")}; recoveries via: ${report.recoveries.join(", ")}`,
      );
    }
  } catch (error) {
    failed = true;
    console.log(`✗ ${file}: ${(error as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
