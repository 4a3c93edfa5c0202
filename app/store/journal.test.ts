import { describe, expect, it } from "vitest";
import { decodeRecords, encodeRecord } from "./journal";

const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);

describe("journal records", () => {
  it("read back as written, in order, names and texts with any characters", () => {
    const records = [
      { name: "users/abc.json", text: '{"reply":"刘女士您好，真是抱歉"}' },
      { name: "attempts/abc/x y%.json", text: "{}" },
      { name: "users/abc.json", text: '{"line":"第一行\\n第二行"}' },
    ];
    expect(decodeRecords(concat(...records.map((r) => encodeRecord(r.name, r.text).bytes)))).toEqual(records);
  });

  it("stop at a record cut short, as the last one is when the power goes while it is being appended", () => {
    const whole = encodeRecord("a.json", '{"n":1}').bytes;
    const torn = encodeRecord("a.json", '{"n":2,"text":"漏水"}').bytes;
    for (let cut = 1; cut < torn.length; cut++) {
      expect(decodeRecords(concat(whole, torn.subarray(0, cut)))).toEqual([{ name: "a.json", text: '{"n":1}' }]);
    }
  });

  it("stop at a record whose payload does not match its checksum", () => {
    const first = encodeRecord("a.json", '{"n":1}').bytes;
    const damaged = Buffer.from(encodeRecord("a.json", '{"n":2}').bytes);
    damaged[damaged.length - 3] ^= 0x01; // one bit of the payload
    expect(decodeRecords(concat(first, damaged, encodeRecord("b.json", "{}").bytes))).toEqual([{ name: "a.json", text: '{"n":1}' }]);
  });

  it("give the payload's place, so the writer can write the file from the record's own bytes", () => {
    const { bytes, payloadStart } = encodeRecord("a.json", '{"漏水":true}');
    expect(Buffer.from(bytes.subarray(payloadStart, bytes.length - 1)).toString("utf8")).toBe('{"漏水":true}');
  });
});
