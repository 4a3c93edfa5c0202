import { Worker } from "node:worker_threads";
import { WorkerCalls } from "~/utils/worker-calls.server";

/**
 * Durable writes, done by one writer thread so that the server's event loop only posts a message per write.
 *
 * A write is temp file → fsync → rename over the target → fsync of the directory (so the rename itself is on
 * disk); readers only ever see the old or the new whole file. Through `fs/promises` those are eight round trips
 * through the event loop per write, which cost more of the server's one core than playing the turn did. The
 * writer thread does them with blocking calls on the other core, and commits in groups: every write that arrived
 * while it was busy is written and renamed, then each directory they touched is fsynced once.
 *
 * Kept as source text rather than a module because the server is one bundled file (build/index.js); it uses
 * only Node's own modules.
 */
const WRITER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
let queue = [];
let scheduled = false;

function errorOf(error) {
  return { message: String(error && error.message || error), code: error && error.code };
}

function writeOne(job) {
  const temp = path.join(path.dirname(job.file), "." + path.basename(job.file) + "." + process.pid + ".tmp");
  const fd = fs.openSync(temp, "w", 0o600);
  try {
    fs.writeSync(fd, job.text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, job.file);
  } catch (error) {
    try { fs.unlinkSync(temp); } catch {}
    throw error;
  }
}

function syncDirectory(dir) {
  let fd;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch (error) {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
    if (error.code !== "EISDIR" && error.code !== "EPERM" && error.code !== "EINVAL") throw error;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function commit() {
  scheduled = false;
  const jobs = queue;
  queue = [];
  const results = [];
  const byDirectory = new Map();
  for (const job of jobs) {
    try {
      writeOne(job);
      const dir = path.dirname(job.file);
      if (!byDirectory.has(dir)) byDirectory.set(dir, []);
      byDirectory.get(dir).push(job.id);
    } catch (error) {
      results.push({ id: job.id, error: errorOf(error) });
    }
  }
  for (const [dir, ids] of byDirectory) {
    let error = null;
    try { syncDirectory(dir); } catch (e) { error = errorOf(e); }
    for (const id of ids) results.push(error ? { id, error } : { id });
  }
  parentPort.postMessage(results);
}

parentPort.on("message", (job) => {
  queue.push(job);
  if (!scheduled) {
    scheduled = true;
    setImmediate(commit);
  }
});
`;

interface WriteResult {
  id: number;
  error?: { message: string; code?: string };
}

const writer = new WorkerCalls<void>(
  "durable writer",
  // No inherited flags: an `--input-type=module` on the command line would make this CommonJS source fail.
  () => new Worker(WRITER_SOURCE, { eval: true, execArgv: [] }),
  (results: WriteResult[]) =>
    results.map(({ id, error }) => ({ id, error: error && Object.assign(new Error(error.message), { code: error.code }) })),
);

/** Writes `text` to `file` durably; resolves once it would survive a crash or power cut. */
export function writeFileDurably(file: string, text: string): Promise<void> {
  return writer.call((id) => ({ id, file, text }));
}
