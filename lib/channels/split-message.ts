/**
 * A reply longer than the platform takes in one message is sent in parts,
 * cut at the best boundary in reach: a blank line, a line end, a sentence
 * end, a space; a hard cut only for text without any. Every channel's
 * replier uses this with its platform's limit.
 */

/** Boundaries tried in order; each keeps its separator with the piece before it. */
const BOUNDARIES = [/\n\s*\n/g, /\n/g, /[.!?…。](?=\s)/g, /\s/g];

/** `text` in pieces of at most `limit`, cut at the best boundary in the back half of each. */
export function splitMessage(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) parts.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest || parts.length === 0) parts.push(rest);
  return parts;
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit);
  for (const re of BOUNDARIES) {
    let best = -1;
    for (const m of window.matchAll(re)) best = m.index + m[0].length;
    // A boundary in the first half would leave tiny messages; try a weaker one instead.
    if (best > limit / 2) return best;
  }
  // No boundary: a hard cut, never between the two halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
