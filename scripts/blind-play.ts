/**
 * Plays a scenario the way a trainee sees it in assessment mode: the setting, who speaks, narration, the owner's
 * lines and the simulated clock; no scores, no findings, no hints. For writers of blind test calls, who must
 * not see the rules.
 *
 *   npx tsx --tsconfig tsconfig.json scripts/blind-play.ts <scenario-id> <replies.json>
 *
 * replies.json is a JSON array of the trainee's replies so far (strings). It prints the conversation so far and
 * then either the next line to answer or the ending line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { sayingOf, type RoleplayContext } from "~/roleplay/dynamics";
import { createRoleplayMachine } from "~/roleplay/machine";
import { answerTurn, startRoleplay } from "~/roleplay/runner";
import { createReplyScorer } from "~/scoring/score-reply";
import { getLexicon } from "~/scoring/lexicon-files.server";

const [id, file] = process.argv.slice(2);
if (!id || !file) {
  console.error("usage: blind-play <scenario-id> <replies.json>");
  process.exit(2);
}
const replies: string[] = JSON.parse(readFileSync(file, "utf8"));
const script = readScenarioFile(path.resolve("scenarios", `${id}.yaml`));
const machine = createRoleplayMachine(script);
const scoreReply = createReplyScorer(getLexicon());
let step = startRoleplay(machine);
const out: string[] = [`【场景】${script.setting.zh}`];
const say = (state: string, context: RoleplayContext) => {
  const turn = script.turns[state];
  const ending = script.endings[state];
  const speaker = turn ? script.personas[turn.speaker].name.zh : ending?.speaker ? script.personas[ending.speaker].name.zh : "";
  const saying = sayingOf(turn ?? ending, context);
  if (saying.narration) out.push(`（${saying.narration.zh}）`);
  out.push(`${script.showClock ? `[第${context.minute}分钟] ` : ""}${speaker}：${saying.line.zh}`);
};
say(step.state, step.context);
let n = 0;
// The lines answered so far, as the app passes them: what the owners have said decides what can be restated.
const earlier: string[] = [];
for (const reply of replies) {
  if (step.ended) break;
  n++;
  out.push(`你：${reply}`);
  const { step: next, record } = answerTurn(script, machine, step.snapshot, { kind: "reply", text: reply }, scoreReply, n, new Date(), earlier);
  earlier.push(record.line.zh);
  step = next;
  for (const s of step.spoken) say(s, step.context);
}
out.push(step.ended ? "【通话结束】" : `【请回复上面这句话（第${n + 1}轮）】`);
console.log(out.join("\n"));
