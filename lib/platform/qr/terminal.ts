/**
 * A QR code drawn in a terminal: two module rows per text line with the
 * half-block characters ▀ ▄ █, inside a light quiet zone. The colours are set
 * explicitly (black on white) because a code drawn in the terminal's own
 * colours comes out inverted on a dark theme, which many phone scanners do
 * not read.
 */
import { type EncodeOptions, encodeQr, type QrMatrix } from "./encode.ts";

/** Light modules around the code; the standard asks for 4, scanners read a screen with 2. */
export const QUIET_ZONE = 2;

const BLACK_ON_WHITE = "\x1b[30;47m";
const RESET = "\x1b[0m";

export interface RenderOptions {
  /** Leave out the colour codes (tests, and files). */
  plain?: boolean;
}

export function renderMatrix(qr: QrMatrix, opts: RenderOptions = {}): string {
  const n = qr.size + 2 * QUIET_ZONE;
  const dark = (r: number, c: number) => {
    const rr = r - QUIET_ZONE;
    const cc = c - QUIET_ZONE;
    return rr >= 0 && cc >= 0 && rr < qr.size && cc < qr.size && qr.modules[rr][cc];
  };
  const lines: string[] = [];
  for (let r = 0; r < n; r += 2) {
    let line = "";
    for (let c = 0; c < n; c++) {
      const top = dark(r, c);
      const bottom = r + 1 < n && dark(r + 1, c);
      line += top ? (bottom ? "█" : "▀") : bottom ? "▄" : " ";
    }
    lines.push(opts.plain ? line : `${BLACK_ON_WHITE}${line}${RESET}`);
  }
  return lines.join("\n") + "\n";
}

export function renderQr(text: string, opts: RenderOptions & EncodeOptions = {}): string {
  return renderMatrix(encodeQr(text, opts), opts);
}
