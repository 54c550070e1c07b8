// deno-lint-ignore-file no-control-regex -- matching control characters is this file's purpose
/**
 * Text a remote party chose (a sender's name, a bot's username, an API's
 * error description) made safe to print on the owner's terminal or in a log
 * line. Such text must not move the cursor, clear the screen, set the
 * window title, fake a second log line, or reorder what is shown around it:
 * escape sequences are removed whole, line breaks and tabs become spaces,
 * and every other control character (C0, DEL, C1) and bidirectional
 * override is dropped. Ordinary letters of any script are kept.
 */

/** ESC sequences: CSI (ESC [ … final), OSC/DCS/PM/APC/SOS strings (up to BEL or ST), 2-byte escapes. */
const ESCAPE_SEQUENCE = new RegExp(
  [
    "\\x1b\\[[0-?]*[ -/]*[@-~]", // CSI: colours, cursor moves, erase screen
    "\\x9b[0-?]*[ -/]*[@-~]", // the same with the 8-bit CSI
    "[\\x1b][\\]PX^_][\\s\\S]*?(?:\\x07|\\x1b\\\\|$)", // OSC (title, hyperlinks), DCS, …
    "[\\x90\\x9d\\x98\\x9e\\x9f][\\s\\S]*?(?:\\x07|\\x9c|$)", // their 8-bit forms
    "\\x1b[\\s\\S]?", // any other escape: ESC and the byte after it
  ].join("|"),
  "g",
);

/** Line and paragraph breaks of any kind, and tabs: shown as one space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/** C0, DEL, C1, and the bidi embeddings, overrides, isolates and marks. */
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(BREAKS, " ").replace(CONTROLS, "");
}
