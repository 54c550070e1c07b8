/**
 * A Discord stand-in on 127.0.0.1 that speaks the real protocol: REST
 * (GET /gateway/bot, POST /channels/{id}/messages and /typing, with the
 * Authorization header checked) and the Gateway WebSocket (HELLO, IDENTIFY
 * with the token checked, READY, MESSAGE_CREATE dispatches with sequence
 * numbers, heartbeat ACKs, RESUME with the missed dispatches replayed).
 * Tests push messages, read what the bot posted, drop the connection or
 * make the gateway refuse the token (close 4004) or the intents (4014).
 */
import { GOOD_DISCORD_TOKEN } from "../standins.ts";
import { serveLocal } from "../../helpers/local-server.ts";

export { GOOD_DISCORD_TOKEN };

export const DISCORD_BOT = { id: "100000000000000001", username: "clawbot" };

/** A MESSAGE_CREATE's data, as the test builds it. */
export interface DiscordMessageData {
  id: string;
  channel_id: string;
  guild_id?: string;
  content: string;
  author: { id: string; username: string; bot?: boolean };
  mentions: { id: string; username: string }[];
}

export interface PostedMessage {
  channelId: string;
  content: string;
  allowedMentions?: unknown;
}

/** What the bot sent on the gateway: op and data, in order. */
export interface GatewayFrame {
  op: number;
  d: unknown;
}

export interface DiscordGatewayStandIn extends AsyncDisposable {
  /** The REST base (OPENCLAW_DISCORD_API_BASE). */
  base: string;
  posted: PostedMessage[];
  typing: string[];
  /** Every frame the bot sent, across connections. */
  frames: GatewayFrame[];
  /** 429s answered so far. */
  rateLimited(): number;
  /** WebSocket connections opened so far. */
  connections(): number;
  /** Send a MESSAGE_CREATE (now, or on the next READY/RESUMED when not connected). */
  push(message: DiscordMessageData): void;
  /** Close every open gateway connection from the server's side with `code`. */
  drop(code?: number): void;
  /** Send op 7 (reconnect) on the open connections, as Discord does before moving a session. */
  requestReconnect(): void;
  /** Send op 9 with d false (the session cannot be resumed) on the open connections. */
  invalidateSession(): void;
  /** From now on the gateway closes IDENTIFY/RESUME with 4004 (the token was reset). */
  revokeToken(): void;
  waitForPost(pred: (m: PostedMessage) => boolean, timeoutMs?: number): Promise<PostedMessage>;
  waitForFrame(pred: (f: GatewayFrame) => boolean, timeoutMs?: number): Promise<GatewayFrame>;
}

export interface DiscordGatewayOptions {
  validToken?: string;
  /** The bot was not granted the Message Content intent: IDENTIFY asking for it gets 4014. */
  messageContentAllowed?: boolean;
  /** HELLO's heartbeat_interval in ms (default Discord's 41250). */
  heartbeatMs?: number;
  /** First answer to each POST /channels/{id}/messages: a 429 with this retry_after (s). */
  rateLimitOnce?: number;
  /** Answer heartbeats with op 11 on the first connection (false: a zombie connection). */
  ackFirstConnection?: boolean;
}

const MESSAGE_CONTENT = 1 << 15;

export function discordGatewayStandIn(opts: DiscordGatewayOptions = {}): DiscordGatewayStandIn {
  const validToken = opts.validToken ?? GOOD_DISCORD_TOKEN;
  const posted: PostedMessage[] = [];
  const typing: string[] = [];
  const frames: GatewayFrame[] = [];
  /** Every dispatch sent in the session, for RESUME to replay what a client missed. */
  const history: { s: number; t: string; d: unknown }[] = [];
  const waiting: DiscordMessageData[] = [];
  const sockets = new Set<WebSocket>();
  const ready = new Set<WebSocket>();
  const limited = new Set<string>();
  let seq = 0;
  let opened = 0;
  let revoked = false;
  let sessionId = "";
  let wsBase = "";
  let first: WebSocket | undefined;

  const send = (ws: WebSocket, payload: unknown) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  };
  const dispatch = (t: string, d: unknown) => {
    const s = ++seq;
    history.push({ s, t, d });
    for (const ws of ready) send(ws, { op: 0, t, s, d });
  };
  const flush = () => {
    for (const m of waiting.splice(0)) dispatch("MESSAGE_CREATE", m);
  };

  function onFrame(ws: WebSocket, frame: GatewayFrame): void {
    const d = frame.d as Record<string, unknown> | null;
    if (frame.op === 1) {
      if (opts.ackFirstConnection === false && ws === first) return;
      return send(ws, { op: 11 });
    }
    if (frame.op === 2) {
      if (revoked || d?.token !== validToken) return ws.close(4004, "Authentication failed.");
      const intents = Number(d?.intents);
      if (opts.messageContentAllowed === false && (intents & MESSAGE_CONTENT) !== 0) {
        return ws.close(4014, "Disallowed intent(s).");
      }
      sessionId = crypto.randomUUID();
      history.length = 0;
      ready.add(ws);
      const s = ++seq;
      send(ws, {
        op: 0,
        t: "READY",
        s,
        d: {
          v: 10,
          user: { ...DISCORD_BOT, bot: true },
          session_id: sessionId,
          resume_gateway_url: wsBase,
          guilds: [],
          application: { id: DISCORD_BOT.id },
        },
      });
      return flush();
    }
    if (frame.op === 6) {
      if (revoked || d?.token !== validToken) return ws.close(4004, "Authentication failed.");
      if (d?.session_id !== sessionId) return send(ws, { op: 9, d: false });
      const after = Number(d?.seq ?? 0);
      ready.add(ws);
      for (const h of history.filter((h) => h.s > after)) send(ws, { op: 0, ...h });
      send(ws, { op: 0, t: "RESUMED", s: ++seq, d: null });
      return flush();
    }
  }

  function gateway(req: Request): Response {
    const url = new URL(req.url);
    if (url.searchParams.get("v") !== "10" || url.searchParams.get("encoding") !== "json") {
      return new Response("gateway v10 json only", { status: 400 });
    }
    const { socket, response } = Deno.upgradeWebSocket(req);
    opened++;
    first ??= socket;
    sockets.add(socket);
    socket.onopen = () =>
      send(socket, { op: 10, d: { heartbeat_interval: opts.heartbeatMs ?? 41250 } });
    socket.onmessage = (e) => {
      const frame = JSON.parse(String(e.data)) as GatewayFrame;
      frames.push(frame);
      onFrame(socket, frame);
    };
    socket.onclose = () => {
      sockets.delete(socket);
      ready.delete(socket);
    };
    return response;
  }

  async function rest(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (req.headers.get("authorization") !== `Bot ${validToken}`) {
      return Response.json({ message: "401: Unauthorized", code: 0 }, { status: 401 });
    }
    if (req.method === "GET" && url.pathname === "/gateway/bot") {
      return Response.json({
        url: wsBase,
        shards: 1,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 3_600_000,
          max_concurrency: 1,
        },
      });
    }
    const m = url.pathname.match(/^\/channels\/(\d+)\/(messages|typing)$/);
    if (req.method === "POST" && m?.[2] === "typing") {
      typing.push(m[1]);
      return new Response(null, { status: 204 });
    }
    if (req.method === "POST" && m?.[2] === "messages") {
      const body = await req.json() as { content: string; allowed_mentions?: unknown };
      if (opts.rateLimitOnce !== undefined && !limited.has(m[1])) {
        limited.add(m[1]);
        return Response.json(
          {
            message: "You are being rate limited.",
            retry_after: opts.rateLimitOnce,
            global: false,
          },
          {
            status: 429,
            headers: {
              "X-RateLimit-Remaining": "0",
              "X-RateLimit-Reset-After": String(opts.rateLimitOnce),
            },
          },
        );
      }
      posted.push({
        channelId: m[1],
        content: body.content,
        allowedMentions: body.allowed_mentions,
      });
      return Response.json({ id: String(Date.now()), channel_id: m[1], content: body.content }, {
        headers: { "X-RateLimit-Remaining": "4", "X-RateLimit-Reset-After": "1" },
      });
    }
    return Response.json({ message: "404: Not Found", code: 0 }, { status: 404 });
  }

  const server = serveLocal((req) =>
    new URL(req.url).pathname === "/gateway" && req.headers.get("upgrade") === "websocket"
      ? gateway(req)
      : rest(req)
  );
  wsBase = `${server.base.replace("http://", "ws://")}/gateway`;

  return {
    base: server.base,
    posted,
    typing,
    frames,
    rateLimited: () => limited.size,
    connections: () => opened,
    push(message) {
      if (ready.size > 0) dispatch("MESSAGE_CREATE", message);
      else waiting.push(message);
    },
    drop(code = 4000) {
      for (const ws of sockets) ws.close(code, "dropped by the stand-in");
    },
    requestReconnect() {
      for (const ws of sockets) send(ws, { op: 7, d: null });
    },
    invalidateSession() {
      sessionId = "";
      for (const ws of sockets) send(ws, { op: 9, d: false });
    },
    revokeToken() {
      revoked = true;
    },
    waitForPost: (pred, timeoutMs) => waitIn(posted, pred, timeoutMs),
    waitForFrame: (pred, timeoutMs) => waitIn(frames, pred, timeoutMs),
    async [Symbol.asyncDispose]() {
      const closing = [...sockets].map((ws) =>
        new Promise<void>((resolve) => {
          ws.addEventListener("close", () => resolve(), { once: true });
          ws.close(1001, "stand-in stopping");
        })
      );
      await Promise.all(closing);
      await server.close();
    },
  };
}

/** Resolves with the first item matching `pred`, polling until `timeoutMs`. */
function waitIn<T>(items: T[], pred: (t: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const hit = items.find(pred);
      if (hit) return resolve(hit);
      if (Date.now() > deadline) {
        return reject(new Error(`timed out; had ${JSON.stringify(items)}`));
      }
      setTimeout(tick, 20);
    };
    tick();
  });
}

let nextMessageId = 1;

/** A DM from `user` (no guild_id: Discord's DM marker). */
export function discordDm(
  user: { id: string; username: string },
  channelId: string,
  content: string,
): DiscordMessageData {
  return {
    id: String(nextMessageId++),
    channel_id: channelId,
    content,
    author: user,
    mentions: [],
  };
}

/** A message in a guild channel; `mention` puts <@bot> in front and the bot in `mentions`. */
export function discordGuildMessage(
  user: { id: string; username: string },
  channelId: string,
  content: string,
  mention = false,
): DiscordMessageData {
  return {
    id: String(nextMessageId++),
    channel_id: channelId,
    guild_id: "200000000000000002",
    content: mention ? `<@${DISCORD_BOT.id}> ${content}` : content,
    author: user,
    mentions: mention ? [{ ...DISCORD_BOT }] : [],
  };
}
