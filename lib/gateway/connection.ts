/**
 * One WebSocket client: the handshake (first request must be `connect`,
 * within the timeout, with a protocol range we speak and the right secret),
 * then requests dispatched to methods. Bad frames get an error answer and
 * the socket stays open; oversize frames close it. Nothing here logs a
 * frame's content (it may hold secrets).
 */
import type { GatewayContext } from "./context.ts";
import { checkAuth, type FailedConnectLimiter } from "./auth.ts";
import {
  CLOSE,
  ConnectParamsSchema,
  ERROR,
  errorResponse,
  eventFrame,
  type HelloOk,
  PRE_CONNECT_MAX_BYTES,
  PROTOCOL_VERSION,
  type RequestFrame,
  RequestFrameSchema,
  response,
  RpcError,
} from "./protocol.ts";
import { type Caller, EVENTS, type Method } from "./methods/registry.ts";

export interface ConnectionOptions {
  ctx: GatewayContext;
  limiter: FailedConnectLimiter;
  methods: ReadonlyMap<string, Method>;
  maxFrameBytes: number;
  handshakeTimeoutMs: number;
  onClose: () => void;
}

const encoder = new TextEncoder();

export class Connection {
  private authed = false;
  private handshakeTimer?: ReturnType<typeof setTimeout>;
  private readonly closeHandlers: (() => void)[] = [];
  private handshaking?: Promise<void>;
  /** Who is asking, for methods whose state belongs to a connection (a wizard session). */
  private readonly caller: Caller = {
    id: crypto.randomUUID(),
    onClose: (fn) => void this.closeHandlers.push(fn),
    isOpen: () => this.socket.readyState === WebSocket.OPEN,
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly address: string,
    private readonly opts: ConnectionOptions,
  ) {
    socket.onopen = () => {
      this.handshakeTimer = setTimeout(() => {
        if (!this.authed) this.close(CLOSE.handshakeTimeout, "handshake timeout");
      }, opts.handshakeTimeoutMs);
    };
    socket.onmessage = (e) => void this.onMessage(e.data);
    socket.onclose = () => {
      clearTimeout(this.handshakeTimer);
      for (const fn of this.closeHandlers.splice(0)) fn();
      opts.onClose();
    };
    socket.onerror = () => {};
  }

  shutdown(reason: string): void {
    if (this.authed) this.send(eventFrame("shutdown", { reason }));
    this.close(CLOSE.goingAway, "gateway stopping");
  }

  private async onMessage(data: unknown): Promise<void> {
    // Before the handshake only a small connect frame is expected.
    const limit = this.authed
      ? this.opts.maxFrameBytes
      : Math.min(this.opts.maxFrameBytes, PRE_CONNECT_MAX_BYTES);
    if (typeof data !== "string") {
      if (tooBig(data, limit)) return this.close(CLOSE.tooBig, "frame too large");
      return this.send(errorResponse("", ERROR.invalidFrame, "Frames are JSON text, not binary."));
    }
    if (data.length > limit / 3 && encoder.encode(data).length > limit) {
      return this.close(CLOSE.tooBig, "frame too large");
    }
    let frame: RequestFrame;
    try {
      const parsed = RequestFrameSchema.safeParse(JSON.parse(data));
      if (!parsed.success) {
        return this.send(
          errorResponse(
            idOf(data),
            ERROR.invalidFrame,
            'Expected {type:"req", id, method, params}.',
          ),
        );
      }
      frame = parsed.data;
    } catch {
      return this.send(errorResponse("", ERROR.invalidFrame, "The frame is not valid JSON."));
    }
    // Checking the secret may wait (the config is looked at): frames that follow connect wait for it.
    if (this.handshaking) await this.handshaking;
    if (!this.authed) {
      this.handshaking = this.handshake(frame).finally(() => (this.handshaking = undefined));
      return await this.handshaking;
    }
    if (frame.method === "connect") {
      return this.send(errorResponse(frame.id, ERROR.invalidFrame, "Already connected."));
    }
    const method = this.opts.methods.get(frame.method);
    if (!method) {
      return this.send(
        errorResponse(frame.id, ERROR.unknownMethod, `Unknown method "${frame.method}".`),
      );
    }
    try {
      this.send(response(frame.id, await method(this.opts.ctx, frame.params, this.caller)));
    } catch (err) {
      if (err instanceof RpcError) return this.send(errorResponse(frame.id, err.code, err.message));
      this.opts.ctx.log(`method ${frame.method} failed: ${(err as Error)?.message ?? err}`);
      this.send(
        errorResponse(frame.id, ERROR.internal, "The gateway hit an internal error; see its log."),
      );
    }
  }

  private async handshake(frame: RequestFrame): Promise<void> {
    if (frame.method !== "connect") {
      this.send(
        errorResponse(frame.id, ERROR.handshakeRequired, "The first request must be connect."),
      );
      return this.close(CLOSE.policy, "connect first");
    }
    const p = ConnectParamsSchema.safeParse(frame.params);
    if (!p.success) {
      this.send(
        errorResponse(
          frame.id,
          ERROR.invalidParams,
          "connect needs {minProtocol, maxProtocol, client?, auth?}.",
        ),
      );
      return this.close(CLOSE.protocolError, "bad connect");
    }
    const { minProtocol, maxProtocol, auth } = p.data;
    if (PROTOCOL_VERSION < minProtocol || PROTOCOL_VERSION > maxProtocol) {
      this.send(errorResponse(
        frame.id,
        ERROR.protocolMismatch,
        `This gateway speaks protocol ${PROTOCOL_VERSION}; the client asked for ${minProtocol}..${maxProtocol}. ` +
          "Update the older side.",
      ));
      return this.close(CLOSE.protocolError, "protocol mismatch");
    }
    const { ctx } = this.opts;
    // The secret is checked first (constant time); the limiter only decides how a WRONG one is
    // answered, so nobody's failed guesses can lock out a client that has the secret.
    const verdict = checkAuth(await ctx.auth.current(), auth);
    if (!verdict.ok) return await this.refuse(frame.id, verdict.reason);
    this.authed = true;
    clearTimeout(this.handshakeTimer);
    const hello: HelloOk = {
      type: "hello-ok",
      protocol: PROTOCOL_VERSION,
      server: { name: "openclaw", version: ctx.version, host: ctx.host.hostname },
      features: { methods: [...this.opts.methods.keys()], events: [...EVENTS] },
      policy: { maxPayload: this.opts.maxFrameBytes },
    };
    this.send(response(frame.id, hello));
  }

  /** A wrong secret: UNAUTHORIZED, or RATE_LIMITED (after a delay) once over the limit. */
  private async refuse(id: string, reason: string): Promise<void> {
    const { limiter, ctx } = this.opts;
    const wait = limiter.retryAfterSeconds(this.address);
    limiter.recordFailure(this.address);
    if (wait === 0) {
      ctx.log(`refused a client from ${this.address}: ${reason}`);
      this.send(errorResponse(id, ERROR.unauthorized, `Unauthorized: ${reason}.`));
      return this.close(CLOSE.authFailed, "unauthorized");
    }
    if (limiter.shouldLogLimited()) {
      ctx.log(
        `too many failed connects (latest from ${this.address}): wrong secrets are refused as ` +
          "rate limited for now; clients with the right secret still get in",
      );
    }
    if (limiter.delayMs > 0) await new Promise((r) => setTimeout(r, limiter.delayMs));
    this.send(errorResponse(
      id,
      ERROR.rateLimited,
      `Too many failed connects; try again in ${wait} s.`,
      { retryAfterSeconds: wait },
    ));
    this.close(CLOSE.rateLimited, `rate limited; retry-after=${wait}`);
  }

  private send(frame: unknown): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private close(code: number, reason: string): void {
    if (
      this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING
    ) {
      try {
        this.socket.close(code, reason);
      } catch {
        // already closing
      }
    }
  }
}

function tooBig(data: unknown, max: number): boolean {
  if (data instanceof ArrayBuffer) return data.byteLength > max;
  if (data instanceof Blob) return data.size > max;
  return false;
}

/** The id of a frame that failed validation, if it has a usable one (so the client can match the error). */
function idOf(text: string): string {
  try {
    const v = JSON.parse(text);
    return typeof v?.id === "string" ? v.id.slice(0, 128) : "";
  } catch {
    return "";
  }
}
