/**
 * Reed–Solomon error correction codewords for QR codes (ISO/IEC 18004):
 * arithmetic in GF(2^8) reduced by x^8 + x^4 + x^3 + x^2 + 1 (0x11D), with
 * the generator polynomial (x - α^0)(x - α^1)…(x - α^(n-1)), α = 2.
 */

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  // A doubled table spares a modulo in multiply().
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
}

export function multiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

/** The generator's coefficients, highest power first, leading 1 left out (length n). */
export function generator(n: number): Uint8Array {
  // Start from the polynomial 1 and multiply by (x - α^i) for each i; minus is plus in GF(2^8).
  let poly = new Uint8Array([1]);
  for (let i = 0; i < n; i++) {
    const next = new Uint8Array(poly.length + 1);
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j];
      next[j + 1] ^= multiply(poly[j], EXP[i]);
    }
    poly = next;
  }
  return poly.subarray(1);
}

/** The n error correction codewords of `data`: the remainder of data·x^n divided by the generator. */
export function eccCodewords(data: Uint8Array, n: number): Uint8Array {
  const gen = generator(n);
  const rem = new Uint8Array(n);
  for (const byte of data) {
    const factor = byte ^ rem[0];
    rem.copyWithin(0, 1);
    rem[n - 1] = 0;
    for (let i = 0; i < n; i++) rem[i] ^= multiply(gen[i], factor);
  }
  return rem;
}
