/**
 * One WebSocket client: the handshake (first request must be `connect`,
 * within the timeout, with a protocol range we speak and the right secret),
 * then requests dispatched to methods. Before `connect`, the first bad frame
 * closes the socket (a stranger gets one answer, not thousands); after it,
 * bad frames get an error answer and the socket stays open. The message
 * size limit is the transport's (64 KiB until `connect` succeeds, raised
 * then); oversize frames close the socket there. Nothing here logs a
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
import type { GatewaySocket } from "./transport/websocket.ts";
import type { Clock } from "../platform/clock.ts";

export interface ConnectionOptions {
  ctx: GatewayContext;
  limiter: FailedConnectLimiter;
  methods: ReadonlyMap<string, Method>;
  maxFrameBytes: number;
  handshakeTimeoutMs: number;
  clock: Clock;
  onClose: () => void;
}

export class Connection {
  private authed = false;
  private readonly cancelHandshakeTimer: () => void;
  private readonly closeHandlers: (() => void)[] = [];
  private handshaking?: Promise<void>;
  /** Who is asking, for methods whose state belongs to a connection (a wizard session). */
  private readonly caller: Caller = {
    id: crypto.randomUUID(),
    onClose: (fn) => void this.closeHandlers.push(fn),
    isOpen: () => this.socket.isOpen,
    emit: (event, payload) => this.send(eventFrame(event, payload)),
  };

  constructor(
    private readonly socket: GatewaySocket,
    private readonly address: string,
    private readonly opts: ConnectionOptions,
  ) {
    socket.setMaxMessageBytes(Math.min(opts.maxFrameBytes, PRE_CONNECT_MAX_BYTES));
    this.cancelHandshakeTimer = opts.clock.after(opts.handshakeTimeoutMs, () => {
      if (!this.authed) this.close(CLOSE.handshakeTimeout, "handshake timeout");
    });
    socket.onmessage = (data) => void this.onMessage(data);
    socket.onclose = () => {
      this.cancelHandshakeTimer();
      for (const fn of this.closeHandlers.splice(0)) fn();
      opts.onClose();
    };
  }

  shutdown(reason: string): void {
    if (this.authed) this.send(eventFrame("shutdown", { reason }));
    this.close(CLOSE.goingAway, "gateway stopping");
  }

  private async onMessage(data: string | Uint8Array): Promise<void> {
    if (typeof data !== "string") {
      return this.invalid("", "Frames are JSON text, not binary.");
    }
    let frame: RequestFrame;
    try {
      const parsed = RequestFrameSchema.safeParse(JSON.parse(data));
      if (!parsed.success) {
        return this.invalid(idOf(data), 'Expected {type:"req", id, method, params}.');
      }
      frame = parsed.data;
    } catch {
      return this.invalid("", "The frame is not valid JSON.");
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

  /** A frame that is not a request: answered; before `connect` the socket is closed too. */
  private invalid(id: string, message: string): void {
    this.send(errorResponse(id, ERROR.invalidFrame, message));
    if (!this.authed) this.close(CLOSE.policy, "invalid frame before connect");
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
    this.caller.client = p.data.client;
    this.cancelHandshakeTimer();
    this.socket.markAuthenticated();
    this.socket.setMaxMessageBytes(this.opts.maxFrameBytes);
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
    if (this.socket.isOpen) this.socket.send(JSON.stringify(frame));
  }

  private close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }
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
