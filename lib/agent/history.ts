/**
 * History cut to the model's context budget. Tokens are estimated at four
 * characters each (close enough for English and code; a provider that counts
 * more answers "too long", which errors.ts turns into "send /new"). The newest
 * messages are kept, and the history starts with a user message, as the
 * Anthropic API requires.
 */
import type { TranscriptLine } from "./sessions.ts";

/** Share of the context window the history may fill; the rest is system prompt, tools, answer. */
const HISTORY_SHARE = 0.6;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function cutHistory(
  lines: TranscriptLine[],
  contextTokens: number,
  systemPrompt: string,
): TranscriptLine[] {
  let budget = Math.floor(contextTokens * HISTORY_SHARE) - estimateTokens(systemPrompt);
  let start = lines.length;
  while (start > 0) {
    const cost = estimateTokens(lines[start - 1].text) + 4;
    if (cost > budget) break;
    budget -= cost;
    start--;
  }
  while (start < lines.length && lines[start].role !== "user") start++;
  return lines.slice(start);
}
