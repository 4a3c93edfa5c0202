import { Marked, type Tokens } from "marked";
import { escapeHtml } from "~/utils/html";

/** `## Title {#some-id}` → title "Title", id "some-id". */
export function splitHeadingAnchor(raw: string): { text: string; id: string | null } {
  const match = /^(.*?)\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/.exec(raw);
  return match ? { text: match[1], id: match[2] } : { text: raw, id: null };
}

const SAFE_HREF = /^(https?:\/\/|\/(?!\/)|#|mailto:)/i;

/**
 * Renders trusted-but-editable markdown (courseware, quiz explanations) to HTML:
 * raw HTML is shown as text, links may only go to http(s), site paths or anchors,
 * and headings get stable ids: the explicit `{#id}`, else the enclosing section's id plus an ordinal.
 */
export function renderMarkdown(markdown: string): string {
  let sectionId = "top";
  let ordinal = 0;
  const marked = new Marked({
    gfm: true,
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      heading({ tokens, depth, text }: Tokens.Heading) {
        const { id: explicit } = splitHeadingAnchor(text);
        let inner = this.parser.parseInline(tokens);
        inner = inner.replace(/\s*\{#[a-z0-9-]+\}\s*$/, "");
        let id: string;
        if (depth <= 2 && explicit) {
          sectionId = explicit;
          ordinal = 0;
          id = explicit;
        } else {
          id = explicit ?? `${sectionId}-${++ordinal}`;
        }
        return `<h${depth} id="${escapeHtml(id)}">${inner}</h${depth}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const text = this.parser.parseInline(tokens);
        if (!SAFE_HREF.test(href)) return text;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
        return `<a href="${escapeHtml(href)}"${titleAttr}>${text}</a>`;
      },
      image({ text }: Tokens.Image) {
        // Courseware ships no images yet; show the alt text rather than load anything from elsewhere.
        return escapeHtml(text);
      },
    },
  });
  return marked.parse(markdown, { async: false }) as string;
}
