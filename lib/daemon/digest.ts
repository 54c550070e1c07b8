/**
 * Telling our own service file from one edited by hand. Every file openclaw
 * writes carries a digest of its other lines; if the digest still matches,
 * the file is exactly as openclaw wrote it and may be replaced silently. If
 * not, someone edited it: show the difference and ask before replacing.
 *
 * FNV-1a is enough here: this detects edits, it does not defend against
 * anyone (whoever can write the file can also rewrite the digest).
 */

const MARK = "openclaw-digest:";

export function digestOf(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The line that carries the digest, given the comment syntax of the file. */
export function digestLine(body: string, comment: (text: string) => string): string {
  return comment(`${MARK} ${digestOf(body)}`);
}

/** Remove the digest line; return the rest and the digest it named. */
export function splitDigest(text: string): { body: string; digest?: string } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(MARK));
  if (i < 0) return { body: text };
  const m = lines[i].match(/openclaw-digest:\s*([0-9a-f]{8})/);
  lines.splice(i, 1);
  return { body: lines.join("\n"), digest: m?.[1] };
}

export type FileOrigin = "ours" | "edited" | "foreign";

/** "ours": unchanged since openclaw wrote it; "edited": ours, then changed; "foreign": never ours. */
export function fileOrigin(text: string): FileOrigin {
  const { body, digest } = splitDigest(text);
  if (digest === undefined) return "foreign";
  return digestOf(body) === digest ? "ours" : "edited";
}
