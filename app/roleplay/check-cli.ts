/**
 * `npm run scenarios:check`: validates every script in scenarios/ and explores each machine with xstate/graph
 * (see check.ts). Prints one line per scenario and exits non-zero on any problem.
 * `npm run scenarios:check -- draft.yaml [--moves draft-moves.yaml]` checks one file instead (a draft, with moves
 * of its own not yet in content/scoring/moves.yaml).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { readLexicon } from "~/scoring/lexicon-files.server";
import { checkScenario } from "./check";
import { readScenarioFile, scenariosDir } from "./scenario-files.server";

const args = process.argv.slice(2);
const movesAt = args.indexOf("--moves");
const extraMoves = movesAt >= 0 ? path.resolve(args[movesAt + 1]) : undefined;
const named = args.filter((a, i) => a.endsWith(".yaml") && !(movesAt >= 0 && i === movesAt + 1));
const lexicon = readLexicon(undefined, extraMoves);
const files = named.length
  ? named.map((f) => path.resolve(f))
  : readdirSync(scenariosDir())
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => path.join(scenariosDir(), f));

let failed = false;
for (const file of files) {
  const started = Date.now();
  try {
    const script = readScenarioFile(file, lexicon);
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
    console.log(`✗ ${path.basename(file)}: ${(error as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
