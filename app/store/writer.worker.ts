import { closeSync, existsSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, renameSync, unlinkSync } from "node:fs";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import { CHECKPOINTING_JOURNAL_NAME, encodeRecord, JOURNAL_NAME, type JournalRecord } from "./journal";
import {
  appendAtEnd,
  applyRecords,
  journalRecords,
  putInPlace,
  removeQuietly,
  syncDirectory,
  syncFile,
  truncateTo,
  writeAll,
  writeTemporary,
} from "./journal-files";
import type { WriterJob, WriterResult } from "./writer-protocol";

/**
 * The store's writer thread: every durable write of the server goes through here, with blocking calls on this
 * thread, so that the event loop only posts a message per write.
 *
 * A batch of writes (all that arrived together) is committed in three steps, so that a write either happens whole
 * or not at all, even on a full disk:
 *   1. each change is prepared: a replacement written to a temporary file, an append written at its file's end;
 *   2. one record per prepared change is appended to the journal of the directory, and the journal fdatasynced:
 *      from here the writes are durable (a power cut is repaired from the journal at the next start);
 *   3. replacements are renamed into place, and the writes acknowledged.
 * A failure in step 1 fails that write alone; in step 2 every write of the batch (the journal is cut back, the
 * temporary files removed and the appends cut off); nothing is half-written either way. Once a journal passes a
 * size it is checkpointed: set aside, the files it covers fsynced a few at a time between commits, then their
 * directories, and the old journal deleted; once writes stop for a second, every journal is emptied the same way.
 */

const ROTATE_BYTES = 4 * 1024 * 1024; // a journal this large is checkpointed
const IDLE_MS = 1000; // and every journal emptied, once no write has come for this long
const FILES_PER_ROUND = 16; // fsyncs between two commits, so that a checkpoint never holds up writes for long
const OPEN_JOURNALS = 32; // beyond this, the least recently written directory is checkpointed and closed

interface Journal {
  fd: number;
  size: number;
  /** Files (relative to the journal's directory) written since the journal was started. */
  dirty: Set<string>;
  checkpoint: { names: string[]; directories: Set<string> } | null;
  /** A journalled replacement could not be renamed into place: the journal is replayed before it is emptied. */
  needsReplay: boolean;
}

const journals = new Map<string, Journal>();
let queue: Array<Exclude<WriterJob, { op: "commits" }>> = [];
let scheduled = false;
let idleTimer: NodeJS.Timeout | undefined;
let commits = 0;

const port = parentPort!;

function errorOf(error: unknown): { message: string; code?: string } {
  const e = error as NodeJS.ErrnoException;
  return { message: String(e?.message ?? e), code: e?.code };
}

function journalOf(dir: string): Journal {
  let journal = journals.get(dir);
  if (journal) {
    journals.delete(dir); // re-inserted below: the map's order is the order of last use
  } else {
    const fd = openSync(path.join(dir, JOURNAL_NAME), "a", 0o600);
    // The journal's name must survive a power cut too, and so must the directory's own (it may be new).
    syncDirectory(dir);
    syncDirectory(path.dirname(dir));
    journal = { fd, size: fstatSync(fd).size, dirty: new Set(), checkpoint: null, needsReplay: false };
    if (journals.size >= OPEN_JOURNALS) {
      const oldest = journals.keys().next().value!;
      try {
        closeJournal(oldest);
      } catch (error) {
        console.error(`store writer: checkpoint of ${oldest} failed: ${errorOf(error).message}`);
      }
    }
  }
  journals.set(dir, journal);
  return journal;
}

type Prepared = { job: Extract<WriterJob, { op: "replace" | "append" }>; file: string; temp?: string; offset?: number };

function undo(prepared: Prepared): void {
  if (prepared.temp) removeQuietly(prepared.temp);
  if (prepared.offset !== undefined) {
    try {
      truncateTo(prepared.file, prepared.offset);
    } catch {
      /* the file is gone */
    }
  }
}

function commitGroup(dir: string, jobs: Array<Prepared["job"]>, results: WriterResult[]): void {
  const prepared: Prepared[] = [];
  for (const job of jobs) {
    const file = path.join(dir, job.name);
    try {
      if (job.op === "replace") prepared.push({ job, file, temp: writeTemporary(file, job.payload, job.id) });
      else prepared.push({ job, file, offset: appendAtEnd(file, job.payload) });
    } catch (error) {
      results.push({ id: job.id, error: errorOf(error) });
    }
  }
  if (!prepared.length) return;

  let journal: Journal;
  try {
    journal = journalOf(dir);
    const records: JournalRecord[] = prepared.map(({ job, offset }) =>
      job.op === "replace" ? { op: "replace", name: job.name, payload: job.payload } : { op: "append", name: job.name, offset: offset!, payload: job.payload },
    );
    const bytes = Buffer.concat(records.map(encodeRecord));
    try {
      writeAll(journal.fd, bytes);
      fdatasyncSync(journal.fd);
      commits += 1;
    } catch (error) {
      // A torn record would hide every record after it: cut the journal back to its last whole record.
      try {
        ftruncateSync(journal.fd, journal.size);
      } catch {
        /* reading stops at a torn record anyway */
      }
      throw error;
    }
    journal.size += bytes.length;
  } catch (error) {
    for (const p of prepared.reverse()) undo(p);
    for (const p of prepared) results.push({ id: p.job.id, error: errorOf(error) });
    return;
  }

  for (const p of prepared) {
    if (p.temp) {
      try {
        putInPlace(p.temp, p.file);
      } catch (error) {
        // Durable in the journal all the same: the file is put right from it before the journal is emptied.
        console.error(`store writer: ${p.job.name} is in the journal but could not be renamed into place: ${errorOf(error).message}`);
        journal.needsReplay = true;
      }
    }
    journal.dirty.add(p.job.name);
    results.push({ id: p.job.id, offset: p.offset });
  }
}

function commit(): void {
  scheduled = false;
  const jobs = queue;
  queue = [];
  const results: WriterResult[] = [];
  const byDirectory = new Map<string, Array<Prepared["job"]>>();
  const checkpoints: WriterJob[] = [];
  for (const job of jobs) {
    if (job.op === "checkpoint") checkpoints.push(job);
    else byDirectory.set(job.journal, [...(byDirectory.get(job.journal) ?? []), job]);
  }
  for (const [dir, group] of byDirectory) commitGroup(dir, group, results);
  if (results.length) port.postMessage(results);
  if (checkpoints.length) {
    let error: WriterResult["error"];
    try {
      for (const dir of [...journals.keys()]) closeJournal(dir);
    } catch (e) {
      error = errorOf(e);
    }
    port.postMessage(checkpoints.map((job) => ({ id: job.id, error })));
  }
  checkpointRound(false);
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => checkpointRound(true), IDLE_MS);
}

/** The directories that hold the files named (paths relative to the journal's directory). */
function directoriesOf(dir: string, names: Iterable<string>): Set<string> {
  return new Set([...names].map((name) => path.join(dir, path.dirname(name))));
}

/** Sets a journal aside and starts a new one; the files it covers are fsynced from now on, a few at a time. */
function rotate(dir: string, journal: Journal): void {
  if (journal.needsReplay) replayInto(dir, journal);
  closeSync(journal.fd);
  renameSync(path.join(dir, JOURNAL_NAME), path.join(dir, CHECKPOINTING_JOURNAL_NAME));
  journal.fd = openSync(path.join(dir, JOURNAL_NAME), "a", 0o600);
  syncDirectory(dir); // both names, durably
  journal.size = 0;
  journal.checkpoint = { names: [...journal.dirty], directories: directoriesOf(dir, journal.dirty) };
  journal.dirty = new Set();
}

/** Fsyncs up to `limit` files of a checkpoint; once all are, and their directories, the old journal goes. */
function advance(dir: string, journal: Journal, limit: number): void {
  const checkpoint = journal.checkpoint!;
  for (const name of checkpoint.names.splice(0, limit)) syncFile(path.join(dir, name));
  if (checkpoint.names.length) return;
  for (const directory of checkpoint.directories) syncDirectory(directory); // the renames
  unlinkSync(path.join(dir, CHECKPOINTING_JOURNAL_NAME));
  journal.checkpoint = null;
}

/** Writes what the journals of `dir` hold into the files (after a replacement that could not be renamed). */
function replayInto(dir: string, journal: Journal): void {
  applyRecords(dir, journalRecords(dir).records);
  journal.needsReplay = false;
}

/** Makes the files a journal covers durable on their own, then empties it (it stays open for the next writes). */
function emptyJournal(dir: string, journal: Journal): void {
  if (journal.needsReplay) replayInto(dir, journal);
  if (journal.checkpoint) advance(dir, journal, Infinity);
  if (journal.size === 0) return;
  for (const name of journal.dirty) syncFile(path.join(dir, name));
  for (const directory of directoriesOf(dir, journal.dirty)) syncDirectory(directory);
  ftruncateSync(journal.fd, 0);
  fdatasyncSync(journal.fd);
  journal.size = 0;
  journal.dirty = new Set();
}

/** Empties a journal and closes it: a clean stop, or too many journals open. */
function closeJournal(dir: string): void {
  const journal = journals.get(dir)!;
  emptyJournal(dir, journal);
  closeSync(journal.fd);
  removeQuietly(path.join(dir, JOURNAL_NAME));
  journals.delete(dir); // only now: a journal that could not be checkpointed stays known, and is tried again
}

function checkpointRound(idle: boolean): void {
  let more = false;
  for (const [dir, journal] of [...journals]) {
    try {
      if (!existsSync(dir)) {
        // The directory was removed with everything in it (tests do this): nothing is left to checkpoint.
        try {
          closeSync(journal.fd);
        } catch {
          /* already closed */
        }
        journals.delete(dir);
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
      console.error(`store writer: checkpoint of ${dir} failed: ${errorOf(error).message}`);
    }
  }
  if (more) setImmediate(() => checkpointRound(false));
}

port.on("message", (job: WriterJob) => {
  if (job.op === "commits") {
    port.postMessage([{ id: job.id, commits }]);
    return;
  }
  queue.push(job);
  if (!scheduled) {
    scheduled = true;
    setImmediate(commit);
  }
});
