import { en } from "./en";
import type { Lang } from "./lang";
import { zhCN } from "./zh-CN";

import type { Messages } from "./catalog-type";

export type { Messages };

export type MessageKey = keyof Messages;

export const catalogs: Record<Lang, Messages> = { "zh-CN": zhCN, en };

export function messagesFor(lang: Lang): Messages {
  return catalogs[lang];
}
