import type { zhCN } from "./zh-CN";

type Catalog = typeof zhCN;

/** Every key of the Chinese catalog, each with the same parameters: what a translation must provide. */
export type Messages = {
  [K in keyof Catalog]: Catalog[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};
