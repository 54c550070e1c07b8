/**
 * The terminal QR code is read back by a real decoder (zbarimg, Debian's
 * zbar-tools): the half-block text is turned back into pixels exactly as a
 * terminal shows it, written as a PGM image and decoded. Checking the
 * encoder's output against itself would prove nothing.
 */
import assert from "node:assert/strict";
import { byteCapacity, encodeQr, totalCodewords } from "../../lib/platform/qr/encode.ts";
import { eccCodewords } from "../../lib/platform/qr/reed-solomon.ts";
import { renderQr } from "../../lib/platform/qr/terminal.ts";
import { tempDir } from "../helpers/host.ts";

const ZBARIMG = "/usr/bin/zbarimg";
const hasZbar = await Deno.stat(ZBARIMG).then(() => true, () => false);
if (!hasZbar) {
  console.error(
    "qr_test: zbarimg is missing (apt-get install zbar-tools); the decoding tests are skipped.",
  );
}

/** Pixels from the rendered text: each character is one module wide and two tall. */
function pixelsFromText(text: string): boolean[][] {
  // deno-lint-ignore no-control-regex
  const lines = text.replace(/\x1b\[[0-9;]*m/g, "").replace(/\n$/, "").split("\n");
  const rows: boolean[][] = [];
  for (const line of lines) {
    const chars = [...line];
    rows.push(chars.map((ch) => ch === "█" || ch === "▀"));
    rows.push(chars.map((ch) => ch === "█" || ch === "▄"));
  }
  return rows;
}

/** A binary PGM (dark modules black), each module `scale` pixels, with a wide white border. */
function pgm(rows: boolean[][], scale = 4, border = 8): Uint8Array {
  const w = (rows[0].length + 2 * border) * scale;
  const h = (rows.length + 2 * border) * scale;
  const header = new TextEncoder().encode(`P5\n${w} ${h}\n255\n`);
  const body = new Uint8Array(w * h).fill(255);
  rows.forEach((row, r) =>
    row.forEach((on, c) => {
      if (!on) return;
      for (let y = 0; y < scale; y++) {
        const at = ((r + border) * scale + y) * w + (c + border) * scale;
        body.fill(0, at, at + scale);
      }
    })
  );
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}

/** Decode several codes with one zbarimg run (one output line per image, in order). */
async function decodeAll(texts: string[]): Promise<string[]> {
  await using dir = await tempDir();
  const files: string[] = [];
  for (const [i, text] of texts.entries()) {
    files.push(`${dir.path}/qr-${i}.pgm`);
    await Deno.writeFile(files[i], pgm(pixelsFromText(text)));
  }
  const out = await new Deno.Command(ZBARIMG, {
    args: ["--quiet", ...files],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  assert.equal(out.code, 0, `zbarimg could not read every code: ${dec.decode(out.stderr)}`);
  // One "QR-Code:<text>" line per image (none of the texts holds a newline).
  return dec.decode(out.stdout).replace(/\n$/, "").split("\n").map((l) =>
    l.replace(/^QR-Code:/, "")
  );
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** A pairing link shaped like Baileys 7's: wa.me link, ref, three base64 keys, platform id. */
function pairingLink(): string {
  const b64 = (n: number) =>
    btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(n))));
  const ref = `2@${b64(75)}`;
  return `https://wa.me/settings/linked_devices#${[ref, b64(32), b64(32), b64(32), "1"].join(",")}`;
}

Deno.test("qr: Reed–Solomon of the standard's worked example (1-M, '01234567')", () => {
  // ISO/IEC 18004 annex I: the 16 data codewords of "01234567" at 1-M and their 10 EC codewords.
  const data = new Uint8Array([
    0x10,
    0x20,
    0x0c,
    0x56,
    0x61,
    0x80,
    0xec,
    0x11,
    0xec,
    0x11,
    0xec,
    0x11,
    0xec,
    0x11,
    0xec,
    0x11,
  ]);
  assert.deepEqual(
    [...eccCodewords(data, 10)],
    [0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55],
  );
});

Deno.test("qr: codeword counts and byte capacities match the standard's tables", () => {
  assert.deepEqual([1, 2, 7, 10, 14, 20].map(totalCodewords), [26, 44, 196, 346, 581, 1085]);
  assert.deepEqual([1, 10, 12, 20].map((v) => byteCapacity(v, "L")), [17, 271, 367, 858]);
  assert.deepEqual([1, 10, 15, 20].map((v) => byteCapacity(v, "M")), [14, 213, 412, 666]);
});

Deno.test({
  name: "qr: a decoder reads every size used, each mask, and a WhatsApp pairing link",
  ignore: !hasZbar,
  async fn() {
    const cases: [string, { level?: "L" | "M"; mask?: number }][] = [
      ["hello", {}],
      ["https://example.com/a", { level: "M" }],
    ];
    for (let mask = 0; mask < 8; mask++) cases.push([`mask ${mask}: openclaw`, { mask }]);
    // One text per version 1–20 at L, each just past the previous version's capacity.
    for (let v = 1; v <= 20; v++) {
      const n = v === 1 ? 10 : byteCapacity(v - 1, "L") + 1;
      cases.push([Array.from({ length: n }, (_, i) => "abcdefghij"[i % 10]).join(""), {}]);
    }
    const link = pairingLink();
    cases.push([link, {}], [link, { level: "M" }], ["Grüße ✓ ünïcödé", {}]);
    const versions = cases.map(([text, opts]) => {
      const qr = encodeQr(text, opts);
      if (opts.mask !== undefined) assert.equal(qr.mask, opts.mask);
      return qr.version;
    });
    assert.deepEqual([...new Set(versions)].sort((a, b) => a - b), range(1, 20));
    const decoded = await decodeAll(cases.map(([text, opts]) => renderQr(text, opts)));
    assert.deepEqual(decoded, cases.map(([text]) => text));
  },
});

Deno.test("qr: the pairing link fits a terminal 80 columns wide", () => {
  const text = renderQr(pairingLink(), { plain: true });
  const width = Math.max(...text.split("\n").map((l) => [...l].length));
  assert.ok(width <= 80, `${width} columns`);
  assert.match(text, /[▄▀█]{5,}/);
});
