import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  existsSync,
  unlinkSync,
  writeSync,
  constants,
} from "node:fs";
import path from "node:path";
import { CHECKPOINTING_JOURNAL_NAME, decodeRecords, JOURNAL_NAME, type JournalRecord } from "./journal";

/**
 * The file operations behind the journal, synchronous, shared by the writer thread (every write) and the main
 * thread (replaying a previous run's journal at start, before any file is read).
 */

/** Fsyncs a directory, so a rename or a new name in it survives a power cut. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } catch (error) {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
    if (!["EISDIR", "EPERM", "EINVAL"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
  } finally {
    closeSync(fd);
  }
}

export function syncFile(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeAll(fd: number, bytes: Uint8Array, position: number | null = null): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at, position === null ? null : position + at);
}

/** The temporary file a replacement is written to before it is renamed over its file; `.tmp` files are stray at start. */
export function temporaryName(file: string, tag: string | number): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${tag}.tmp`);
}

/** Writes a whole file to a temporary name (not yet in place); the caller renames it or removes it. */
export function writeTemporary(file: string, bytes: Uint8Array, tag: string | number): string {
  const temp = temporaryName(file, tag);
  const fd = openSync(temp, "w", 0o600);
  try {
    writeAll(fd, bytes);
  } catch (error) {
    closeSync(fd);
    removeQuietly(temp);
    throw error;
  }
  closeSync(fd);
  return temp;
}

/** Appends bytes at a file's end, and returns where they start; on failure the file is cut back to where it was. */
export function appendAtEnd(file: string, bytes: Uint8Array): number {
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT, 0o600);
  let offset = 0;
  try {
    offset = fstatSync(fd).size;
    writeAll(fd, bytes, offset);
  } catch (error) {
    try {
      ftruncateSync(fd, offset);
    } catch {
      /* nothing more to undo */
    }
    closeSync(fd);
    throw error;
  }
  closeSync(fd);
  return offset;
}

/** Cuts a file back to `length` bytes (an append whose journal record could not be written). */
export function truncateTo(file: string, length: number): void {
  const fd = openSync(file, "r+");
  try {
    ftruncateSync(fd, length);
  } finally {
    closeSync(fd);
  }
}

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}

/**
 * Applies journal records to their files, durably: replacements written whole and renamed, appends written at
 * their offsets, then each appended file cut to the end of its last record (bytes after it were never
 * acknowledged). Returns the directories that changed, for the caller to sync.
 */
export function applyRecords(dir: string, records: readonly JournalRecord[]): Set<string> {
  const directories = new Set<string>([dir]);
  const appendedEnds = new Map<string, number>();
  const note = (file: string) => {
    for (let d = path.dirname(file); d !== dir && d.startsWith(dir); d = path.dirname(d)) directories.add(d);
  };
  for (const record of records) {
    const file = path.join(dir, record.name);
    mkdirSync(path.dirname(file), { recursive: true }); // a directory made just before the power cut may be gone
    note(file);
    if (record.op === "replace") {
      appendedEnds.delete(file);
      const temp = writeTemporary(file, record.payload, "recovering");
      syncFile(temp);
      renameSync(temp, file);
    } else {
      const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT, 0o600);
      try {
        writeAll(fd, record.payload, record.offset);
      } finally {
        closeSync(fd);
      }
      appendedEnds.set(file, record.offset + record.payload.length);
    }
  }
  for (const [file, end] of appendedEnds) {
    truncateTo(file, end);
    syncFile(file);
  }
  return directories;
}

/** The records of the journals in `dir` (the one being checkpointed first), oldest first. */
export function journalRecords(dir: string): { journals: string[]; records: JournalRecord[] } {
  const journals = [CHECKPOINTING_JOURNAL_NAME, JOURNAL_NAME].map((name) => path.join(dir, name)).filter((file) => existsSync(file));
  return { journals, records: journals.flatMap((journal) => decodeRecords(readFileSync(journal))) };
}

/** Replays and removes the journals left in `dir` by a previous run. */
export function replayJournals(dir: string): void {
  const { journals, records } = journalRecords(dir);
  if (!journals.length) return;
  for (const directory of applyRecords(dir, records)) syncDirectory(directory);
  for (const journal of journals) unlinkSync(journal);
  syncDirectory(dir);
}

/** Renames a temporary file into place. */
export function putInPlace(temp: string, file: string): void {
  renameSync(temp, file);
}
