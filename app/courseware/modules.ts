/** The six courseware modules' stable slugs, in teaching order. URLs, progress, quizzes and reports rely on them. */
export const MODULE_SLUGS = [
  "service-overview",
  "core-process",
  "communication-skills",
  "tools-and-systems",
  "problem-handling",
  "evaluation-and-improvement",
] as const;

export type ModuleSlug = (typeof MODULE_SLUGS)[number];
