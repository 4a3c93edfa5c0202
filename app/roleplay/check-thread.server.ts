import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { WorkerCalls } from "~/utils/worker-calls.server";
import { checkScriptText, type Checked, type Vocabulary } from "./authoring";

/**
 * Checks drafts' script texts on a thread of their own. The path check explores a scenario's machine with
 * xstate/graph: half a second for angry-owner, seconds for the largest scripts. On the request thread that would
 * hold up every other request; here it runs beside them. The thread runs this same module (the server bundle in
 * production, this file under tsx in tests), as the engine thread does (engine-thread.server.ts).
 */

const ROLE = "scenario-checker";

interface Job {
  id: number;
  text: string;
  expectedId: string;
  graphLimit?: number;
}

type Reply = { id: number; ok: true; checked: Checked } | { id: number; ok: false; message: string };

if (!isMainThread && workerData?.role === ROLE) {
  const vocabulary: Vocabulary = { moves: new Set(workerData.moves as string[]), acts: new Set(workerData.acts as string[]) };
  parentPort!.on("message", (job: Job) => {
    let reply: Reply;
    try {
      reply = { id: job.id, ok: true, checked: checkScriptText(job.text, job.expectedId, vocabulary, job.graphLimit) };
    } catch (error) {
      reply = { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(reply);
  });
}

let checker: WorkerCalls<Checked> | null = null;

function checkerFor(vocabulary: Vocabulary): WorkerCalls<Checked> {
  checker ??= new WorkerCalls<Checked>(
    "scenario checker",
    () => {
      const self = import.meta.url;
      // Under tests this module is TypeScript: the thread loads it through tsx, as the test process does.
      const viaTsx = self.endsWith(".ts") ? `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(self)}, ${JSON.stringify(self)}));` : null;
      return new Worker(viaTsx ?? new URL(self), {
        eval: viaTsx !== null,
        execArgv: [],
        workerData: { role: ROLE, moves: [...vocabulary.moves], acts: [...vocabulary.acts] },
      });
    },
    (reply: Reply) => [reply.ok ? { id: reply.id, value: reply.checked } : { id: reply.id, error: new Error(reply.message) }],
  );
  return checker;
}

/**
 * `checkScriptText` on the checker thread (the vocabulary is the one the thread was started with: the lexicon is
 * read once per process). ROLEPLAY_ENGINE_THREAD=0 checks on the calling thread, as it answers turns there.
 */
export function checkScriptTextOffThread(text: string, expectedId: string, vocabulary: Vocabulary, graphLimit?: number): Promise<Checked> {
  if (process.env.ROLEPLAY_ENGINE_THREAD === "0") return (async () => checkScriptText(text, expectedId, vocabulary, graphLimit))();
  return checkerFor(vocabulary).call((id): Job => ({ id, text, expectedId, graphLimit }));
}
