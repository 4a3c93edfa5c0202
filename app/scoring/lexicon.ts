import { z } from "zod";
import { normalisePhrase } from "./text";
import { WHOLE_REPLY_RULES, type Dimension } from "./types";
import { actModelSchema, compileActModel, type CompiledActModel } from "./act-model";
import { actsFileSchema, classesFileSchema, compileActs, compileClasses, compilePattern, type CompiledAct } from "./acts";

/**
 * The scoring lexicon: the schema of content/scoring/*.yaml, checked on load, and its compiled form with every
 * phrase normalised like a reply. Pure: the files are read by lexicon-files.server.ts.
 */

const localised = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** The shape of a phrase entry (moves and rules extend it); only its type is used, by compileEntry. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a schema kept for the type it infers
const phraseEntryShape = z.object({
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
    emptyReply: ruleText,
    truncated: ruleText.extend({ maxChars: z.number().int().positive() }),
    genericEcho: ruleText.extend({ minChars: z.number().int().positive() }),
    /** The owner's content words taken up in the reply: points for each, up to `atMost`. */
    ownerWords: ruleText.extend({ atMost: z.number().int().positive() }),
    /** The owner's own question (when, whether anyone is coming …), answered by one of the acts named, or not. */
    question: z.object({
      answered: ruleText,
      unanswered: ruleText.omit({ suggestion: true }),
      kinds: z.array(
        z.object({
          name: localised,
          /** Patterns on the owner's normalised line that make it this kind of question. */
          asks: z.array(z.string().min(1)).min(1),
          answeredBy: z.array(z.string().min(1)).min(1),
          suggestion: z.string().min(1),
          /** A wording that fits what this owner asked about (a reply from the manager, a repair's date): the first match wins. */
          suggestionsByOwner: z.array(z.object({ owner: z.array(z.string().min(1)).min(1), suggestion: z.string().min(1) })).default([]),
        }),
      ),
      /**
       * Sentences of the owner's that note an answer already given (几点给答复你也说了): they ask nothing, whatever
       * question words they hold.
       */
      settled: z.array(z.string().min(1)).default([]),
      /** Questions answered in their own words, whatever their kind: a pattern on the owner's line, one on the reply. */
      answeredInOwnWords: z.array(z.object({ owner: z.string().min(1), reply: z.string().min(1) })).default([]),
    }),
  }),
  solutionMarkers: z.array(z.string().min(1)),
  askMarkers: z.array(z.string().min(1)),
  askTopics: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  /** The question a trainer would ask for each ask topic, shown as the better wording when it was not asked. */
  askSuggestions: z.record(z.string(), z.string().min(1)).default({}),
  topics: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  topicNames: z.record(z.string(), z.string().min(1)),
  factSynonyms: z.array(z.array(z.string().min(1)).min(2)),
  /** Words every line has (我们, 什么, 已经 …): not the owner's content, so echoing them shows nothing. */
  functionWords: z.array(z.string().min(1)),
});

export const empathyFileSchema = z.object({
  base: z.number().int().min(0).max(100),
  rules: z.object({
    upsetNoFeeling: ruleText.omit({ points: true }).extend({
      levels: z.array(z.object({ emotionAtLeast: z.number().min(0).max(100), points: z.number().int() })).min(1),
    }),
    canned: ruleText,
  }),
});

export const wordingFileSchema = z.object({
  base: z.number().int().min(0).max(100),
  rules: z.object({
    noCourtesy: ruleText,
    jargonExplained: ruleText,
    jargon: ruleText,
    causeWithoutMeasure: ruleText,
  }),
});

export const glossaryFileSchema = z.object({
  terms: z.array(z.object({ term: z.string().min(1), plain: z.array(z.string().min(1)).min(1), note: z.string().min(1) })),
});

const moveEffect = z.object({ points: z.number().int(), message: localised, suggestion: z.string().optional() });
const requiredMoveEffect = moveEffect.extend({
  /** General rules this finding stands in for when the move is missing: they do not fire as well. */
  replaces: z.array(z.enum(WHOLE_REPLY_RULES)).default([]),
});
const forbiddenMoveEffect = moveEffect.extend({
  /** Required moves this fault is the opposite of (sweeping the scene undoes keeping it): one finding, not two. */
  undoes: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).default([]),
});

export const movesFileSchema = z.object({
  negations: z.array(z.string().min(1)),
  madeRequired: ruleText,
  moves: z.array(
    z
      .object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
        name: localised,
        dimension: z.enum(["listening", "empathy", "wording"]),
        phrases: z.array(z.string().min(1)).default([]),
        /** Patterns may use word classes ({NEG}, {STAFF} …) as in acts.yaml. */
        patterns: z.array(z.string().min(1)).default([]),
        except: z.array(z.string().min(1)).default([]),
        /** The move is made whenever one of these acts (acts.yaml) is recognised, in any wording. */
        acts: z.array(z.string().min(1)).default([]),
        /** A negation shortly before the phrase, in the same clause, cancels the match. */
        negatable: z.boolean().default(false),
        /** Recognised exactly as that move (its phrases, patterns, exceptions, acts): one rule, a requirement of its own. */
        sameAs: z.string().optional(),
        required: requiredMoveEffect.optional(),
        forbidden: forbiddenMoveEffect.optional(),
        note: z.string().min(1),
        example: z.string().min(1),
      })
      .strict(),
  ),
});

export interface LexiconFiles {
  classes: z.infer<typeof classesFileSchema>;
  acts: z.infer<typeof actsFileSchema>;
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
  acts: string[];
  /** Exceptions written as patterns (a warning of what forcing the doors would do is not telling them to). */
  exceptPatterns: RegExp[];
  name: { zh: string; en: string };
  dimension: Dimension;
  required?: z.infer<typeof requiredMoveEffect>;
  forbidden?: z.infer<typeof forbiddenMoveEffect>;
}

export interface Lexicon {
  files: LexiconFiles;
  /** Word classes, each word normalised, longest first. */
  classes: Map<string, string[]>;
  acts: CompiledAct[];
  /** The trained recogniser beside the patterns (act-model.json), if there is one. */
  actModel: CompiledActModel | null;
  /** Words that turn what follows in the clause around (the class NEG). */
  negations: string[];
  /** Words that refuse what was just named (the class DISAVOW): a fault named to rule it out is not the fault. */
  disavowals: string[];
  listening: {
    solutionMarkers: string[];
    askMarkers: string[];
    askTopics: Map<string, string[]>;
    askSuggestions: Map<string, string>;
    topics: Map<string, string[]>;
    /** Each topic's name in the English messages. */
    topicNames: Map<string, string>;
    factSynonyms: string[][];
    functionWords: string[];
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

type PhraseEntry = z.infer<typeof phraseEntryShape>;

function compileEntry(entry: PhraseEntry, file: string, matchedOtherwise = false): CompiledEntry {
  const patterns = entry.patterns.map((source) => {
    try {
      return new RegExp(source, "g");
    } catch (error) {
      throw new LexiconError(file, `entry ${entry.id}: bad pattern ${source}: ${(error as Error).message}`);
    }
  });
  if (entry.phrases.length === 0 && patterns.length === 0 && !matchedOtherwise) throw new LexiconError(file, `entry ${entry.id} has no phrases or patterns`);
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

type RawMove = z.infer<typeof movesFileSchema>["moves"][number];

/** What recognises a move: its own words, or those of the move it is `sameAs` (which must be recognised by its own). */
function recognitionOf(move: RawMove, all: readonly RawMove[]): Partial<Pick<RawMove, "phrases" | "patterns" | "except" | "acts" | "negatable">> {
  if (move.sameAs === undefined) return {};
  const fail = (why: string) => new LexiconError("moves.yaml", `move ${move.id}: sameAs ${move.sameAs}: ${why}`);
  if (move.phrases.length + move.patterns.length + move.except.length + move.acts.length > 0 || move.negatable)
    throw fail("takes its words from that move, so it has no phrases, patterns, except, acts or negatable of its own");
  const same = all.find((m) => m.id === move.sameAs);
  if (!same) throw fail("no such move");
  if (same.sameAs !== undefined) throw fail(`that move is itself sameAs ${same.sameAs}; name the move with the words`);
  return { phrases: same.phrases, patterns: same.patterns, except: same.except, acts: same.acts, negatable: same.negatable };
}

/** Each ask topic's own question; one for a topic that is not an ask topic is a typo, and refused. */
function askSuggestionsOf(listening: z.infer<typeof listeningFileSchema>): Map<string, string> {
  const stray = Object.keys(listening.askSuggestions).filter((topic) => !(topic in listening.askTopics));
  if (stray.length) throw new LexiconError("content/scoring/listening.yaml", `askSuggestions names no ask topic: ${stray.join(", ")}`);
  return new Map(Object.entries(listening.askSuggestions));
}

/** Every topic's English name; a topic without one is refused, so no Chinese key shows in an English message. */
function englishTopicNames(listening: z.infer<typeof listeningFileSchema>): Map<string, string> {
  const unnamed = [...Object.keys(listening.askTopics), ...Object.keys(listening.topics)].filter((topic) => !listening.topicNames[topic]);
  if (unnamed.length) throw new LexiconError("content/scoring/listening.yaml", `topicNames has no English name for ${[...new Set(unnamed)].join(", ")}`);
  return new Map(Object.entries(listening.topicNames));
}

/** Checks the raw file contents (as parsed from YAML) and compiles them. Throws LexiconError naming the file. */
export function compileLexicon(raw: Record<keyof LexiconFiles, unknown>, rawActModel?: unknown): Lexicon {
  const parse = <T extends z.ZodTypeAny>(name: keyof LexiconFiles, schema: T): z.infer<T> => {
    const result = schema.safeParse(raw[name]);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new LexiconError(`content/scoring/${name}.yaml`, problems);
    }
    return result.data;
  };
  const files: LexiconFiles = {
    classes: parse("classes", classesFileSchema),
    acts: parse("acts", actsFileSchema),
    listening: parse("listening", listeningFileSchema),
    empathy: parse("empathy", empathyFileSchema),
    wording: parse("wording", wordingFileSchema),
    glossary: parse("glossary", glossaryFileSchema),
    moves: parse("moves", movesFileSchema),
  };
  const { listening, glossary, moves } = files;
  const classes = compileClasses(files.classes);
  let acts: CompiledAct[];
  try {
    acts = compileActs(files.acts, classes);
  } catch (error) {
    throw new LexiconError("content/scoring/acts.yaml", (error as Error).message);
  }
  let actModel: CompiledActModel | null = null;
  if (rawActModel !== undefined) {
    const result = actModelSchema.safeParse(rawActModel);
    if (!result.success)
      throw new LexiconError("content/scoring/act-model.json", result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    actModel = compileActModel(result.data, normaliseAll(listening.functionWords));
    const unknown = actModel.acts.find((id) => !acts.some((a) => a.id === id));
    if (unknown) throw new LexiconError("content/scoring/act-model.json", `unknown act "${unknown}" (see acts.yaml); retrain with npm run acts:train`);
  }
  return {
    files,
    classes,
    acts,
    actModel,
    negations: classes.get("NEG") ?? [],
    disavowals: classes.get("DISAVOW") ?? [],
    listening: {
      solutionMarkers: normaliseAll(listening.solutionMarkers),
      askMarkers: normaliseAll(listening.askMarkers),
      askTopics: new Map(Object.entries(listening.askTopics).map(([k, v]) => [k, normaliseAll(v)])),
      askSuggestions: askSuggestionsOf(listening),
      topics: new Map(Object.entries(listening.topics).map(([k, v]) => [k, normaliseAll(v)])),
      topicNames: englishTopicNames(listening),
      factSynonyms: listening.factSynonyms.map(normaliseAll),
      functionWords: normaliseAll(listening.functionWords),
    },
    glossary: glossary.terms.map((t) => ({ term: normalisePhrase(t.term), plain: normaliseAll(t.plain) })),
    moves: moves.moves.map((ownMove) => {
      const move = { ...ownMove, ...recognitionOf(ownMove, moves.moves) };
      const entry = compileEntry(
        { ...move, patterns: [], wholeWord: false, points: 0, also: [], message: { zh: move.id, en: move.id } },
        "moves.yaml",
        move.patterns.length + move.acts.length > 0,
      );
      const unknownAct = move.acts.find((a) => !acts.some((act) => act.id === a));
      if (unknownAct) throw new LexiconError("moves.yaml", `move ${move.id}: unknown act "${unknownAct}" (see acts.yaml)`);
      const unknownUndone = move.forbidden?.undoes.find((id) => !moves.moves.some((m) => m.id === id));
      if (unknownUndone) throw new LexiconError("moves.yaml", `move ${move.id}: undoes an unknown move "${unknownUndone}"`);
      let patterns: RegExp[];
      let exceptPatterns: RegExp[];
      const isPattern = (p: string) => /[\\{(|[.*+^$]/.test(p);
      try {
        patterns = move.patterns.map((p) => compilePattern(p, classes, `move ${move.id}`));
        exceptPatterns = move.except.filter(isPattern).map((p) => compilePattern(p, classes, `move ${move.id}`));
      } catch (error) {
        throw new LexiconError("moves.yaml", (error as Error).message);
      }
      const negations = move.negatable ? normaliseAll(moves.negations) : [];
      const except = normaliseAll(move.except.filter((p) => !isPattern(p)));
      return {
        ...entry,
        except,
        patterns,
        exceptPatterns,
        negations,
        acts: move.acts,
        name: move.name,
        dimension: move.dimension,
        required: move.required,
        forbidden: move.forbidden,
      };
    }),
  };
}
