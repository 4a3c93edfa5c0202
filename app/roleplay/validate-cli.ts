// `npx tsx --tsconfig tsconfig.json app/roleplay/validate-cli.ts scenarios/<id>.yaml …`: checks scripts' shape and references.
import { readScenarioFile } from "./scenario-files.server";

let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const script = readScenarioFile(file);
    console.log(`ok  ${file}: ${Object.keys(script.turns).length} turns, ${Object.keys(script.endings).length} endings`);
  } catch (error) {
    failed = true;
    console.log(`BAD ${(error as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
