/**
 * RFC 6455 frame layout: decoding a client frame's header (so its payload
 * length is known — and judged — before a byte of the payload is read) and
 * encoding the server's unmasked frames.
 */

export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export interface FrameHead {
  fin: boolean;
  opcode: number;
  /** Bytes of header, including the 4-byte mask. */
  headLength: number;
  /** Payload bytes announced by the header (may exceed any limit: judge before reading). */
  payloadLength: number;
}

/** Why a frame is refused (close code and reason). */
export class FrameError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/**
 * The header at buf[at..end), or null while it is incomplete. Throws
 * FrameError for a frame no client may send (unmasked, reserved bits,
 * unknown opcode, fragmented or long control frame).
 */
export function decodeFrameHead(buf: Uint8Array, at: number, end: number): FrameHead | null {
  if (end - at < 2) return null;
  const b0 = buf[at];
  const b1 = buf[at + 1];
  const fin = (b0 & 0x80) !== 0;
  const opcode = b0 & 0x0f;
  if (b0 & 0x70) throw new FrameError(1002, "reserved bits set");
  if (!(b1 & 0x80)) throw new FrameError(1002, "client frames must be masked");
  if (opcode > 0xa || (opcode > 0x2 && opcode < 0x8)) throw new FrameError(1002, "unknown opcode");
  const len7 = b1 & 0x7f;
  if (opcode >= 0x8 && (!fin || len7 > 125)) throw new FrameError(1002, "bad control frame");
  const extra = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
  const headLength = 2 + extra + 4;
  if (end - at < headLength) return null;
  let payloadLength = len7;
  if (len7 === 126) payloadLength = (buf[at + 2] << 8) | buf[at + 3];
  else if (len7 === 127) {
    const view = new DataView(buf.buffer, buf.byteOffset + at + 2, 8);
    // Lengths past 2^53 cannot be represented, and are over every limit anyway.
    payloadLength = view.getUint32(0) * 2 ** 32 + view.getUint32(4);
  }
  return { fin, opcode, headLength, payloadLength };
}

/** Unmask a payload in place (the mask is the 4 bytes before it). */
export function unmask(buf: Uint8Array, maskAt: number, from: number, to: number): void {
  const m0 = buf[maskAt], m1 = buf[maskAt + 1], m2 = buf[maskAt + 2], m3 = buf[maskAt + 3];
  let i = from;
  for (; i + 3 < to; i += 4) {
    buf[i] ^= m0;
    buf[i + 1] ^= m1;
    buf[i + 2] ^= m2;
    buf[i + 3] ^= m3;
  }
  const mask = [m0, m1, m2, m3];
  for (let k = 0; i < to; i++, k++) buf[i] ^= mask[k];
}

const encoder = new TextEncoder();

/** A text frame, encoded straight into the frame (no second copy of the payload). */
export function encodeTextFrame(text: string): Uint8Array {
  // UTF-8 takes at most 3 bytes per UTF-16 unit; the header is sized for that bound.
  const bound = text.length * 3;
  if (bound >= 65536) return encodeFrame(OPCODE.text, encoder.encode(text));
  const headLength = bound < 126 ? 2 : 4;
  const out = new Uint8Array(headLength + bound);
  const n = encoder.encodeInto(text, out.subarray(headLength)).written;
  out[0] = 0x80 | OPCODE.text;
  if (n < 126) {
    // RFC 6455 wants the shortest length form: move a short payload up to a 2-byte head.
    if (headLength === 4) out.copyWithin(2, 4, 4 + n);
    out[1] = n;
    return out.subarray(0, 2 + n);
  }
  out[1] = 126;
  out[2] = n >> 8;
  out[3] = n & 0xff;
  return out.subarray(0, 4 + n);
}

/** A complete unmasked server frame (FIN set). */
export function encodeFrame(opcode: number, payload: Uint8Array): Uint8Array {
  const n = payload.length;
  const extra = n < 126 ? 0 : n < 65536 ? 2 : 8;
  const out = new Uint8Array(2 + extra + n);
  out[0] = 0x80 | opcode;
  if (extra === 0) out[1] = n;
  else if (extra === 2) {
    out[1] = 126;
    out[2] = n >> 8;
    out[3] = n & 0xff;
  } else {
    out[1] = 127;
    const view = new DataView(out.buffer, 2, 8);
    view.setUint32(0, Math.floor(n / 2 ** 32));
    view.setUint32(4, n >>> 0);
  }
  out.set(payload, 2 + extra);
  return out;
}

/** A close frame's payload: the code, then a reason cut to fit the 125-byte control limit. */
export function closePayload(code: number, reason: string): Uint8Array {
  let r = encoder.encode(reason);
  if (r.length > 123) r = r.subarray(0, 123);
  const out = new Uint8Array(2 + r.length);
  out[0] = code >> 8;
  out[1] = code & 0xff;
  out.set(r, 2);
  return out;
}
