/**
 * A Mattermost server stand-in for the channel's runtime, on 127.0.0.1:
 * GET /api/v4/users/me and POST /api/v4/posts with the bot token as a
 * Bearer header (401 otherwise, as Mattermost answers), and the WebSocket
 * /api/v4/websocket: the `authentication_challenge` answered OK (then the
 * `hello` event) or FAIL, `posted` events the test pushes with the post and
 * mentions JSON-encoded inside the event as Mattermost does, and the
 * actions the client sends (user_typing, ping) recorded.
 */
import { serveLocal } from "../../helpers/local-server.ts";
import { GOOD_MATTERMOST_TOKEN, waitFor } from "../standins.ts";

/** Mattermost ids are 26 lower-case letters and digits. */
export const mmId = (prefix: string) => prefix.padEnd(26, "0");

export const MM_BOT = { id: mmId("clawbot"), username: "clawbot" };

export interface MattermostPost {
  channel_id: string;
  message: string;
  root_id?: string;
}

export interface MattermostStandIn extends AsyncDisposable {
  base: string;
  calls: string[];
  posts: MattermostPost[];
  /** Actions clients sent after authenticating (`user_typing`, `ping`), with their data. */
  actions: { action: string; data: Record<string, unknown> }[];
  /** One entry per WebSocket that authenticated. */
  authenticated: number[];
  /** Push a `posted` event to the authenticated sockets. */
  push(event: PostedEvent): void;
  /** Close the sockets, as a server restart does. */
  drop(): void;
  waitForPost(pred: (p: MattermostPost) => boolean, timeoutMs?: number): Promise<MattermostPost>;
}

export interface PostedEvent {
  channelType: "D" | "O" | "P" | "G";
  post: Record<string, unknown>;
  mentions?: string[];
  senderName?: string;
}

export function mattermostStandIn(
  tokens: { rest?: string; socket?: string } = {},
): MattermostStandIn {
  const rest = tokens.rest ?? GOOD_MATTERMOST_TOKEN;
  const socketToken = tokens.socket ?? rest;
  const calls: string[] = [];
  const posts: MattermostPost[] = [];
  const actions: MattermostStandIn["actions"] = [];
  const authenticated: number[] = [];
  const sockets = new Set<WebSocket>();
  let seq = 0;

  const server = serveLocal(async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/api/v4/websocket") return websocket(req);
    calls.push(`${req.method} ${url.pathname}`);
    if (req.headers.get("authorization") !== `Bearer ${rest}`) {
      return Response.json({
        id: "api.context.session_expired.app_error",
        message: "Invalid or expired session, please login again.",
        status_code: 401,
      }, { status: 401 });
    }
    if (req.method === "GET" && url.pathname === "/api/v4/users/me") {
      return Response.json({ ...MM_BOT, is_bot: true });
    }
    if (req.method === "POST" && url.pathname === "/api/v4/posts") {
      const body = await req.json();
      posts.push({ channel_id: body.channel_id, message: body.message, root_id: body.root_id });
      return Response.json({ id: mmId(`p${posts.length}`), ...body }, { status: 201 });
    }
    return Response.json({ status_code: 404 }, { status: 404 });
  });

  function websocket(req: Request): Response {
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      if (m.action === "authentication_challenge") {
        if (m.data?.token !== socketToken) {
          socket.send(JSON.stringify({
            status: "FAIL",
            seq_reply: m.seq,
            error: { id: "api.web_socket_router.not_authenticated.app_error" },
          }));
          return socket.close();
        }
        sockets.add(socket);
        authenticated.push(Date.now());
        socket.send(JSON.stringify({ status: "OK", seq_reply: m.seq }));
        socket.send(JSON.stringify({
          event: "hello",
          data: { server_version: "10.0.0" },
          broadcast: { user_id: MM_BOT.id },
          seq: seq++,
        }));
        return;
      }
      actions.push({ action: m.action, data: m.data ?? {} });
      socket.send(JSON.stringify({ status: "OK", seq_reply: m.seq }));
    };
    socket.onclose = () => void sockets.delete(socket);
    return response;
  }

  return {
    base: server.base,
    calls,
    posts,
    actions,
    authenticated,
    push(e) {
      const frame = JSON.stringify({
        event: "posted",
        data: {
          channel_type: e.channelType,
          sender_name: e.senderName ?? "@alice",
          post: JSON.stringify(e.post),
          mentions: e.mentions ? JSON.stringify(e.mentions) : undefined,
        },
        broadcast: { channel_id: e.post.channel_id },
        seq: seq++,
      });
      for (const s of sockets) s.send(frame);
    },
    drop() {
      for (const s of sockets) s.close();
    },
    waitForPost: (pred, timeoutMs) => waitFor(posts, pred, timeoutMs),
    async [Symbol.asyncDispose]() {
      for (const s of sockets) s.close();
      await server.close();
    },
  };
}

let postCounter = 0;

/** A post by `userId` in `channelId` (a root post unless `rootId`). */
export function mmPost(userId: string, channelId: string, message: string, rootId = "") {
  return {
    id: mmId(`post${++postCounter}`),
    channel_id: channelId,
    user_id: userId,
    message,
    root_id: rootId,
    type: "",
    props: {},
  };
}
