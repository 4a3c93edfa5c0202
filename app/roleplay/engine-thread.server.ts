import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { getLexicon } from "~/scoring/lexicon-files.server";
import type { Lexicon } from "~/scoring/lexicon";
import { createReplyScorer } from "~/scoring/score-reply";
import { createRoleplayMachine, type RoleplayMachine } from "./machine";
import { answerTurn, TurnRefused, type Answer, type StepResult, type TurnRecord } from "./runner";
import type { ScenarioScript } from "./script";
import { WorkerCalls } from "~/utils/worker-calls.server";

/**
 * Answers role-play turns on a thread of their own. Scoring a reply and stepping the scenario's machine are pure
 * CPU work, the largest part of a turn that is ours; on the request thread they held up every other request, so
 * they run here, on the machine's other core, and the request thread only waits for the result.
 *
 * The thread runs this same module (the server bundle in production, this file under tsx in tests), so it scores
 * with the same code; it is given the lexicon the server read, and each script the first time it is used, so it
 * never reads content files that might have changed since the server started.
 */

const ROLE = "roleplay-engine";

interface Job {
  id: number;
  key: string;
  script?: ScenarioScript;
  snapshot: unknown;
  answer: Answer;
  n: number;
  now: number;
  /** What the owners said at the call's earlier turns, oldest first. */
  earlier: string[];
}

type Reply = { id: number; ok: true; step: StepResult; record: TurnRecord } | { id: number; ok: false; refused: boolean; message: string };

const scriptKey = (script: ScenarioScript) => `${script.id}@${script.version}`;

// ---- The engine thread ----

if (!isMainThread && workerData?.role === ROLE) {
  const scoreReply = createReplyScorer(workerData.lexicon as Lexicon);
  const scripts = new Map<string, { script: ScenarioScript; machine: RoleplayMachine }>();
  parentPort!.on("message", (job: Job) => {
    let reply: Reply;
    try {
      if (job.script) scripts.set(job.key, { script: job.script, machine: createRoleplayMachine(job.script) });
      const known = scripts.get(job.key);
      if (!known) throw new Error(`roleplay engine: no script ${job.key}`);
      const { step, record } = answerTurn(known.script, known.machine, job.snapshot, job.answer, scoreReply, job.n, new Date(job.now), job.earlier);
      reply = { id: job.id, ok: true, step, record };
    } catch (error) {
      reply = { id: job.id, ok: false, refused: error instanceof TurnRefused, message: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(reply);
  });
}

// ---- The server's side ----

type Answered = { step: StepResult; record: TurnRecord };

/** The scripts each engine thread has been given (a new thread, after one died, is given them again). */
const scriptsSent = new WeakMap<Worker, Set<string>>();

const engine = new WorkerCalls<Answered>(
  "roleplay engine",
  () => {
    const self = import.meta.url;
    // Under tests this module is TypeScript: the thread loads it through tsx, as the test process does.
    const viaTsx = self.endsWith(".ts") ? `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(self)}, ${JSON.stringify(self)}));` : null;
    return new Worker(viaTsx ?? new URL(self), { eval: viaTsx !== null, execArgv: [], workerData: { role: ROLE, lexicon: getLexicon() } });
  },
  (reply: Reply) => [
    reply.ok
      ? { id: reply.id, value: { step: reply.step, record: reply.record } }
      : { id: reply.id, error: reply.refused ? new TurnRefused(reply.message) : new Error(reply.message) },
  ],
);

/**
 * ROLEPLAY_ENGINE_THREAD=0 answers turns on the request thread instead: a switch for measuring what the thread
 * is worth (docs/architecture.md has the figures), not a setting to run with.
 */
const inProcess = process.env.ROLEPLAY_ENGINE_THREAD === "0";
let inProcessScorer: ReturnType<typeof createReplyScorer> | null = null;
const inProcessMachines = new Map<string, RoleplayMachine>();

function answerInProcess(script: ScenarioScript, snapshot: unknown, answer: Answer, n: number, now: Date, earlier: readonly string[]): Answered {
  inProcessScorer ??= createReplyScorer(getLexicon());
  const key = scriptKey(script);
  let machine = inProcessMachines.get(key);
  if (!machine) inProcessMachines.set(key, (machine = createRoleplayMachine(script)));
  return answerTurn(script, machine, snapshot, answer, inProcessScorer, n, now, earlier);
}

/** `answerTurn` on the engine thread: the same result, or the same TurnRefused. */
export function answerTurnOnEngine(
  script: ScenarioScript,
  snapshot: unknown,
  answer: Answer,
  n: number,
  now: Date,
  earlier: readonly string[] = [],
): Promise<Answered> {
  if (inProcess) return (async () => answerInProcess(script, snapshot, answer, n, now, earlier))();
  const key = scriptKey(script);
  return engine.call(
    (id, thread): Job => ({
      id,
      key,
      snapshot,
      answer,
      n,
      now: now.getTime(),
      earlier: [...earlier],
      script: scriptsSent.get(thread)?.has(key) ? undefined : script,
    }),
    (thread) => scriptsSent.set(thread, (scriptsSent.get(thread) ?? new Set<string>()).add(key)), // only once the thread has it
  );
}
