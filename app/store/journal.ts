import { crc32 } from "node:zlib";

/**
 * The format of a store directory's journal (`.journal`, and `.journal.old` while it is being checkpointed): one
 * record per write, appended and fsynced before the write is acknowledged, so that a write survives a power cut
 * even before the file it replaced is on disk.
 *
 *     <payload bytes> <crc32 of the payload> <file name, URI-encoded>\n<payload>\n
 *
 * A record is only ever torn at the end of the newest journal (the process or the machine stopped while it was
 * being appended, so it was never acknowledged); reading stops at the first record that is incomplete or whose
 * checksum does not match.
 */

const NEWLINE = 0x0a;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export const JOURNAL_NAME = ".journal";
export const CHECKPOINTING_JOURNAL_NAME = ".journal.old";

/** A record: its bytes (the header and the payload), and where the payload starts, for writing it to its file. */
export interface JournalRecord {
  bytes: Uint8Array;
  payloadStart: number;
}

/** The journal record of writing `text` to the file `name` (a name in the journal's own directory). */
export function encodeRecord(name: string, text: string): JournalRecord {
  const payload = encoder.encode(text);
  const header = encoder.encode(`${payload.length} ${crc32(payload)} ${encodeURIComponent(name)}\n`);
  const bytes = new Uint8Array(header.length + payload.length + 1);
  bytes.set(header, 0);
  bytes.set(payload, header.length);
  bytes[bytes.length - 1] = NEWLINE;
  return { bytes, payloadStart: header.length };
}

/** The complete records of a journal, in the order they were written: each file's name and its new text. */
export function decodeRecords(journal: Uint8Array): Array<{ name: string; text: string }> {
  const records: Array<{ name: string; text: string }> = [];
  let at = 0;
  while (at < journal.length) {
    const end = journal.indexOf(NEWLINE, at);
    if (end < 0) break;
    const match = /^(\d+) (\d+) (\S+)$/.exec(Buffer.from(journal.buffer, journal.byteOffset + at, end - at).toString("latin1"));
    if (!match) break;
    const length = Number(match[1]);
    const payload = journal.subarray(end + 1, end + 1 + length);
    if (payload.length !== length || journal[end + 1 + length] !== NEWLINE || crc32(payload) !== Number(match[2])) break;
    let name: string;
    let text: string;
    try {
      name = decodeURIComponent(match[3]);
      text = decoder.decode(payload);
    } catch {
      break;
    }
    records.push({ name, text });
    at = end + 2 + length;
  }
  return records;
}
