/**
 * A raw TCP peer for transport tests: write any bytes (a forged Host, a
 * half-sent header, a hand-built WebSocket frame) and read what the gateway
 * answers, byte for byte, with a deadline on every read.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class RawTcp implements Disposable {
  private buffered: Uint8Array = new Uint8Array(0);
  /** Set once the server closed its side (a read returned EOF or the connection reset). */
  ended = false;

  private constructor(readonly conn: Deno.TcpConn) {}

  static async open(port: number): Promise<RawTcp> {
    return new RawTcp(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  /** Write everything; false when the server has closed or reset the connection. */
  async write(data: string | Uint8Array): Promise<boolean> {
    let bytes = typeof data === "string" ? encoder.encode(data) : data;
    try {
      while (bytes.length > 0) bytes = bytes.subarray(await this.conn.write(bytes));
      return true;
    } catch {
      return false;
    }
  }

  /** Read one chunk within the deadline: the bytes, null at EOF/reset, "timeout" otherwise. */
  private async readChunk(deadline: number): Promise<Uint8Array | null | "timeout"> {
    const buf = new Uint8Array(64 * 1024);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((r) => {
      timer = setTimeout(() => r("timeout"), Math.max(1, deadline - Date.now()));
    });
    const read = this.conn.read(buf).then(
      (n) => (n === null ? null : buf.slice(0, n)),
      () => null,
    );
    const got = await Promise.race([read, timeout]);
    clearTimeout(timer);
    if (got === "timeout") {
      // The pending read must not outlive the test: closing the socket settles it.
      this.conn.close();
      this.ended = true;
      await read;
      return "timeout";
    }
    if (got === null) this.ended = true;
    return got;
  }

  /** Read until `n` bytes are buffered (or EOF/timeout); returns what is buffered. */
  async readAtLeast(n: number, timeoutMs = 3000): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    while (this.buffered.length < n && !this.ended) {
      const chunk = await this.readChunk(deadline);
      if (chunk === "timeout" || chunk === null) break;
      this.buffered = concat(this.buffered, chunk);
    }
    return this.buffered;
  }

  /** Read an HTTP response head; the rest stays buffered. */
  async readHead(timeoutMs = 3000): Promise<{ status: number; headers: Headers; raw: string }> {
    const deadline = Date.now() + timeoutMs;
    let end = -1;
    while ((end = indexOfCrlfCrlf(this.buffered)) < 0 && !this.ended) {
      const chunk = await this.readChunk(deadline);
      if (chunk === "timeout" || chunk === null) break;
      this.buffered = concat(this.buffered, chunk);
    }
    if (end < 0) throw new Error(`no response head (got ${JSON.stringify(this.text())})`);
    const raw = decoder.decode(this.buffered.subarray(0, end));
    this.buffered = this.buffered.slice(end + 4);
    const [statusLine, ...lines] = raw.split("\r\n");
    const headers = new Headers();
    for (const l of lines) {
      const i = l.indexOf(":");
      headers.append(l.slice(0, i).trim(), l.slice(i + 1).trim());
    }
    return { status: Number(statusLine.split(" ")[1]), headers, raw };
  }

  /** Everything until the server closes (or the deadline); "timeout" if it never closed. */
  async readToEnd(timeoutMs = 3000): Promise<Uint8Array | "timeout"> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      const chunk = await this.readChunk(deadline);
      if (chunk === "timeout") return "timeout";
      if (chunk === null) break;
      this.buffered = concat(this.buffered, chunk);
    }
    const all = this.buffered;
    this.buffered = new Uint8Array(0);
    return all;
  }

  /** Read one (unmasked) server frame. */
  async readFrame(
    timeoutMs = 3000,
  ): Promise<{ fin: boolean; opcode: number; payload: Uint8Array }> {
    await this.readAtLeast(2, timeoutMs);
    const b = this.buffered;
    if (b.length < 2) throw new Error("no frame (connection ended)");
    const len7 = b[1] & 0x7f;
    const headLength = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0);
    await this.readAtLeast(headLength, timeoutMs);
    const view = new DataView(this.buffered.buffer, this.buffered.byteOffset);
    const length = len7 === 126
      ? view.getUint16(2)
      : len7 === 127
      ? Number(view.getBigUint64(2))
      : len7;
    const all = await this.readAtLeast(headLength + length, timeoutMs);
    if (all.length < headLength + length) throw new Error("truncated frame");
    const frame = {
      fin: (all[0] & 0x80) !== 0,
      opcode: all[0] & 0x0f,
      payload: all.slice(headLength, headLength + length),
    };
    this.buffered = all.slice(headLength + length);
    return frame;
  }

  text(): string {
    return decoder.decode(this.buffered);
  }

  [Symbol.dispose]() {
    try {
      this.conn.close();
    } catch {
      // already closed
    }
  }
}

/** An upgrade request as a browser sends it, with the Host and Origin the test chooses. */
export function upgradeRequest(host: string, origin?: string): string {
  return "GET / HTTP/1.1\r\n" +
    `Host: ${host}\r\n` +
    "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
    (origin ? `Origin: ${origin}\r\n` : "") + "\r\n";
}

/** The head of one client frame (FIN, opcode, masked) announcing `length` payload bytes. */
export function clientFrameHead(opcode: number, length: number, mask: Uint8Array): Uint8Array {
  const ext = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const head = new Uint8Array(2 + ext + 4);
  head[0] = 0x80 | opcode;
  if (ext === 0) head[1] = 0x80 | length;
  else if (ext === 2) {
    head[1] = 0x80 | 126;
    new DataView(head.buffer).setUint16(2, length);
  } else {
    head[1] = 0x80 | 127;
    new DataView(head.buffer).setBigUint64(2, BigInt(length));
  }
  head.set(mask, 2 + ext);
  return head;
}

/** A whole masked client frame (`fin` false for a fragment that more will follow). */
export function clientFrame(opcode: number, payload: string | Uint8Array, fin = true): Uint8Array {
  const body = typeof payload === "string" ? encoder.encode(payload) : payload;
  const mask = new Uint8Array([0x11, 0x22, 0x33, 0x44]);
  const head = clientFrameHead(opcode, body.length, mask);
  if (!fin) head[0] &= 0x7f;
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  for (let i = 0; i < body.length; i++) out[head.length + i] = body[i] ^ mask[i & 3];
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function indexOfCrlfCrlf(b: Uint8Array): number {
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  return -1;
}
