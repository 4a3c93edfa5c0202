/** Orders names the way a Chinese reader looks them up: by pinyin (李 before 刘 before 张), numbers by value. */
export const compareNames = new Intl.Collator("zh-CN", { numeric: true }).compare;

/** A list of people (or teams) as it is shown: by name, in pinyin order. */
export function sortedByName<T>(list: readonly T[], name: (item: T) => string): T[] {
  return [...list].sort((a, b) => compareNames(name(a), name(b)));
}
