import { describe, expect, it } from "vitest";
import { zhCN } from "~/i18n/zh-CN";
import { formValues, readForm } from "./forms.server";

const post = (body: BodyInit, type: string) =>
  new Request("http://localhost/practice/angry-owner", { method: "POST", headers: { "Content-Type": type }, body });

async function refusedStatus(request: Request): Promise<number> {
  try {
    await readForm(request, zhCN);
    return 200;
  } catch (thrown) {
    return (thrown as Response).status;
  }
}

describe("readForm", () => {
  it("reads an urlencoded form, Chinese text and repeated names included", async () => {
    const body = new URLSearchParams([
      ["text", "刘女士您好，<b>漏水</b> & 断电"],
      ["text", "second"],
      ["turn", "2"],
    ]).toString();
    expect(formValues(await readForm(post(body, "application/x-www-form-urlencoded; charset=UTF-8"), zhCN))).toEqual({
      text: "刘女士您好，<b>漏水</b> & 断电",
      turn: "2",
    });
  });

  it("reads a multipart form", async () => {
    const form = new FormData();
    form.append("text", "您好");
    const request = new Request("http://localhost/x", { method: "POST", body: form });
    expect(formValues(await readForm(request, zhCN))).toEqual({ text: "您好" });
  });

  it("refuses other content types (415), bodies over 64 KB (413) and bytes that are not UTF-8 (400)", async () => {
    expect(await refusedStatus(post('{"text":"x"}', "application/json"))).toBe(415);
    expect(await refusedStatus(post(`text=${"a".repeat(70 * 1024)}`, "application/x-www-form-urlencoded"))).toBe(413);
    expect(await refusedStatus(post(new Uint8Array([0x74, 0x3d, 0xff, 0xfe]), "application/x-www-form-urlencoded"))).toBe(400);
  });
});
