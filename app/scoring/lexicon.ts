import { z } from "zod";
import { normalisePhrase } from "./text";
import { WHOLE_REPLY_RULES, type Dimension } from "./types";

/**
 * The scoring lexicon: the schema of content/scoring/*.yaml, checked on load, and its compiled form with every
 * phrase normalised like a reply. Pure: the files are read by lexicon-files.server.ts.
 */

const localised = z.object({ zh: z.string().min(1), en: z.string().min(1) });

const phraseEntry = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  phrases: z.array(z.string().min(1)).default([]),
  patterns: z.array(z.string().min(1)).default([]),
  except: z.array(z.string().min(1)).default([]),
  wholeWord: z.boolean().default(false),
  points: z.number().int(),
  maxCount: z.number().int().positive().optional(),
  /** The same finding also moves another dimension (blaming is an empathy fault and poor wording too). */
  also: z.array(z.object({ dimension: z.enum(["listening", "empathy", "wording"]), points: z.number().int() })).default([]),
  message: localised,
  suggestion: z.string().optional(),
  note: z.string().min(1),
  example: z.string().min(1),
});

const ruleText = z.object({ points: z.number().int(), message: localised, suggestion: z.string().optional() });

export const listeningFileSchema = z.object({
  base: z.number().int().min(0).max(100),
  rules: z.object({
    factConfirmed: ruleText,
    factMissing: ruleText,
    askAsked: ruleText,
    askMissing: ruleText,
    topicEchoed: ruleText,
    topicMissed: ruleText,
    solutionJump: ruleText,
    tooShort: ruleText.extend({ minChars: z.number().int().positive() }),
    emptyReply: ruleText,
    truncated: ruleText.extend({ maxChars: z.number().int().positive() }),
    genericEcho: ruleText.extend({ minChars: z.number().int().positive() }),
  }),
  confirmations: z.array(phraseEntry),
  cues: z.array(phraseEntry),
  solutionMarkers: z.array(z.string().min(1)),
  askMarkers: z.array(z.string().min(1)),
  askTopics: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  topics: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  topicNames: z.record(z.string(), z.string().min(1)),
  factSynonyms: z.array(z.array(z.string().min(1)).min(2)),
});

export const empathyFileSchema = z.object({
  base: z.number().int().min(0).max(100),
  rules: z.object({
    upsetNoFeeling: ruleText.omit({ points: true }).extend({
      levels: z.array(z.object({ emotionAtLeast: z.number().min(0).max(100), points: z.number().int() })).min(1),
    }),
    canned: ruleText,
  }),
  strengths: z.array(phraseEntry),
  issues: z.array(phraseEntry),
});

export const wordingFileSchema = z.object({
  base: z.number().int().min(0).max(100),
  rules: z.object({
    noCourtesy: ruleText,
    jargonExplained: ruleText,
    jargon: ruleText,
    structure: ruleText.extend({ causeMarkers: z.array(z.string().min(1)), measureMarkers: z.array(z.string().min(1)) }),
    causeWithoutMeasure: ruleText,
  }),
  polite: z.array(phraseEntry),
  concrete: z.array(phraseEntry),
  issues: z.array(phraseEntry),
  taboos: z.array(phraseEntry),
});

export const glossaryFileSchema = z.object({
  terms: z.array(z.object({ term: z.string().min(1), plain: z.array(z.string().min(1)).min(1), note: z.string().min(1) })),
});

const moveEffect = z.object({ points: z.number().int(), message: localised, suggestion: z.string().optional() });
const requiredMoveEffect = moveEffect.extend({
  /** General rules this finding stands in for when the move is missing: they do not fire as well. */
  replaces: z.array(z.enum(WHOLE_REPLY_RULES)).default([]),
});

export const movesFileSchema = z.object({
  negations: z.array(z.string().min(1)),
  madeRequired: ruleText,
  moves: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
      name: localised,
      dimension: z.enum(["listening", "empathy", "wording"]),
      phrases: z.array(z.string().min(1)).default([]),
      patterns: z.array(z.string().min(1)).default([]),
      except: z.array(z.string().min(1)).default([]),
      /** A negation shortly before the phrase, in the same clause, cancels the match. */
      negatable: z.boolean().default(false),
      required: requiredMoveEffect.optional(),
      forbidden: moveEffect.optional(),
      note: z.string().min(1),
      example: z.string().min(1),
    }),
  ),
});

export interface LexiconFiles {
  listening: z.infer<typeof listeningFileSchema>;
  empathy: z.infer<typeof empathyFileSchema>;
  wording: z.infer<typeof wordingFileSchema>;
  glossary: z.infer<typeof glossaryFileSchema>;
  moves: z.infer<typeof movesFileSchema>;
}

/** An entry ready to match: phrases and exceptions normalised, patterns compiled. */
export interface CompiledEntry {
  id: string;
  phrases: string[];
  patterns: RegExp[];
  except: string[];
  wholeWord: boolean;
  /** Negation words that cancel a match when they stand just before it in the same clause. */
  negations: string[];
  points: number;
  maxCount: number;
  also: Array<{ dimension: Dimension; points: number }>;
  message: { zh: string; en: string };
  suggestion?: string;
}

export interface CompiledMove extends CompiledEntry {
  name: { zh: string; en: string };
  dimension: Dimension;
  required?: z.infer<typeof requiredMoveEffect>;
  forbidden?: z.infer<typeof moveEffect>;
}

export interface Lexicon {
  files: LexiconFiles;
  listening: {
    confirmations: CompiledEntry[];
    cues: CompiledEntry[];
    solutionMarkers: string[];
    askMarkers: string[];
    askTopics: Map<string, string[]>;
    topics: Map<string, string[]>;
    /** Each topic's name in the English messages. */
    topicNames: Map<string, string>;
    factSynonyms: string[][];
  };
  empathy: { strengths: CompiledEntry[]; issues: CompiledEntry[] };
  wording: {
    polite: CompiledEntry[];
    concrete: CompiledEntry[];
    issues: CompiledEntry[];
    taboos: CompiledEntry[];
    causeMarkers: string[];
    measureMarkers: string[];
  };
  glossary: Array<{ term: string; plain: string[] }>;
  moves: CompiledMove[];
}

export class LexiconError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "LexiconError";
  }
}

const normaliseAll = (list: readonly string[]) => [...new Set(list.map(normalisePhrase).filter(Boolean))];

function compileEntry(entry: z.infer<typeof phraseEntry>, file: string): CompiledEntry {
  const patterns = entry.patterns.map((source) => {
    try {
      return new RegExp(source, "g");
    } catch (error) {
      throw new LexiconError(file, `entry ${entry.id}: bad pattern ${source}: ${(error as Error).message}`);
    }
  });
  if (entry.phrases.length === 0 && patterns.length === 0) throw new LexiconError(file, `entry ${entry.id} has no phrases or patterns`);
  return {
    id: entry.id,
    phrases: normaliseAll(entry.phrases),
    patterns,
    except: normaliseAll(entry.except),
    wholeWord: entry.wholeWord,
    negations: [],
    points: entry.points,
    maxCount: entry.maxCount ?? (entry.points < 0 ? 2 : 1),
    also: entry.also,
    message: entry.message,
    suggestion: entry.suggestion,
  };
}

/** Every topic's English name; a topic without one is refused, so no Chinese key shows in an English message. */
function englishTopicNames(listening: z.infer<typeof listeningFileSchema>): Map<string, string> {
  const unnamed = [...Object.keys(listening.askTopics), ...Object.keys(listening.topics)].filter((topic) => !listening.topicNames[topic]);
  if (unnamed.length) throw new LexiconError("content/scoring/listening.yaml", `topicNames has no English name for ${[...new Set(unnamed)].join(", ")}`);
  return new Map(Object.entries(listening.topicNames));
}

/** Checks the raw file contents (as parsed from YAML) and compiles them. Throws LexiconError naming the file. */
export function compileLexicon(raw: Record<keyof LexiconFiles, unknown>): Lexicon {
  const parse = <T extends z.ZodTypeAny>(name: keyof LexiconFiles, schema: T): z.infer<T> => {
    const result = schema.safeParse(raw[name]);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new LexiconError(`content/scoring/${name}.yaml`, problems);
    }
    return result.data;
  };
  const files: LexiconFiles = {
    listening: parse("listening", listeningFileSchema),
    empathy: parse("empathy", empathyFileSchema),
    wording: parse("wording", wordingFileSchema),
    glossary: parse("glossary", glossaryFileSchema),
    moves: parse("moves", movesFileSchema),
  };
  const ids = new Set<string>();
  const compileAll = (entries: Array<z.infer<typeof phraseEntry>>, file: string) =>
    entries.map((e) => {
      if (ids.has(e.id)) throw new LexiconError(file, `entry id ${e.id} is used twice`);
      ids.add(e.id);
      return compileEntry(e, file);
    });
  const { listening, empathy, wording, glossary, moves } = files;
  return {
    files,
    listening: {
      confirmations: compileAll(listening.confirmations, "listening.yaml"),
      cues: compileAll(listening.cues, "listening.yaml"),
      solutionMarkers: normaliseAll(listening.solutionMarkers),
      askMarkers: normaliseAll(listening.askMarkers),
      askTopics: new Map(Object.entries(listening.askTopics).map(([k, v]) => [k, normaliseAll(v)])),
      topics: new Map(Object.entries(listening.topics).map(([k, v]) => [k, normaliseAll(v)])),
      topicNames: englishTopicNames(listening),
      factSynonyms: listening.factSynonyms.map(normaliseAll),
    },
    empathy: { strengths: compileAll(empathy.strengths, "empathy.yaml"), issues: compileAll(empathy.issues, "empathy.yaml") },
    wording: {
      polite: compileAll(wording.polite, "wording.yaml"),
      concrete: compileAll(wording.concrete, "wording.yaml"),
      issues: compileAll(wording.issues, "wording.yaml"),
      taboos: compileAll(wording.taboos, "wording.yaml"),
      causeMarkers: normaliseAll(wording.rules.structure.causeMarkers),
      measureMarkers: normaliseAll(wording.rules.structure.measureMarkers),
    },
    glossary: glossary.terms.map((t) => ({ term: normalisePhrase(t.term), plain: normaliseAll(t.plain) })),
    moves: moves.moves.map((move) => {
      const entry = compileEntry(
        { ...move, wholeWord: false, points: 0, also: [], message: { zh: move.id, en: move.id } },
        "moves.yaml",
      );
      const negations = move.negatable ? normaliseAll(moves.negations) : [];
      return { ...entry, negations, name: move.name, dimension: move.dimension, required: move.required, forbidden: move.forbidden };
    }),
  };
}
