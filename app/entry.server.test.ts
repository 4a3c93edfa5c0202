import { createRequire } from "node:module";
import path from "node:path";
import { Writable } from "node:stream";
import { createElement } from "react";
import { describe, expect, it } from "vitest";

/**
 * The pages entry.server.tsx renders are mostly Chinese. react-dom 18.3's Node renderer fills 2 KB views with
 * TextEncoder.encodeInto, which stops before a character that does not fit, and then sent the whole view: one or
 * two NUL bytes in the page wherever a character fell on a view's boundary (inside a script or an attribute the
 * browser makes them U+FFFD). patches/react-dom+*.patch sends only the bytes written, as React fixed after 18.3
 * (react#26228; reported as react#24985 and #31134). Both builds are checked:
 * the server runs the production one, tests the development one.
 */
const require = createRequire(import.meta.url);
const cjs = path.join(path.dirname(require.resolve("react-dom/package.json")), "cjs");
type Renderer = typeof import("react-dom/server");
const builds: Record<string, Renderer> = {
  production: require(path.join(cjs, "react-dom-server.node.production.min.js")),
  development: require(path.join(cjs, "react-dom-server.node.development.js")),
};

function render(renderer: Renderer, element: ReturnType<typeof createElement>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
      final(done) {
        resolve(Buffer.concat(chunks));
        done();
      },
    });
    const { pipe } = renderer.renderToPipeableStream(element, { onAllReady: () => pipe(sink), onShellError: reject });
  });
}

describe("server-rendered HTML", () => {
  // 300 characters (900 bytes) a paragraph: short enough to be copied into the 2 KB view, so one paragraph lies
  // across a boundary; the ASCII before them moves that boundary through each byte of a character.
  const paragraph = "业主您好我是物业客服中心的小李请问有什么可以帮您".repeat(13).slice(0, 300);
  for (const [name, renderer] of Object.entries(builds)) {
    it(`keeps Chinese text whole across the renderer's buffer boundaries (${name} build)`, async () => {
      for (let shift = 0; shift < 3; shift++) {
        const element = createElement("div", null, "a".repeat(shift), ...[1, 2, 3, 4].map((n) => createElement("p", { key: n }, paragraph)));
        const html = await render(renderer, element);
        expect(html.includes(0), `shift ${shift}`).toBe(false);
        expect(html.toString("utf8")).toBe(`<div>${"a".repeat(shift)}${`<p>${paragraph}</p>`.repeat(4)}</div>`);
      }
    });
  }
});
