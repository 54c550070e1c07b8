/**
 * One server-side WebSocket over a TCP connection (RFC 6455), written for
 * the gateway's door: every message has a size limit that the owner can
 * change at any time (small before authentication), and it is enforced
 * from each frame's HEADER — a frame announcing more than the limit closes
 * the socket with 1009 before its payload is read, so a stranger cannot make
 * the gateway buffer a large message. Fragmented messages count against the
 * same limit as a whole. Client frames must be masked; pings are answered;
 * the close handshake is honoured both ways.
 */
import {
  closePayload,
  decodeFrameHead,
  encodeFrame,
  encodeTextFrame,
  FrameError,
  OPCODE,
  unmask,
} from "./websocket-frame.ts";
import { writeAll } from "./http-response.ts";

/** What the gateway's Connection needs from its socket, and no more. */
export interface GatewaySocket {
  /** Send a text message (dropped once the socket is closing). */
  send(text: string): void;
  /** Start the close handshake; the socket ends when the peer answers or after a short grace. */
  close(code: number, reason: string): void;
  /** The largest message accepted from now on, in bytes. */
  setMaxMessageBytes(bytes: number): void;
  /** The peer has authenticated: it no longer counts against the unauthenticated cap. */
  markAuthenticated(): void;
  readonly isOpen: boolean;
  /** A complete message: text as a string, binary as bytes. */
  onmessage: (data: string | Uint8Array) => void;
  /** The socket has ended (once). */
  onclose: () => void;
}

export interface WebSocketPeerOptions {
  maxMessageBytes: number;
  /** Called once: when authenticated or when the socket ends, whichever is first. */
  releasePreAuthSlot: () => void;
  /** How long to wait for the peer's close frame after ours. */
  closeGraceMs?: number;
}

const INITIAL_BUFFER = 4096;
/** After refusing a frame, read (and drop) at most this much so our close frame is seen. */
const DRAIN_BYTES = 256 * 1024;
/** A peer that does not read what we send is dropped beyond this many queued bytes. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

type State = "open" | "closing" | "draining" | "closed";

export class WebSocketPeer implements GatewaySocket {
  onmessage: (data: string | Uint8Array) => void = () => {};
  onclose: () => void = () => {};
  private state: State = "open";
  private maxMessageBytes: number;
  private buf = new Uint8Array(INITIAL_BUFFER);
  private start = 0;
  private end = 0;
  private fragments: Uint8Array[] = [];
  private fragmentOpcode = 0;
  private fragmentBytes = 0;
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private flushing = false;
  private closeTimer?: ReturnType<typeof setTimeout>;
  private readonly closeGraceMs: number;
  private endAfterQueue = false;
  private drained = 0;

  constructor(private readonly conn: Deno.Conn, private readonly opts: WebSocketPeerOptions) {
    this.maxMessageBytes = opts.maxMessageBytes;
    this.closeGraceMs = opts.closeGraceMs ?? 1000;
  }

  /** Read through a getter: the state changes inside calls TypeScript cannot follow. */
  private get ended(): boolean {
    return this.state === "closed";
  }

  get isOpen(): boolean {
    return this.state === "open";
  }

  setMaxMessageBytes(bytes: number): void {
    this.maxMessageBytes = bytes;
  }

  markAuthenticated(): void {
    this.opts.releasePreAuthSlot();
  }

  send(text: string): void {
    if (this.state === "open") this.write(encodeTextFrame(text));
  }

  close(code: number, reason: string): void {
    if (this.state !== "open") return;
    this.state = "closing";
    this.write(encodeFrame(OPCODE.close, closePayload(code, reason)));
    this.closeTimer = setTimeout(() => this.destroy(), this.closeGraceMs);
  }

  /** Read and handle frames until the socket ends. `initial` is what came with the HTTP head. */
  async run(initial: Uint8Array): Promise<void> {
    this.append(initial);
    try {
      while (this.state !== "closed") {
        if (this.state === "draining") {
          this.drained += this.end - this.start;
          this.start = this.end = 0;
          if (this.drained > DRAIN_BYTES) break;
        } else this.handleBuffered();
        if (this.ended) break;
        this.makeRoom();
        const n = await this.conn.read(this.buf.subarray(this.end));
        if (n === null) break;
        this.end += n;
      }
    } catch {
      // reset by the peer, or closed by us
    } finally {
      this.destroy();
    }
  }

  /** Ends the socket now (no handshake); safe to call more than once. */
  destroy(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    clearTimeout(this.closeTimer);
    this.queue = [];
    try {
      this.conn.close();
    } catch {
      // already closed
    }
    this.opts.releasePreAuthSlot();
    this.onclose();
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.ensureCapacity(bytes.length);
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** Parse every complete frame in the buffer. */
  private handleBuffered(): void {
    while (this.state === "open" || this.state === "closing") {
      let head;
      try {
        head = decodeFrameHead(this.buf, this.start, this.end);
        if (head && head.opcode < 0x8) this.checkDataFrame(head.opcode, head.payloadLength);
      } catch (err) {
        if (err instanceof FrameError) return this.fail(err.code, err.message);
        throw err;
      }
      if (!head) return;
      const frameEnd = this.start + head.headLength + head.payloadLength;
      if (frameEnd > this.end) {
        // Only now, with the length judged, is room made for the whole frame.
        this.ensureCapacity(frameEnd - this.end);
        return;
      }
      const from = this.start + head.headLength;
      unmask(this.buf, from - 4, from, frameEnd);
      const payload = this.buf.subarray(from, frameEnd);
      this.start = frameEnd;
      this.handleFrame(head.fin, head.opcode, payload);
    }
  }

  /** Order of fragments, and the size limit on the message so far plus this frame. */
  private checkDataFrame(opcode: number, length: number): void {
    const continuing = this.fragmentOpcode !== 0;
    if (opcode === OPCODE.continuation && !continuing) {
      throw new FrameError(1002, "continuation without a first fragment");
    }
    if (opcode !== OPCODE.continuation && continuing) {
      throw new FrameError(1002, "new message inside a fragmented one");
    }
    if (this.fragmentBytes + length > this.maxMessageBytes) {
      throw new FrameError(1009, "message too large");
    }
  }

  private handleFrame(fin: boolean, opcode: number, payload: Uint8Array): void {
    switch (opcode) {
      case OPCODE.ping:
        if (this.state === "open") this.write(encodeFrame(OPCODE.pong, payload.slice()));
        return;
      case OPCODE.pong:
        return;
      case OPCODE.close:
        return this.peerClosed(payload);
    }
    if (!fin) {
      if (opcode !== OPCODE.continuation) this.fragmentOpcode = opcode;
      this.fragments.push(payload.slice());
      this.fragmentBytes += payload.length;
      return;
    }
    let message = payload;
    if (opcode === OPCODE.continuation) {
      opcode = this.fragmentOpcode;
      message = concat([...this.fragments, payload], this.fragmentBytes + payload.length);
      this.fragments = [];
      this.fragmentOpcode = 0;
      this.fragmentBytes = 0;
    }
    if (this.state !== "open") return; // closing: messages are no longer delivered
    if (opcode === OPCODE.binary) return this.onmessage(message.slice());
    let text: string;
    try {
      text = utf8.decode(message);
    } catch {
      return this.fail(1007, "text is not UTF-8");
    }
    this.onmessage(text);
  }

  private peerClosed(payload: Uint8Array): void {
    if (this.state === "open") {
      // Echo the peer's code (RFC 6455 5.5.1), then end once it is written.
      const code = payload.length >= 2 ? (payload[0] << 8) | payload[1] : 1000;
      const echo = code === 1005 || code === 1006 || code === 1015 ? 1000 : code;
      this.state = "closing";
      this.write(
        encodeFrame(OPCODE.close, payload.length >= 2 ? closePayload(echo, "") : new Uint8Array()),
      );
      this.endAfterFlush();
      return;
    }
    this.destroy();
  }

  /**
   * Refuse the connection: send the close frame, stop parsing, and read (and
   * drop) a little more so the peer sees our close before the reset.
   */
  private fail(code: number, reason: string): void {
    if (this.state === "open") this.write(encodeFrame(OPCODE.close, closePayload(code, reason)));
    this.state = "draining";
    this.start = this.end = 0;
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.destroy(), Math.min(this.closeGraceMs, 500));
    this.buf = new Uint8Array(INITIAL_BUFFER);
  }

  private endAfterFlush(): void {
    if (!this.flushing) return this.destroy();
    this.endAfterQueue = true;
  }

  private write(bytes: Uint8Array): void {
    if (this.state === "closed") return;
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
    if (this.queuedBytes > MAX_QUEUED_BYTES) return this.destroy();
    if (!this.flushing) void this.flush();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const chunks = this.queue;
        this.queue = [];
        const total = this.queuedBytes;
        this.queuedBytes = 0;
        const bytes = chunks.length === 1 ? chunks[0] : concat(chunks, total);
        // One write nearly always takes it all; writeAll only for the rest.
        const n = await this.conn.write(bytes);
        if (n < bytes.length) await writeAll(this.conn, bytes.subarray(n));
      }
    } catch {
      return this.destroy();
    } finally {
      this.flushing = false;
    }
    if (this.endAfterQueue) this.destroy();
  }

  /** Make sure there is somewhere to read into. */
  private makeRoom(): void {
    if (this.start === this.end) {
      this.start = this.end = 0;
      // A large message is done: give its buffer back.
      if (this.buf.length > 64 * 1024) this.buf = new Uint8Array(INITIAL_BUFFER);
    }
    if (this.end === this.buf.length) this.ensureCapacity(INITIAL_BUFFER);
  }

  /** Room for `more` bytes after `end`: compact first, grow (doubling) only if needed. */
  private ensureCapacity(more: number): void {
    if (this.end + more <= this.buf.length) return;
    const live = this.end - this.start;
    if (live + more <= this.buf.length) {
      this.buf.copyWithin(0, this.start, this.end);
    } else {
      let size = this.buf.length * 2;
      while (size < live + more) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
    }
    this.start = 0;
    this.end = live;
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
