/**
 * Batch scoring for trainers: `npm run --silent score < replies.jsonl`.
 * Reads JSON lines on stdin ({"text": "...", "owner": "...", "facts": [[...]], "ask": [...]}; all but text optional)
 * and writes exactly one JSON line per input line, in order: the scores and findings, or {"error": "..."}.
 * Exits 0 unless stdin cannot be read.
 */
import { createInterface } from "node:readline";
import { z } from "zod";
import { readLexicon } from "./lexicon-files.server";
import { createReplyScorer } from "./score-reply";

const inputSchema = z.object({
  text: z.string(),
  owner: z.string().optional(),
  facts: z.array(z.array(z.string())).optional(),
  ask: z.array(z.string()).optional(),
  emotion: z.number().min(0).max(100).optional(),
  requiredMoves: z.array(z.string()).optional(),
  forbiddenMoves: z.array(z.string()).optional(),
});

export function scoreLine(line: string, score: ReturnType<typeof createReplyScorer>): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ error: `not valid JSON: ${(error as Error).message}` });
  }
  const parsed = inputSchema.safeParse(value);
  if (!parsed.success) {
    return JSON.stringify({ error: parsed.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; ") });
  }
  const { text, ...turn } = parsed.data;
  const result = score(text, turn);
  return JSON.stringify({
    listening: result.listening,
    empathy: result.empathy,
    wording: result.wording,
    findings: result.findings.map(({ dimension, rule, kind, delta, start, end, message, suggestion }) => ({
      dimension,
      rule,
      kind,
      delta,
      start,
      end,
      message,
      ...(suggestion ? { suggestion } : {}),
    })),
  });
}

async function main() {
  let answer: (line: string) => string;
  try {
    const score = createReplyScorer(readLexicon());
    answer = (line) => scoreLine(line, score);
  } catch (error) {
    // A broken lexicon file: every line gets the same error, so the output still lines up with the input.
    const message = JSON.stringify({ error: `lexicon: ${(error as Error).message}` });
    answer = () => message;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    process.stdout.write(`${answer(line)}\n`);
  }
}

process.stdin.on("error", (error) => {
  console.error(`cannot read stdin: ${error.message}`);
  process.exit(1);
});

main().catch((error) => {
  console.error(`cannot read stdin: ${(error as Error).message}`);
  process.exit(1);
});
