import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { compileLexicon, LexiconError, type Lexicon, type LexiconFiles } from "./lexicon";

const FILES: Array<keyof LexiconFiles> = ["listening", "empathy", "wording", "glossary", "moves"];

export function scoringDir(): string {
  return path.resolve(process.env.CONTENT_DIR || "content", "scoring");
}

/** Reads and compiles content/scoring/*.yaml. Throws LexiconError naming the file that is wrong. */
export function readLexicon(dir = scoringDir()): Lexicon {
  const raw = {} as Record<keyof LexiconFiles, unknown>;
  for (const name of FILES) {
    const file = path.join(dir, `${name}.yaml`);
    try {
      raw[name] = parseYaml(readFileSync(file, "utf8"));
    } catch (error) {
      throw new LexiconError(file, (error as Error).message);
    }
  }
  return compileLexicon(raw);
}

let cached: Lexicon | null = null;

/** The lexicon, read once per process. */
export function getLexicon(): Lexicon {
  cached ??= readLexicon();
  return cached;
}
