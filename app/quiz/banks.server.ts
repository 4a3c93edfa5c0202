import { readFileSync } from "node:fs";
import path from "node:path";
import { getCourseware } from "~/courseware/courseware.server";
import { MODULE_SLUGS, type ModuleSlug } from "~/courseware/modules";
import type { Lang } from "~/i18n/lang";
import { checkTranslation, parseBank, QuizBankError, type Bank } from "./bank";

export function quizzesDir(): string {
  return path.resolve(process.env.CONTENT_DIR || "content", "quizzes");
}

/**
 * Reads and checks every bank: each parses, English mirrors Chinese, and every explanation links to a courseware
 * section that exists. Throws QuizBankError naming the file and the question.
 */
export function loadAllBanks(dir = quizzesDir()): Record<Lang, Record<ModuleSlug, Bank>> {
  const result = { "zh-CN": {}, en: {} } as Record<Lang, Record<ModuleSlug, Bank>>;
  const courseware = getCourseware("zh-CN");
  for (const slug of MODULE_SLUGS) {
    const files = { "zh-CN": path.join(dir, slug, "zh-CN.md"), en: path.join(dir, slug, "en.md") };
    for (const lang of ["zh-CN", "en"] as const) {
      let text: string;
      try {
        text = readFileSync(files[lang], "utf8");
      } catch {
        throw new QuizBankError(files[lang], null, "file is missing");
      }
      const bank = parseBank(text, files[lang], lang);
      if (bank.module !== slug) throw new QuizBankError(files[lang], null, `module "${bank.module}" does not match its folder "${slug}"`);
      for (const q of bank.questions) {
        const module = courseware.find((m) => m.slug === q.source.module);
        if (!module?.sections.some((s) => s.id === q.source.section)) {
          throw new QuizBankError(files[lang], q.id, `the explanation links to /learn/${q.source.module}#${q.source.section}, which does not exist`);
        }
      }
      result[lang][slug] = bank;
    }
    checkTranslation(result["zh-CN"][slug], result.en[slug], files.en);
  }
  return result;
}

let cache: ReturnType<typeof loadAllBanks> | null = null;

export function getBanks(lang: Lang): Record<ModuleSlug, Bank> {
  cache ??= loadAllBanks();
  return cache[lang];
}
