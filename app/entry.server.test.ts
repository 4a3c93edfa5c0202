import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderDocument } from "./entry.server";

/**
 * The pages are mostly Chinese. React 18's Node streaming renderer sent one or two NUL bytes wherever a character
 * fell on its 2 KB buffer boundary (react#24985); the entry renders with the web-streams build instead. This checks
 * the entry's own rendering with text laid across every byte of such a boundary.
 */
describe("server-rendered HTML", () => {
  // 300 characters (900 bytes) a paragraph; the ASCII before them moves each boundary through each byte of a character.
  const paragraph = "业主您好我是物业客服中心的小李请问有什么可以帮您".repeat(13).slice(0, 300);
  it("keeps Chinese text whole, with no NUL byte, wherever it falls", async () => {
    for (let shift = 0; shift < 3; shift++) {
      const element = createElement("div", null, "a".repeat(shift), ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => createElement("p", { key: n }, paragraph)));
      const { body, failed } = await renderDocument(element);
      const bytes = Buffer.from(await new Response(body).arrayBuffer());
      expect(failed).toBe(false);
      expect(bytes.includes(0), `shift ${shift}`).toBe(false);
      expect(bytes.toString("utf8")).toBe(`<div>${"a".repeat(shift)}${`<p>${paragraph}</p>`.repeat(8)}</div>`);
    }
  });
});
