import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseYaml } from "~/utils/yaml";
import { compileLexicon, LexiconError, type Lexicon, type LexiconFiles } from "./lexicon";

const FILES: Array<keyof LexiconFiles> = ["classes", "acts", "listening", "empathy", "wording", "glossary", "moves"];

export function scoringDir(): string {
  return path.resolve(process.env.CONTENT_DIR || "content", "scoring");
}

/**
 * Reads and compiles content/scoring/*.yaml and act-model.json. Throws LexiconError naming the file that is wrong. `extraMoves` names
 * a file of further moves (a draft scenario's own, checked before they join moves.yaml).
 */
export function readLexicon(dir = scoringDir(), extraMoves?: string): Lexicon {
  const raw = {} as Record<keyof LexiconFiles, unknown>;
  const read = (file: string) => {
    try {
      return parseYaml(readFileSync(file, "utf8"));
    } catch (error) {
      throw new LexiconError(file, (error as Error).message);
    }
  };
  for (const name of FILES) raw[name] = read(path.join(dir, `${name}.yaml`));
  if (extraMoves) {
    const extra = read(extraMoves) as { moves?: unknown[] };
    const moves = raw.moves as { moves: unknown[] };
    raw.moves = { ...moves, moves: [...moves.moves, ...(extra.moves ?? [])] };
  }
  // The trained act recogniser is optional: without it the patterns of acts.yaml work alone.
  const modelFile = path.join(dir, "act-model.json");
  let model: unknown;
  if (existsSync(modelFile)) {
    try {
      model = JSON.parse(readFileSync(modelFile, "utf8"));
    } catch (error) {
      throw new LexiconError(modelFile, (error as Error).message);
    }
  }
  return compileLexicon(raw, model);
}

let cached: Lexicon | null = null;

/** The lexicon, read once per process. */
export function getLexicon(): Lexicon {
  cached ??= readLexicon();
  return cached;
}
