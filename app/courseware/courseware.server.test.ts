import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CoursewareError, loadAllCourseware, parseModule } from "./courseware.server";
import { MODULE_SLUGS } from "./modules";

const all = loadAllCourseware();

/** What the training material says each module must teach, verbatim. */
const REQUIRED_ZH: Record<string, string[]> = {
  "core-process": ["10分钟", "30分钟", "每2小时", "24小时", "5分制", "首问责任制", "倾听-共情-解决方案"],
  "communication-skills": ["问题-原因-措施", "倾听-共情-解决方案", "配电箱跳闸", "低压断路器脱扣", "我们会协助您联系相关部门处理", "呼吸调节法"],
  "problem-handling": ["初步止损→专业维修→后续跟进", "受理-处理-反馈", "30分钟"],
  "evaluation-and-improvement": ["收集-处理-回复"],
};
const REQUIRED_EN: Record<string, string[]> = {
  "core-process": ["10 minutes", "30 minutes", "every 2 hours", "24 hours", "5-point scale", "首问责任制", "倾听-共情-解决方案"],
  "communication-skills": ["问题-原因-措施", "倾听-共情-解决方案"],
  "problem-handling": ["初步止损→专业维修→后续跟进", "受理-处理-反馈"],
  "evaluation-and-improvement": ["收集-处理-回复"],
};

describe("the courseware", () => {
  it("has all six modules in both languages, in order", () => {
    for (const lang of ["zh-CN", "en"] as const) {
      expect(all[lang].map((m) => m.slug)).toEqual([...MODULE_SLUGS]);
    }
  });

  it.each(Object.entries(REQUIRED_ZH))("teaches the figures and methods of %s in Chinese", (slug, terms) => {
    const module = all["zh-CN"].find((m) => m.slug === slug)!;
    for (const term of terms) expect(module.markdown, `${slug} zh-CN lacks ${term}`).toContain(term);
  });

  it.each(Object.entries(REQUIRED_EN))("teaches the figures and methods of %s in English", (slug, terms) => {
    const module = all.en.find((m) => m.slug === slug)!;
    for (const term of terms) expect(module.markdown, `${slug} en lacks ${term}`).toContain(term);
  });

  it("has the same sections in English as in Chinese, each ending with the key points", () => {
    for (const zh of all["zh-CN"]) {
      const en = all.en.find((m) => m.slug === zh.slug)!;
      expect(en.sections.map((s) => s.id)).toEqual(zh.sections.map((s) => s.id));
      expect(zh.sections.at(-1)!.id).toBe("key-points");
    }
  });

  it("teaches by example: every module shows good and bad practice", () => {
    for (const module of all["zh-CN"]) {
      expect(module.markdown, module.slug).toMatch(/✓/);
      expect(module.markdown, module.slug).toMatch(/✗/);
    }
  });

  it("gives sections and subheadings stable anchors", () => {
    const module = all["zh-CN"].find((m) => m.slug === "core-process")!;
    expect(module.sections[0].html).toContain('<h2 id="reception-registration">');
    expect(module.sections[0].html).not.toContain("{#");
  });
});

describe("parseModule", () => {
  const good = (body: string) => `---\nslug: core-process\norder: 2\ntitle: 标题\nsummary: 摘要\nminutes: 10\nobjectives:\n  - 一\n  - 二\n---\n${body}`;

  it("escapes raw HTML and drops unsafe links", () => {
    const module = parseModule(good("## 一 {#one}\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n## 要点 {#key-points}\n\n- a\n"), "x.md");
    expect(module.sections[0].html).toContain("&lt;script&gt;");
    expect(module.sections[0].html).not.toContain("<script>");
    expect(module.sections[0].html).not.toContain("javascript:");
  });

  it("names the file and the problem when a section has no anchor", () => {
    expect(() => parseModule(good("## 没有锚点\n\n## 要点 {#key-points}\n"), "content/courseware/x/zh-CN.md")).toThrow(
      /content\/courseware\/x\/zh-CN\.md: section "没有锚点" has no \{#id\} anchor/,
    );
  });

  it("refuses bad front matter", () => {
    expect(() => parseModule("---\nslug: nope\n---\n## a {#a}\n", "y.md")).toThrow(CoursewareError);
    expect(() => parseModule("no front matter", "z.md")).toThrow(/z\.md: missing front matter/);
  });

  it("refuses an English version whose sections differ", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "courseware-"));
    cpSync(path.resolve("content/courseware"), dir, { recursive: true });
    const file = path.join(dir, "core-process", "en.md");
    writeFileSync(file, good("## One {#one}\n\n## Key points {#key-points}\n").replace("order: 2", "order: 2"));
    expect(() => loadAllCourseware(dir)).toThrow(/core-process\/en\.md: sections/);
  });
});
