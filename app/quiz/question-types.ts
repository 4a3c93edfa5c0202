/**
 * The five question types and their option rules, for the bank parser and for the authoring pages alike. Kept
 * apart from bank.ts (which needs marked and yaml) so that the pages' browser code stays small.
 */

export const QUESTION_TYPES = ["single", "multiple", "truefalse", "order", "best-reply"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** How many options each type takes, least and most. */
export const OPTION_COUNT: Record<QuestionType, [number, number]> = {
  single: [3, 5],
  multiple: [4, 6],
  truefalse: [2, 2],
  order: [3, 6],
  "best-reply": [4, 4],
};
/** A true/false question's two options, in this order. */
export const TRUE_FALSE_WORDS = { "zh-CN": ["正确", "错误"], en: ["True", "False"] } as const;
