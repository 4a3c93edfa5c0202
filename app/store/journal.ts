import { crc32 } from "node:zlib";

/**
 * The format of a store directory's journal (`.journal`, and `.journal.old` while it is being checkpointed): one
 * record per write, appended and fsynced before the write is acknowledged, so that a write survives a power cut
 * even before the file it changed is on disk. A record says what changed, not what the file became:
 *
 *     R <payload bytes> <crc32> <file name, URI-encoded>\n<payload>\n            the file's whole new text
 *     A <payload bytes> <crc32> <file name> <offset>\n<payload>\n                 bytes appended at `offset`
 *
 * (a role-play turn is an append of one line to its attempt's log: a few KB, however long the call). Records of
 * the first format, `<payload bytes> <crc32> <name>`, written before appends existed, read as `R`.
 *
 * A record is only ever torn at the end of the newest journal (the process or the machine stopped while it was
 * being appended, so it was never acknowledged); reading stops at the first record that is incomplete or whose
 * checksum does not match.
 */

const NEWLINE = 0x0a;
const encoder = new TextEncoder();

export const JOURNAL_NAME = ".journal";
export const CHECKPOINTING_JOURNAL_NAME = ".journal.old";

export type JournalRecord = { op: "replace"; name: string; payload: Uint8Array } | { op: "append"; name: string; offset: number; payload: Uint8Array };

/** A record's bytes, header and payload. */
export function encodeRecord(record: JournalRecord): Uint8Array {
  const name = encodeURIComponent(record.name);
  const head =
    record.op === "replace"
      ? `R ${record.payload.length} ${crc32(record.payload)} ${name}\n`
      : `A ${record.payload.length} ${crc32(record.payload)} ${name} ${record.offset}\n`;
  const header = encoder.encode(head);
  const bytes = new Uint8Array(header.length + record.payload.length + 1);
  bytes.set(header, 0);
  bytes.set(record.payload, header.length);
  bytes[bytes.length - 1] = NEWLINE;
  return bytes;
}

const HEADER = /^(?:([RA]) )?(\d+) (\d+) (\S+)(?: (\d+))?$/;

/** The complete records of a journal, in the order they were written. */
export function decodeRecords(journal: Uint8Array): JournalRecord[] {
  const records: JournalRecord[] = [];
  let at = 0;
  while (at < journal.length) {
    const end = journal.indexOf(NEWLINE, at);
    if (end < 0) break;
    const match = HEADER.exec(Buffer.from(journal.buffer, journal.byteOffset + at, end - at).toString("latin1"));
    if (!match) break;
    const [, op = "R", length, checksum, encodedName, offset] = match;
    if ((op === "A") !== (offset !== undefined)) break;
    const size = Number(length);
    const payload = journal.subarray(end + 1, end + 1 + size);
    if (payload.length !== size || journal[end + 1 + size] !== NEWLINE || crc32(payload) !== Number(checksum)) break;
    let name: string;
    try {
      name = decodeURIComponent(encodedName);
    } catch {
      break;
    }
    records.push(op === "A" ? { op: "append", name, offset: Number(offset), payload } : { op: "replace", name, payload });
    at = end + 2 + size;
  }
  return records;
}
