import { weightedQuality } from "./dynamics";
import type { ScenarioScript, Turn } from "./script";

/**
 * Which of a turn's suggested replies are examples of what not to say. The script gives each suggestion the
 * scores it is meant to earn; one whose scores, weighted as the turn weighs them (a safety step by its
 * instruction, not its sympathy), fall below the scenario's pass marks weighted the same way was written as a
 * counter-example. Decided here, on the server: the page only shows the two lists it is given.
 */
export function isCounterExample(suggestion: Turn["suggestions"][number], turn: Pick<Turn, "assess">, pass: ScenarioScript["pass"]): boolean {
  return weightedQuality(suggestion.scores, turn.assess) < weightedQuality(pass, turn.assess);
}

/** A turn's suggestions split into replies to use and counter-examples, each with its index in the script. */
export function sortSuggestions(turn: Turn, pass: ScenarioScript["pass"]) {
  const indexed = turn.suggestions.map((suggestion, index) => ({ index, suggestion }));
  return {
    usable: indexed.filter((s) => !isCounterExample(s.suggestion, turn, pass)),
    counterExamples: indexed.filter((s) => isCounterExample(s.suggestion, turn, pass)),
  };
}
