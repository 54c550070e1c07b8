/**
 * A QR code encoder for one job: a short text (WhatsApp's pairing link, about
 * 280 bytes) as a module matrix. Byte mode only, error correction L or M,
 * versions 1–20 (up to 858 bytes at L), written from ISO/IEC 18004: data
 * bits → codewords → Reed–Solomon blocks → interleave → zigzag placement →
 * the mask with the lowest penalty → format and version information.
 */
import { eccCodewords } from "./reed-solomon.ts";

export type EccLevel = "L" | "M";

/** A square of modules; true is dark. */
export interface QrMatrix {
  version: number;
  size: number;
  mask: number;
  modules: boolean[][];
}

export const MAX_VERSION = 20;

/** Per version 1–20: [error correction codewords per block, number of blocks] (ISO/IEC 18004 table 9). */
const BLOCKS: Record<EccLevel, [number, number][]> = {
  L: [
    [7, 1],
    [10, 1],
    [15, 1],
    [20, 1],
    [26, 1],
    [18, 2],
    [20, 2],
    [24, 2],
    [30, 2],
    [18, 4],
    [20, 4],
    [24, 4],
    [26, 4],
    [30, 4],
    [22, 6],
    [24, 6],
    [28, 6],
    [30, 6],
    [28, 7],
    [28, 8],
  ],
  M: [
    [10, 1],
    [16, 1],
    [26, 1],
    [18, 2],
    [24, 2],
    [16, 4],
    [18, 4],
    [22, 4],
    [22, 5],
    [26, 5],
    [30, 5],
    [22, 8],
    [22, 9],
    [24, 9],
    [24, 10],
    [28, 10],
    [28, 11],
    [26, 13],
    [26, 14],
    [26, 16],
  ],
};

/** The format information's two bits for each level. */
const LEVEL_BITS: Record<EccLevel, number> = { L: 0b01, M: 0b00 };

/** Row/column centres of the alignment patterns for versions 2–20 (annex E). */
const ALIGNMENT: number[][] = [
  [],
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
  [6, 30, 54],
  [6, 32, 58],
  [6, 34, 62],
  [6, 26, 46, 66],
  [6, 26, 48, 70],
  [6, 26, 50, 74],
  [6, 30, 54, 78],
  [6, 30, 56, 82],
  [6, 30, 58, 86],
  [6, 34, 62, 90],
];

export class QrTooLongError extends Error {}

/** Codewords (data + error correction) a version holds: its modules left after the function patterns, in bytes. */
export function totalCodewords(version: number): number {
  const size = 17 + 4 * version;
  let modules = size * size;
  modules -= 3 * 64 + 31; // three finders with separators, and the format information
  modules -= 2 * (size - 16); // the two timing patterns between the finders
  const n = ALIGNMENT[version].length;
  if (n) {
    modules -= 25 * (n * n - 3); // the alignment patterns that do not sit on a finder
    modules += 10 * (n - 2); // …of which those on a timing pattern share 5 modules with it, twice
  }
  if (version >= 7) modules -= 36; // two version information blocks
  return Math.floor(modules / 8);
}

export function dataCodewords(version: number, level: EccLevel): number {
  const [ecc, blocks] = BLOCKS[level][version - 1];
  return totalCodewords(version) - ecc * blocks;
}

/** How many bytes a version holds in byte mode. */
export function byteCapacity(version: number, level: EccLevel): number {
  const countBits = version <= 9 ? 8 : 16;
  return Math.floor((dataCodewords(version, level) * 8 - 4 - countBits) / 8);
}

/** The smallest version that holds `length` bytes. */
export function chooseVersion(length: number, level: EccLevel): number {
  for (let v = 1; v <= MAX_VERSION; v++) if (byteCapacity(v, level) >= length) return v;
  throw new QrTooLongError(
    `${length} bytes do not fit a QR code of version ${MAX_VERSION} at level ${level} ` +
      `(${byteCapacity(MAX_VERSION, level)} at most).`,
  );
}

/** Mode indicator, count, the bytes, terminator, padding to the version's data codewords. */
function dataBits(bytes: Uint8Array, version: number, level: EccLevel): Uint8Array {
  const out = new Uint8Array(dataCodewords(version, level));
  let bit = 0;
  const put = (value: number, width: number) => {
    for (let i = width - 1; i >= 0; i--, bit++) {
      if ((value >>> i) & 1) out[bit >> 3] |= 0x80 >> (bit & 7);
    }
  };
  put(0b0100, 4); // byte mode
  put(bytes.length, version <= 9 ? 8 : 16);
  for (const b of bytes) put(b, 8);
  // Up to four zero bits end the data, then zeros to a byte boundary (out is zero already).
  bit = Math.min(bit + 4, out.length * 8);
  let i = Math.ceil(bit / 8);
  for (let pad = 0xec; i < out.length; i++, pad ^= 0xec ^ 0x11) out[i] = pad;
  return out;
}

/** Split into blocks, add each block's error correction, interleave column by column. */
function withErrorCorrection(data: Uint8Array, version: number, level: EccLevel): Uint8Array {
  const [ecc, blocks] = BLOCKS[level][version - 1];
  const total = totalCodewords(version);
  const shortBlocks = blocks - (total % blocks);
  const shortData = Math.floor(total / blocks) - ecc;
  const dataBlocks: Uint8Array[] = [];
  const eccBlocks: Uint8Array[] = [];
  for (let b = 0, at = 0; b < blocks; b++) {
    const len = shortData + (b < shortBlocks ? 0 : 1);
    const block = data.subarray(at, at + len);
    at += len;
    dataBlocks.push(block);
    eccBlocks.push(eccCodewords(block, ecc));
  }
  const out: number[] = [];
  for (let i = 0; i <= shortData; i++) {
    for (const block of dataBlocks) if (i < block.length) out.push(block[i]);
  }
  for (let i = 0; i < ecc; i++) for (const block of eccBlocks) out.push(block[i]);
  return new Uint8Array(out);
}

/** The matrix with its function patterns drawn, and which modules they take. */
function functionPatterns(version: number): { dark: boolean[][]; reserved: boolean[][] } {
  const size = 17 + 4 * version;
  const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const set = (r: number, c: number, on: boolean) => {
    if (r < 0 || c < 0 || r >= size || c >= size) return;
    dark[r][c] = on;
    reserved[r][c] = true;
  };
  // Finders (7×7 rings around a 3×3 core) with their light separators.
  for (const [r0, c0] of [[0, 0], [0, size - 7], [size - 7, 0]]) {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        set(r0 + r, c0 + c, ring !== 2 && ring !== 4);
      }
    }
  }
  // Timing patterns: alternating, dark on even positions.
  for (let i = 8; i < size - 8; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  // Alignment patterns (5×5), except the three that would overlap a finder.
  const centres = ALIGNMENT[version];
  const onFinder = (r: number, c: number) => (r < 9 || r > size - 10) && (c < 9 || c > size - 10);
  for (const r of centres) {
    for (const c of centres) {
      if (onFinder(r, c) && !(r > size - 10 && c > size - 10)) continue;
      for (let dr = -2; dr <= 2; dr++) {
        for (let dc = -2; dc <= 2; dc++) {
          set(r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
        }
      }
    }
  }
  // Reserve the format information areas (filled after masking) and the dark module.
  for (let i = 0; i <= 8; i++) {
    if (!reserved[8][i]) set(8, i, false);
    if (!reserved[i][8]) set(i, 8, false);
  }
  for (let i = 0; i < 8; i++) {
    set(8, size - 1 - i, false);
    set(size - 1 - i, 8, false);
  }
  set(size - 8, 8, true);
  if (version >= 7) {
    for (let i = 0; i < 18; i++) {
      set(Math.floor(i / 3), size - 11 + (i % 3), false);
      set(size - 11 + (i % 3), Math.floor(i / 3), false);
    }
  }
  return { dark, reserved };
}

/** Codeword bits into the free modules: two-column strips from the right, up then down, column 6 skipped. */
function placeData(dark: boolean[][], reserved: boolean[][], codewords: Uint8Array): void {
  const size = dark.length;
  let bit = 0;
  let upward = true;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // the vertical timing pattern is not part of any strip
    for (let step = 0; step < size; step++) {
      const row = upward ? size - 1 - step : step;
      for (const col of [right, right - 1]) {
        if (reserved[row][col]) continue;
        // Modules past the last codeword (remainder bits) stay light.
        const on = bit < codewords.length * 8 &&
          ((codewords[bit >> 3] >> (7 - (bit & 7))) & 1) === 1;
        dark[row][col] = on;
        bit++;
      }
    }
    upward = !upward;
  }
}

/** The eight mask conditions; a data module where the condition holds is inverted. */
const MASKS: ((r: number, c: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

function applyMask(dark: boolean[][], reserved: boolean[][], mask: number): boolean[][] {
  const cond = MASKS[mask];
  return dark.map((row, r) => row.map((on, c) => (!reserved[r][c] && cond(r, c) ? !on : on)));
}

/** Remainder of value·x^bits divided by the BCH generator `poly` (degree `bits`). */
function bchRemainder(value: number, poly: number, bits: number): number {
  let v = value << bits;
  for (let i = 31 - Math.clz32(v); i >= bits; i--) if ((v >>> i) & 1) v ^= poly << (i - bits);
  return v;
}

/** Format information: level and mask, BCH(15,5), XOR 101010000010010; both copies. */
function drawFormat(dark: boolean[][], level: EccLevel, mask: number): void {
  const size = dark.length;
  const data = (LEVEL_BITS[level] << 3) | mask;
  const bits = ((data << 10) | bchRemainder(data, 0x537, 10)) ^ 0x5412;
  const bit = (i: number) => ((bits >>> i) & 1) === 1;
  // Bit 0 is the least significant. Copy 1 runs around the top-left finder.
  for (let i = 0; i <= 5; i++) dark[i][8] = bit(i);
  dark[7][8] = bit(6);
  dark[8][8] = bit(7);
  dark[8][7] = bit(8);
  for (let i = 9; i < 15; i++) dark[8][14 - i] = bit(i);
  // Copy 2: along row 8 under the top-right finder, then column 8 beside the bottom-left one.
  for (let i = 0; i < 8; i++) dark[8][size - 1 - i] = bit(i);
  for (let i = 8; i < 15; i++) dark[size - 15 + i][8] = bit(i);
  dark[size - 8][8] = true;
}

/** Version information (7 and up): the version, BCH(18,6), in two 6×3 blocks. */
function drawVersion(dark: boolean[][], version: number): void {
  if (version < 7) return;
  const size = dark.length;
  const bits = (version << 12) | bchRemainder(version, 0x1f25, 12);
  for (let i = 0; i < 18; i++) {
    const on = ((bits >>> i) & 1) === 1;
    const a = size - 11 + (i % 3);
    const b = Math.floor(i / 3);
    dark[b][a] = on;
    dark[a][b] = on;
  }
}

/** The penalty score of a finished matrix (ISO/IEC 18004 7.8.3): lower reads better. */
export function penalty(dark: boolean[][]): number {
  const size = dark.length;
  let score = 0;
  const lines: boolean[][] = [];
  for (let i = 0; i < size; i++) {
    lines.push(dark[i]);
    lines.push(dark.map((row) => row[i]));
  }
  // A finder-like 1:1:3:1:1 run with four light modules on one side.
  const finder = [true, false, true, true, true, false, true];
  for (const line of lines) {
    // Rule 1: runs of five or more modules of one colour.
    let run = 1;
    for (let i = 1; i <= size; i++) {
      if (i < size && line[i] === line[i - 1]) run++;
      else {
        if (run >= 5) score += run - 2;
        run = 1;
      }
    }
    // Rule 3.
    for (let i = 0; i + 7 <= size; i++) {
      if (!finder.every((v, k) => line[i + k] === v)) continue;
      const lightBefore = i >= 4 && [1, 2, 3, 4].every((k) => !line[i - k]);
      const lightAfter = i + 11 <= size && [0, 1, 2, 3].every((k) => !line[i + 7 + k]);
      if (lightBefore || lightAfter) score += 40;
    }
  }
  // Rule 2: 2×2 blocks of one colour.
  for (let r = 0; r + 1 < size; r++) {
    for (let c = 0; c + 1 < size; c++) {
      const v = dark[r][c];
      if (dark[r][c + 1] === v && dark[r + 1][c] === v && dark[r + 1][c + 1] === v) score += 3;
    }
  }
  // Rule 4: how far the share of dark modules is from half, in steps of 5%.
  const darkCount = dark.reduce((n, row) => n + row.filter(Boolean).length, 0);
  score += 10 * Math.floor(Math.abs((darkCount * 100) / (size * size) - 50) / 5);
  return score;
}

export interface EncodeOptions {
  level?: EccLevel;
  /** Force a mask (0–7) instead of choosing the one with the lowest penalty. */
  mask?: number;
}

export function encodeQr(text: string, opts: EncodeOptions = {}): QrMatrix {
  const level = opts.level ?? "L";
  const bytes = new TextEncoder().encode(text);
  const version = chooseVersion(bytes.length, level);
  const codewords = withErrorCorrection(dataBits(bytes, version, level), version, level);
  const { dark, reserved } = functionPatterns(version);
  placeData(dark, reserved, codewords);
  const finish = (mask: number) => {
    const m = applyMask(dark, reserved, mask);
    drawFormat(m, level, mask);
    drawVersion(m, version);
    return m;
  };
  let best = { mask: 0, modules: finish(0), score: Infinity };
  const masks = opts.mask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [opts.mask];
  for (const mask of masks) {
    const modules = finish(mask);
    const score = penalty(modules);
    if (score < best.score) best = { mask, modules, score };
  }
  return { version, size: dark.length, mask: best.mask, modules: best.modules };
}
