import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { WorkerCalls } from "~/utils/worker-calls.server";
import { CHECKPOINTING_JOURNAL_NAME, decodeRecords, encodeRecord, JOURNAL_NAME } from "./journal";

/**
 * Durable writes, done by one writer thread so that the server's event loop only posts a message per write.
 *
 * Writes go through a journal (`journal.ts`) kept in a directory the caller names: the store's data directory
 * for the store's files. A write is appended to the journal, and every write that arrived together is made
 * durable by one fdatasync of it; then each file is replaced (temporary file, rename), and the writes are
 * acknowledged. The files are therefore always current for anyone who reads them, and a process that dies leaves
 * each file whole, old or new; the journal is what survives a power cut before the kernel has written the files
 * out. Once a journal passes a size it is checkpointed: set aside, the files it covers fsynced a few at a time
 * between commits, then their directories, and the old journal deleted; once writes stop for a second, the files
 * it covers are fsynced and it is emptied. On the next start, leftover journals are replayed before any file
 * under them is read (`ensureRecovered`).
 *
 * One fsynced append per burst instead of a temporary file, an fsync, a rename and a directory fsync per write
 * took the writer's CPU per role-play turn from ~0.5 ms (mostly in the kernel) to a fraction of that.
 *
 * Kept as source text rather than a module because the server is one bundled file (build/index.js); it uses
 * only Node's own modules.
 */
const WRITER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const JOURNAL = ${JSON.stringify(JOURNAL_NAME)};
const OLD_JOURNAL = ${JSON.stringify(CHECKPOINTING_JOURNAL_NAME)};
const ROTATE_BYTES = 4 * 1024 * 1024; // a journal this large is checkpointed
const IDLE_MS = 1000; // and every journal emptied, once no write has come for this long
const FILES_PER_ROUND = 16; // fsyncs between two commits, so that a checkpoint never holds up writes for long
const OPEN_JOURNALS = 32; // beyond this, the least recently written directory is checkpointed and closed

/** journal's directory → { fd, size, dirty: paths (relative to it) written since the journal was started, checkpoint } */
const directories = new Map();
let queue = [];
let scheduled = false;
let idleTimer = null;

function errorOf(error) {
  return { message: String((error && error.message) || error), code: error && error.code };
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

function writeAll(fd, bytes) {
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at, bytes.length - at);
}

function journalOf(dir) {
  let journal = directories.get(dir);
  if (journal) {
    directories.delete(dir); // re-inserted below: the map's order is the order of last use
  } else {
    const fd = fs.openSync(path.join(dir, JOURNAL), "a", 0o600);
    // The journal's name must survive a power cut too, and so must the directory's own (it may be new).
    syncDirectory(dir);
    syncDirectory(path.dirname(dir));
    journal = { fd, size: fs.fstatSync(fd).size, dirty: new Set(), checkpoint: null };
    if (directories.size >= OPEN_JOURNALS) {
      const oldest = directories.keys().next().value;
      try {
        closeJournal(oldest);
      } catch (error) {
        console.error("durable writer: checkpoint of " + oldest + " failed: " + error.message);
      }
    }
  }
  directories.set(dir, journal);
  return journal;
}

function replaceFile(file, bytes) {
  const temp = path.join(path.dirname(file), "." + path.basename(file) + "." + process.pid + ".tmp");
  const fd = fs.openSync(temp, "w", 0o600);
  try {
    writeAll(fd, bytes);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    try { fs.unlinkSync(temp); } catch {}
    throw error;
  }
}

function commit() {
  scheduled = false;
  const jobs = queue;
  queue = [];
  const results = [];
  const byDirectory = new Map();
  let flush = null;
  for (const job of jobs) {
    if (job.checkpoint) {
      flush = job;
      continue;
    }
    if (!byDirectory.has(job.journal)) byDirectory.set(job.journal, []);
    byDirectory.get(job.journal).push(job);
  }
  for (const [dir, group] of byDirectory) {
    let journal;
    try {
      journal = journalOf(dir);
      const bytes = Buffer.concat(group.map((job) => job.bytes));
      try {
        writeAll(journal.fd, bytes);
        fs.fdatasyncSync(journal.fd);
      } catch (error) {
        // A torn record would hide every record after it: cut the journal back to its last whole record.
        try { fs.ftruncateSync(journal.fd, journal.size); } catch {}
        throw error;
      }
      journal.size += bytes.length;
    } catch (error) {
      for (const job of group) results.push({ id: job.id, error: errorOf(error) });
      continue;
    }
    for (const job of group) {
      try {
        replaceFile(path.join(dir, job.name), job.bytes.subarray(job.payloadStart, job.bytes.length - 1));
        journal.dirty.add(job.name);
        results.push({ id: job.id });
      } catch (error) {
        results.push({ id: job.id, error: errorOf(error) });
      }
    }
  }
  if (results.length) parentPort.postMessage(results);
  if (flush) {
    let error = null;
    try { for (const dir of [...directories.keys()]) closeJournal(dir); } catch (e) { error = errorOf(e); }
    parentPort.postMessage([error ? { id: flush.id, error } : { id: flush.id }]);
  }
  checkpointRound(false);
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => checkpointRound(true), IDLE_MS);
}

function syncFile(file) {
  const fd = fs.openSync(file, "r");
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
}

/** The directories that hold the files named (paths relative to the journal's directory). */
function directoriesOf(dir, names) {
  return new Set(names.map((name) => path.join(dir, path.dirname(name))));
}

/** Sets a journal aside and starts a new one; the files it covers are fsynced from now on, a few at a time. */
function rotate(dir, journal) {
  fs.closeSync(journal.fd);
  fs.renameSync(path.join(dir, JOURNAL), path.join(dir, OLD_JOURNAL));
  journal.fd = fs.openSync(path.join(dir, JOURNAL), "a", 0o600);
  syncDirectory(dir); // both names, durably
  journal.size = 0;
  journal.checkpoint = { names: [...journal.dirty], directories: directoriesOf(dir, [...journal.dirty]) };
  journal.dirty = new Set();
}

/** Fsyncs up to \`limit\` files of a checkpoint; once all are, and their directories, the old journal goes. */
function advance(dir, journal, limit) {
  for (const name of journal.checkpoint.names.splice(0, limit)) syncFile(path.join(dir, name));
  if (journal.checkpoint.names.length) return;
  for (const directory of journal.checkpoint.directories) syncDirectory(directory); // the renames
  fs.unlinkSync(path.join(dir, OLD_JOURNAL));
  journal.checkpoint = null;
}

/** Makes the files a journal covers durable on their own, then empties it (it stays open for the next writes). */
function emptyJournal(dir, journal) {
  if (journal.checkpoint) advance(dir, journal, Infinity);
  if (journal.size === 0) return;
  const names = [...journal.dirty];
  for (const name of names) syncFile(path.join(dir, name));
  for (const directory of directoriesOf(dir, names)) syncDirectory(directory);
  fs.ftruncateSync(journal.fd, 0);
  fs.fdatasyncSync(journal.fd);
  journal.size = 0;
  journal.dirty = new Set();
}

/** Empties a journal and closes it: a clean stop, or too many journals open. */
function closeJournal(dir) {
  const journal = directories.get(dir);
  emptyJournal(dir, journal);
  fs.closeSync(journal.fd);
  fs.unlinkSync(path.join(dir, JOURNAL));
  directories.delete(dir); // only now: a journal that could not be checkpointed stays known, and is tried again
}

function checkpointRound(idle) {
  let more = false;
  for (const [dir, journal] of [...directories]) {
    try {
      if (!fs.existsSync(dir)) {
        // The directory was removed with everything in it (tests do this): nothing is left to checkpoint.
        try { fs.closeSync(journal.fd); } catch {}
        directories.delete(dir);
        continue;
      }
      if (idle) {
        emptyJournal(dir, journal);
        continue;
      }
      if (!journal.checkpoint && journal.size >= ROTATE_BYTES) rotate(dir, journal);
      if (journal.checkpoint) advance(dir, journal, FILES_PER_ROUND);
      if (journal.checkpoint) more = true;
    } catch (error) {
      // The journal stays, so nothing is lost: the next round, or the next start's recovery, tries again.
      console.error("durable writer: checkpoint of " + dir + " failed: " + error.message);
    }
  }
  if (more) setImmediate(() => checkpointRound(false));
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

/** Journal directories whose leftover journals have been replayed (or that had none) in this process. */
const recovered = new Set<string>();

/**
 * Replays what the journals in `dir` hold (a previous process's writes, some of which may not have reached their
 * files before a power cut) into the files, durably, and deletes the journals. Runs once per journal directory,
 * before the first read or write of a file under it.
 */
export function ensureRecovered(dir: string): void {
  if (recovered.has(dir)) return;
  const journals = [CHECKPOINTING_JOURNAL_NAME, JOURNAL_NAME].map((name) => path.join(dir, name)).filter((file) => existsSync(file));
  if (journals.length) {
    const latest = new Map<string, string>();
    for (const journal of journals) for (const { name, text } of decodeRecords(readFileSync(journal))) latest.set(name, text);
    const directories = new Set([dir]);
    for (const [name, text] of latest) {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true }); // a directory made just before the power cut may be gone
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.recovering`);
      const fd = openSync(temp, "w", 0o600);
      try {
        writeFileSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
      for (let d = path.dirname(file); d !== dir && d.startsWith(dir); d = path.dirname(d)) directories.add(d);
    }
    for (const directory of directories) syncDirectory(directory);
    for (const journal of journals) unlinkSync(journal);
    syncDirectory(dir);
  }
  recovered.add(dir);
}

/** As the writer thread's own `syncDirectory` (its source cannot import this module). */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } catch (error) {
    if (!["EISDIR", "EPERM", "EINVAL"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `text` to `file` durably, through the journal in `journalDir` (a directory that holds `file`, at any
 * depth); resolves once it would survive a crash or power cut.
 */
export function writeFileDurably(file: string, text: string, journalDir = path.dirname(file)): Promise<void> {
  const name = path.relative(journalDir, file);
  if (name.startsWith("..") || path.isAbsolute(name)) return Promise.reject(new Error(`${file} is not under its journal's directory ${journalDir}`));
  try {
    ensureRecovered(journalDir);
  } catch (error) {
    return Promise.reject(error);
  }
  const record = encodeRecord(name, text);
  return writer.call((id) => ({ id, journal: journalDir, name, bytes: record.bytes, payloadStart: record.payloadStart }), undefined, [record.bytes.buffer as ArrayBuffer]);
}

/**
 * Checkpoints every journal now and closes it, so that the files alone are durable (a clean stop, and tests that
 * look at a directory's files).
 */
export function checkpointJournals(): Promise<void> {
  return writer.call((id) => ({ id, checkpoint: true }));
}
