/**
 * The gateway's TCP listener: accepts connections, reads one HTTP request
 * head (size-capped, and within the header timeout — a slowloris peer is
 * dropped), and hands it to the handler, which answers with a plain
 * `Response` or accepts a WebSocket upgrade.
 *
 * Every connection holds an "unauthenticated" slot from accept until its
 * HTTP exchange ends or its WebSocket authenticates; past the cap, new
 * connections are refused at once with 503, before anything is read.
 */
import {
  HttpRequestError,
  readRequestBody,
  readRequestHead,
  type RequestHead,
} from "./http-request.ts";
import { serializeResponse, textResponse, writeAll } from "./http-response.ts";
import { switchingProtocols, upgradeProblem, wantsUpgrade } from "./websocket-handshake.ts";
import { type GatewaySocket, WebSocketPeer } from "./websocket.ts";
import type { Clock } from "../../platform/clock.ts";

export interface IncomingRequest extends RequestHead {
  /** The peer's IP address. */
  remoteAddr: string;
  /** Whether the request asks for a WebSocket upgrade. */
  upgrade: boolean;
}

/** The handler's "yes" to an upgrade: the socket is handed to `accept` once the 101 is sent. */
export class AcceptWebSocket {
  constructor(
    readonly maxMessageBytes: number,
    readonly accept: (socket: GatewaySocket) => void,
  ) {}
}

/** The handler's "read the body first": `respond` gets it once read (webhook paths). */
export class ReadBody {
  constructor(
    readonly maxBytes: number,
    readonly respond: (body: Uint8Array) => Promise<Response>,
  ) {}
}

export type Handler = (req: IncomingRequest) => Response | AcceptWebSocket | ReadBody;

export interface ListenOptions {
  hostname: string;
  port: number;
  maxHeaderBytes: number;
  headerTimeoutMs: number;
  /** Whose timers the header timeout runs on. */
  clock: Clock;
  maxPreAuthSockets: number;
  handler: Handler;
  log: (line: string) => void;
}

export interface Listener {
  addr: Deno.NetAddr;
  /** Stop accepting, end sockets still reading a head, give open WebSockets a grace, then end them. */
  close(graceMs?: number): Promise<void>;
  finished: Promise<void>;
}

/** Throws Deno's listen errors (AddrInUse, …) synchronously, as Deno.listen does. */
export function listen(opts: ListenOptions): Listener {
  const tcp = Deno.listen({ hostname: opts.hostname, port: opts.port, transport: "tcp" });
  /** Every connection being served; `peer` once it is a WebSocket. */
  const live = new Set<{ conn: Deno.Conn; peer?: WebSocketPeer }>();
  let preAuth = 0;
  let lastRefusalLog = -Infinity;
  const finished = Promise.withResolvers<void>();

  function refuseOverCap(conn: Deno.Conn): void {
    if (performance.now() - lastRefusalLog > 5000) {
      lastRefusalLog = performance.now();
      opts.log(
        `refusing connections: ${opts.maxPreAuthSockets} unauthenticated sockets are open ` +
          `(latest from ${(conn.remoteAddr as Deno.NetAddr).hostname})`,
      );
    }
    const res = textResponse(503, "Too many unauthenticated connections; try again shortly.", {
      "retry-after": "1",
    });
    void serializeResponse(res, true)
      .then((bytes) => writeAll(conn, bytes))
      .catch(() => {})
      .finally(() => closeQuietly(conn));
  }

  async function serve(conn: Deno.TcpConn): Promise<void> {
    let released = false;
    preAuth++;
    const release = () => {
      if (!released) {
        released = true;
        preAuth--;
      }
    };
    const entry: { conn: Deno.Conn; peer?: WebSocketPeer } = { conn };
    live.add(entry);
    try {
      conn.setNoDelay(true);
      const cancelTimer = opts.clock.after(opts.headerTimeoutMs, () => closeQuietly(conn));
      let got;
      try {
        got = await readRequestHead(conn, opts.maxHeaderBytes);
      } catch (err) {
        if (!(err instanceof HttpRequestError)) throw err;
        await respond(conn, textResponse(err.status, err.message), true);
        return;
      } finally {
        cancelTimer();
      }
      if (!got) return;
      const req: IncomingRequest = {
        ...got.head,
        remoteAddr: (conn.remoteAddr as Deno.NetAddr).hostname,
        upgrade: wantsUpgrade(got.head),
      };
      let first: Response | AcceptWebSocket | ReadBody;
      try {
        first = opts.handler(req);
      } catch (err) {
        opts.log(`request failed: ${(err as Error)?.message ?? err}`);
        first = textResponse(500, "Internal error.");
      }
      const answer = first instanceof ReadBody
        ? await withBody(conn, got.head, got.rest, first)
        : first;
      if (!answer) return;
      if (answer instanceof Response) {
        await respond(conn, answer, req.method !== "HEAD");
        return;
      }
      const problem = req.upgrade ? upgradeProblem(got.head) : "Not a WebSocket upgrade.";
      if (problem) {
        await respond(conn, textResponse(400, problem), true);
        return;
      }
      await writeAll(conn, await switchingProtocols(got.head));
      const peer = entry.peer = new WebSocketPeer(conn, {
        maxMessageBytes: answer.maxMessageBytes,
        releasePreAuthSlot: release,
      });
      answer.accept(peer);
      await peer.run(got.rest);
    } catch {
      // the peer went away mid-exchange
    } finally {
      release();
      entry.peer?.destroy();
      closeQuietly(conn);
      live.delete(entry);
    }
  }

  /** Read the body within the header time limit, then the handler's answer (or a refusal). */
  async function withBody(
    conn: Deno.Conn,
    head: RequestHead,
    rest: Uint8Array,
    read: ReadBody,
  ): Promise<Response | undefined> {
    const cancelTimer = opts.clock.after(opts.headerTimeoutMs, () => closeQuietly(conn));
    let body: Uint8Array | null;
    try {
      body = await readRequestBody(conn, head, rest, read.maxBytes);
    } catch (err) {
      if (!(err instanceof HttpRequestError)) throw err;
      return textResponse(err.status, err.message);
    } finally {
      cancelTimer();
    }
    if (!body) return undefined;
    try {
      return await read.respond(body);
    } catch (err) {
      opts.log(`request failed: ${(err as Error)?.message ?? err}`);
      return textResponse(500, "Internal error.");
    }
  }

  async function acceptLoop(): Promise<void> {
    while (true) {
      let conn: Deno.TcpConn;
      try {
        conn = await tcp.accept();
      } catch (err) {
        if (err instanceof Deno.errors.BadResource || err instanceof Deno.errors.Interrupted) break;
        // Out of file descriptors and the like: wait a moment rather than spin.
        opts.log(`accept failed: ${(err as Error)?.message ?? err}`);
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (preAuth >= opts.maxPreAuthSockets) refuseOverCap(conn);
      else void serve(conn);
    }
  }

  const accepting = acceptLoop();

  return {
    addr: tcp.addr as Deno.NetAddr,
    finished: finished.promise,
    async close(graceMs = 1000) {
      try {
        tcp.close();
      } catch {
        // already closed
      }
      await accepting;
      // A request head still being read is dropped now; a WebSocket gets the grace to close.
      for (const e of live) if (!e.peer) closeQuietly(e.conn);
      const deadline = Date.now() + graceMs;
      while (live.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (const e of live) e.peer?.destroy();
      finished.resolve();
    },
  };
}

async function respond(conn: Deno.Conn, res: Response, withBody: boolean): Promise<void> {
  await writeAll(conn, await serializeResponse(res, withBody));
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}
