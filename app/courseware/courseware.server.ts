import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Marked } from "marked";
import { parseYaml } from "~/utils/yaml";
import { z } from "zod";
import type { Lang } from "~/i18n/lang";
import { renderMarkdown, splitHeadingAnchor } from "./markdown.server";
import { readingMinutes } from "./reading-time";
import { MODULE_SLUGS, type ModuleSlug } from "./modules";

export interface CoursewareSection {
  id: string;
  title: string;
  /** Its `### Title {#id}` parts, which a scenario's "learn more" may point at directly. */
  parts: Array<{ id: string; title: string }>;
  /** The section rendered on the server, its heading included; raw HTML in the markdown has been escaped. */
  html: string;
}

export interface CoursewareModule {
  slug: ModuleSlug;
  order: number;
  title: string;
  summary: string;
  minutes: number;
  objectives: string[];
  /** Anything before the first section, rendered. */
  introHtml: string;
  sections: CoursewareSection[];
  /** The markdown body, for checks that look for required terms. */
  markdown: string;
}

export class CoursewareError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "CoursewareError";
  }
}

const frontMatterSchema = z.object({
  slug: z.enum(MODULE_SLUGS),
  order: z.number().int().min(1).max(6),
  title: z.string().min(1),
  summary: z.string().min(1),
  objectives: z.array(z.string().min(1)).min(2),
});

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/;

/** Parses one courseware file; throws CoursewareError naming the file and the problem. */
export function parseModule(text: string, file: string): CoursewareModule {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new CoursewareError(file, "missing front matter between --- lines");
  let meta: unknown;
  try {
    meta = parseYaml(match[1]);
  } catch (error) {
    throw new CoursewareError(file, `front matter is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = frontMatterSchema.safeParse(meta);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "front matter"}: ${i.message}`);
    throw new CoursewareError(file, issues.join("; "));
  }
  const markdown = match[2];
  const chunks: Array<{ id: string; title: string; raw: string; parts: Array<{ id: string; title: string }> }> = [];
  let intro = "";
  for (const token of new Marked().lexer(markdown)) {
    if (token.type === "heading" && token.depth === 2) {
      const { text: title, id } = splitHeadingAnchor(token.text);
      if (!id) throw new CoursewareError(file, `section "${token.text}" has no {#id} anchor`);
      if (chunks.some((s) => s.id === id)) throw new CoursewareError(file, `section id "${id}" is used twice`);
      chunks.push({ id, title, raw: token.raw, parts: [] });
    } else if (chunks.length && token.type === "heading" && token.depth === 3 && splitHeadingAnchor(token.text).id) {
      const { text: title, id } = splitHeadingAnchor(token.text);
      chunks[chunks.length - 1].parts.push({ id: id!, title });
      chunks[chunks.length - 1].raw += token.raw;
    } else if (chunks.length) {
      chunks[chunks.length - 1].raw += token.raw;
    } else {
      intro += token.raw;
    }
  }
  const sections = chunks.map(({ id, title, raw, parts }) => ({ id, title, parts, html: renderMarkdown(raw) }));
  if (sections.length < 2) throw new CoursewareError(file, "a module needs at least two ## sections");
  if (sections[sections.length - 1].id !== "key-points") {
    throw new CoursewareError(file, 'the last section must be "key-points" (要点)');
  }
  // The reading time is the text's, not a number someone typed: it cannot drift from what is written.
  return { ...parsed.data, minutes: readingMinutes(markdown), introHtml: intro.trim() ? renderMarkdown(intro) : "", sections, markdown };
}

export function coursewareDir(): string {
  return path.resolve(process.env.CONTENT_DIR || "content", "courseware");
}

const FILE_FOR_LANG: Record<Lang, string> = { "zh-CN": "zh-CN.md", en: "en.md" };

/**
 * Reads and checks all modules in both languages: every slug present, each file's slug matching its folder,
 * the orders 1–6 once each, and the English sections identical to the Chinese ones.
 */
export function loadAllCourseware(dir = coursewareDir()): Record<Lang, CoursewareModule[]> {
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const result: Record<Lang, CoursewareModule[]> = { "zh-CN": [], en: [] };
  for (const slug of MODULE_SLUGS) {
    if (!folders.includes(slug)) throw new CoursewareError(path.join(dir, slug), "module folder is missing");
    for (const lang of Object.keys(FILE_FOR_LANG) as Lang[]) {
      const file = path.join(dir, slug, FILE_FOR_LANG[lang]);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        throw new CoursewareError(file, "file is missing");
      }
      const module = parseModule(text, file);
      if (module.slug !== slug) throw new CoursewareError(file, `slug "${module.slug}" does not match its folder "${slug}"`);
      result[lang].push(module);
    }
  }
  for (const lang of Object.keys(result) as Lang[]) {
    result[lang].sort((a, b) => a.order - b.order);
    const orders = result[lang].map((m) => m.order).join(",");
    if (orders !== "1,2,3,4,5,6") throw new CoursewareError(path.join(dir, "*", FILE_FOR_LANG[lang]), `orders must be 1–6 once each, found ${orders}`);
  }
  for (const zh of result["zh-CN"]) {
    const en = result.en.find((m) => m.slug === zh.slug)!;
    const zhIds = zh.sections.map((s) => s.id).join(",");
    const enIds = en.sections.map((s) => s.id).join(",");
    if (zhIds !== enIds) {
      throw new CoursewareError(path.join(dir, zh.slug, "en.md"), `sections [${enIds}] differ from zh-CN.md [${zhIds}]`);
    }
  }
  return result;
}

let cache: Record<Lang, CoursewareModule[]> | null = null;

/** The courseware, read once per process (content ships with the build). */
export function getCourseware(lang: Lang): CoursewareModule[] {
  cache ??= loadAllCourseware();
  return cache[lang];
}

export function getModule(slug: string, lang: Lang): CoursewareModule | null {
  return getCourseware(lang).find((m) => m.slug === slug) ?? null;
}
