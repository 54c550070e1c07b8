/**
 * A Slack stand-in for the channel's runtime, on 127.0.0.1: the Web API
 * methods it calls (auth.test and chat.postMessage with the bot token,
 * apps.connections.open with the app-level token) and the Socket Mode
 * WebSocket that URL points at: `hello` on connect, events_api envelopes the
 * test pushes (acknowledgements recorded), and `disconnect` as Slack sends
 * it before recycling a connection. A refused token is HTTP 200 with
 * ok:false, as the real API answers.
 */
import { serveLocal } from "../../helpers/local-server.ts";
import { GOOD_SLACK_APP_TOKEN, GOOD_SLACK_TOKEN, waitFor } from "../standins.ts";

export const SLACK_BOT = { userId: "UBOT00001", name: "clawbot" };

export interface SlackPost {
  channel: string;
  text: string;
  thread_ts?: string;
}

export interface SlackSocketStandIn extends AsyncDisposable {
  /** The Web API base, as channels.slack's apiBase override takes it. */
  base: string;
  /** Web API methods called, in order. */
  calls: string[];
  posted: SlackPost[];
  /** Envelope ids the client acknowledged. */
  acks: string[];
  /** One entry per Socket Mode connection opened. */
  opened: number[];
  /** Send an Events API event over the open connection; returns its envelope id. */
  push(event: Record<string, unknown>): string;
  /**
   * End the connection: "disconnect" asks the client to reconnect, as Slack
   * does before recycling one; "close" just closes the socket.
   */
  drop(how?: "disconnect" | "close"): void;
  waitForPost(pred: (p: SlackPost) => boolean, timeoutMs?: number): Promise<SlackPost>;
}

/** `brokenSocket`: apps.connections.open hands out a URL whose upgrade fails (HTTP 404). */
export function slackSocketStandIn(
  tokens: { bot?: string; app?: string; brokenSocket?: boolean } = {},
): SlackSocketStandIn {
  const bot = tokens.bot ?? GOOD_SLACK_TOKEN;
  const app = tokens.app ?? GOOD_SLACK_APP_TOKEN;
  const calls: string[] = [];
  const posted: SlackPost[] = [];
  const acks: string[] = [];
  const opened: number[] = [];
  const sockets = new Set<WebSocket>();
  let envelopes = 0;
  let wsBase = "";

  const server = serveLocal(async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/link") return socketMode(req);
    const method = url.pathname.replace(/^\/api\//, "");
    calls.push(method);
    const body = await readBody(req);
    const auth = req.headers.get("authorization");
    const wanted = method === "apps.connections.open" ? app : bot;
    if (auth !== `Bearer ${wanted}`) return Response.json({ ok: false, error: "invalid_auth" });
    if (method === "auth.test") {
      return Response.json({ ok: true, user: SLACK_BOT.name, user_id: SLACK_BOT.userId });
    }
    if (method === "apps.connections.open") {
      const path = tokens.brokenSocket ? "/gone" : "/link";
      return Response.json({
        ok: true,
        url: `${wsBase}${path}?ticket=SECRET-TICKET-${calls.length}`,
      });
    }
    if (method === "chat.postMessage") {
      posted.push({
        channel: String(body.channel),
        text: String(body.text),
        ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
      });
      return Response.json({ ok: true, channel: body.channel, ts: "1700000000.000100" });
    }
    return Response.json({ ok: false, error: "unknown_method" });
  });
  wsBase = server.base.replace(/^http/, "ws");

  function socketMode(req: Request): Response {
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.onopen = () => {
      sockets.add(socket);
      opened.push(Date.now());
      socket.send(JSON.stringify({ type: "hello", num_connections: 1 }));
    };
    socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (typeof m.envelope_id === "string") acks.push(m.envelope_id);
    };
    socket.onclose = () => void sockets.delete(socket);
    return response;
  }

  return {
    base: `${server.base}/api`,
    calls,
    posted,
    acks,
    opened,
    push(event) {
      const id = `env-${++envelopes}`;
      const envelope = {
        type: "events_api",
        envelope_id: id,
        accepts_response_payload: false,
        payload: { type: "event_callback", team_id: "T0001", event },
      };
      for (const s of sockets) s.send(JSON.stringify(envelope));
      return id;
    },
    drop(how = "disconnect") {
      for (const s of sockets) {
        if (how === "close") s.close();
        else s.send(JSON.stringify({ type: "disconnect", reason: "warning" }));
      }
    },
    waitForPost: (pred, timeoutMs) => waitFor(posted, pred, timeoutMs),
    async [Symbol.asyncDispose]() {
      for (const s of sockets) s.close();
      await server.close();
    },
  };
}

/** The Web API takes form fields or JSON. */
async function readBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if ((req.headers.get("content-type") ?? "").includes("json")) {
    return JSON.parse(text || "{}");
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** A DM (channel_type "im") from `user`. */
export function slackDm(user: string, text: string, ts = nextTs()) {
  return { type: "message", channel_type: "im", channel: "D0DM00001", user, text, ts };
}

/** A message in a public channel; `mention` puts `<@BOT>` in front, as Slack writes mentions. */
export function slackChannelMessage(user: string, text: string, mention = false, ts = nextTs()) {
  const full = mention ? `<@${SLACK_BOT.userId}> ${text}` : text;
  return { type: "message", channel_type: "channel", channel: "C0CHAN001", user, text: full, ts };
}

let tsCounter = 0;
function nextTs(): string {
  return `1700000000.${String(++tsCounter).padStart(6, "0")}`;
}
