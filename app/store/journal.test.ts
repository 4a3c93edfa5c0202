import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeRecords, encodeRecord, type JournalRecord } from "./journal";

const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);
const text = (s: string) => new TextEncoder().encode(s);
/** Records with their payloads as text, to compare. */
const readable = (records: JournalRecord[]) => records.map((r) => ({ ...r, payload: Buffer.from(r.payload).toString("utf8") }));

describe("journal records", () => {
  it("read back as written, in order: replacements and appends, names with any characters", () => {
    const records: JournalRecord[] = [
      { op: "replace", name: "users/abc.json", payload: text('{"reply":"刘女士您好，真是抱歉"}') },
      { op: "append", name: "attempts/abc/x y%.jsonl", offset: 0, payload: text('{"t":"start"}\n') },
      { op: "append", name: "attempts/abc/x y%.jsonl", offset: 14, payload: text('{"t":"turn","text":"第一行\\n第二行"}\n') },
      { op: "replace", name: "users/abc.json", payload: text("{}") },
    ];
    expect(readable(decodeRecords(concat(...records.map(encodeRecord))))).toEqual(readable(records));
  });

  it("read records of the first format (before appends) as replacements", () => {
    const payload = text('{"n":1}');
    const old = concat(text(`${payload.length} ${crc32(payload)} a.json\n`), payload, text("\n"));
    expect(readable(decodeRecords(old))).toEqual([{ op: "replace", name: "a.json", payload: '{"n":1}' }]);
  });

  it("stop at a record cut short, as the last one is when the power goes while it is being appended", () => {
    const whole = encodeRecord({ op: "replace", name: "a.json", payload: text('{"n":1}') });
    const torn = encodeRecord({ op: "append", name: "a.jsonl", offset: 40, payload: text('{"n":2,"text":"漏水"}\n') });
    for (let cut = 1; cut < torn.length; cut++) {
      expect(readable(decodeRecords(concat(whole, torn.subarray(0, cut))))).toEqual([{ op: "replace", name: "a.json", payload: '{"n":1}' }]);
    }
  });

  it("stop at a record whose payload does not match its checksum", () => {
    const first = encodeRecord({ op: "replace", name: "a.json", payload: text('{"n":1}') });
    const damaged = Buffer.from(encodeRecord({ op: "replace", name: "a.json", payload: text('{"n":2}') }));
    damaged[damaged.length - 3] ^= 0x01; // one bit of the payload
    expect(readable(decodeRecords(concat(first, damaged, encodeRecord({ op: "replace", name: "b.json", payload: text("{}") }))))).toEqual([
      { op: "replace", name: "a.json", payload: '{"n":1}' },
    ]);
  });
});
