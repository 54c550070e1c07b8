/**
 * Stand-ins for the platforms' APIs, on 127.0.0.1 and port 0: the Telegram
 * Bot API (getMe, getUpdates with long polling, sendMessage) and the few
 * Discord routes setup uses. Tests push updates and read what was sent.
 */
import type { TelegramUpdate, TelegramUser } from "../../lib/channels/telegram/api.ts";
import { serveLocal } from "../helpers/local-server.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import {
  type InboundMessage,
  startTelegramChannel,
  type TelegramEvent,
} from "../../lib/channels/telegram/runtime.ts";
import { realHost } from "../../lib/host.ts";
import { testHost } from "../helpers/host.ts";

export const GOOD_TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";
export const GOOD_DISCORD_TOKEN =
  "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB";

export interface SentMessage {
  chat_id: number | string;
  text: string;
}

export interface ChatAction {
  chat_id: number | string;
  action: string;
}

export interface TelegramStandIn extends AsyncDisposable {
  base: string;
  sent: SentMessage[];
  calls: string[];
  /** sendChatAction calls ("typing"), in order. */
  actions: ChatAction[];
  push(update: Omit<TelegramUpdate, "update_id">): void;
  /**
   * End the long poll now, empty, as Telegram does when its timeout runs out (the poll waiting,
   * or the next one if none is yet), instead of holding it for up to 2 s of real time.
   */
  endPoll(): void;
  /** Resolves when a sendMessage matching `pred` arrives. */
  waitForSend(pred: (m: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
}

/**
 * `chats`: what getChat answers for "@name" (public channels and groups, and
 * the rare user Telegram lets a bot look up); any other name is "chat not
 * found", as Telegram answers for most people.
 */
export function telegramStandIn(
  validToken = GOOD_TELEGRAM_TOKEN,
  chats: Record<string, { id: number; type: string }> = {},
): TelegramStandIn {
  const queue: TelegramUpdate[] = [];
  const sent: SentMessage[] = [];
  const calls: string[] = [];
  const actions: ChatAction[] = [];
  let nextId = 1;
  let wake: (() => void)[] = [];
  let endNextPoll = 0;
  const sendWaiters: { pred: (m: SentMessage) => boolean; resolve: (m: SentMessage) => void }[] =
    [];

  const server = serveLocal(async (req) => {
    const url = new URL(req.url);
    const m = url.pathname.match(/^\/bot([^/]+)\/(\w+)$/);
    if (!m) return Response.json({ ok: false, description: "Not Found" }, { status: 404 });
    const [, token, method] = m;
    calls.push(method);
    const body = req.method === "POST"
      ? await req.json().catch(() => ({}))
      : Object.fromEntries(url.searchParams);
    if (token !== validToken) {
      return Response.json({ ok: false, error_code: 401, description: "Unauthorized" }, {
        status: 401,
      });
    }
    if (method === "getMe") {
      return Response.json({
        ok: true,
        result: { id: 123456789, is_bot: true, first_name: "Claw", username: "claw_test_bot" },
      });
    }
    if (method === "getChat") {
      const chat = chats[String(body.chat_id)];
      return chat ? Response.json({ ok: true, result: chat }) : Response.json(
        { ok: false, error_code: 400, description: "Bad Request: chat not found" },
        { status: 400 },
      );
    }
    if (method === "getUpdates") {
      const offset = Number(body.offset ?? 0);
      const pending = () => queue.filter((u) => u.update_id >= offset);
      if (pending().length === 0 && endNextPoll > 0) {
        endNextPoll--;
      } else if (pending().length === 0) {
        const waitMs = Math.min(Number(body.timeout ?? 0) * 1000, 2000);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, waitMs);
          wake.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return Response.json({ ok: true, result: pending() });
    }
    if (method === "sendChatAction") {
      actions.push({ chat_id: body.chat_id, action: String(body.action) });
      return Response.json({ ok: true, result: true });
    }
    if (method === "sendMessage") {
      const msg = { chat_id: body.chat_id, text: String(body.text) };
      sent.push(msg);
      for (const w of [...sendWaiters]) {
        if (w.pred(msg)) {
          sendWaiters.splice(sendWaiters.indexOf(w), 1);
          w.resolve(msg);
        }
      }
      return Response.json({
        ok: true,
        result: { message_id: sent.length, chat: { id: body.chat_id, type: "private" }, date: 0 },
      });
    }
    return Response.json({ ok: false, description: `unknown method ${method}` }, { status: 404 });
  });
  return {
    base: server.base,
    sent,
    calls,
    actions,
    push(update) {
      queue.push({ update_id: nextId++, ...update });
      const w = wake;
      wake = [];
      w.forEach((f) => f());
    },
    endPoll() {
      const w = wake;
      wake = [];
      if (w.length === 0) endNextPoll++;
      w.forEach((f) => f());
    },
    waitForSend(pred, timeoutMs = 5000) {
      const hit = sent.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error("no matching sendMessage in time")), timeoutMs);
        sendWaiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
      });
    },
    async [Symbol.asyncDispose]() {
      wake.forEach((f) => f());
      await server.close();
    },
  };
}

/** A private-chat message from a user. */
export function dm(userId: number, text: string, username = "alice") {
  return dmFrom({ id: userId, first_name: "Alice", username }, text);
}

/** A private-chat message from exactly this sender (names as the sender chose them). */
export function dmFrom(from: Omit<TelegramUser, "is_bot">, text: string) {
  return {
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      from: { is_bot: false, ...from },
      chat: { id: from.id, type: "private" as const },
      date: 1764300000,
      text,
    },
  };
}

export interface DiscordStandIn extends AsyncDisposable {
  base: string;
}

/** users/@me, users/@me/guilds and guild member search, for one valid token. */
export function discordStandIn(
  members: { id: string; username: string; nick?: string; global_name?: string }[] = [],
  validToken = GOOD_DISCORD_TOKEN,
): DiscordStandIn {
  const server = serveLocal((req) => {
    const url = new URL(req.url);
    if (req.headers.get("authorization") !== `Bot ${validToken}`) {
      return Response.json({ message: "401: Unauthorized", code: 0 }, { status: 401 });
    }
    if (url.pathname === "/users/@me") {
      return Response.json({ id: "999", username: "clawbot", bot: true });
    }
    if (url.pathname === "/users/@me/guilds") return Response.json([{ id: "555", name: "Home" }]);
    const m = url.pathname.match(/^\/guilds\/555\/members\/search$/);
    if (m) {
      const q = (url.searchParams.get("query") ?? "").toLowerCase();
      // Discord's search matches usernames and nicknames by prefix.
      return Response.json(
        members.filter((x) =>
          [x.username, x.nick, x.global_name].some((n) => n?.toLowerCase().startsWith(q))
        ).map(({ nick, ...user }) => ({ user, nick })),
      );
    }
    return Response.json({ message: "Not Found" }, { status: 404 });
  });
  return { base: server.base, [Symbol.asyncDispose]: () => server.close() };
}

export const GOOD_MATTERMOST_TOKEN = "mm-token-abcdef123456";
export const GOOD_BLUEBUBBLES_PASSWORD = "s3cret-pass";

/** A self-hosted server: Mattermost's users/me and BlueBubbles' ping, one good credential each. */
export function selfHostedStandIn(): DiscordStandIn {
  const server = serveLocal((req) => {
    const url = new URL(req.url);
    if (url.pathname === "/api/v4/users/me") {
      return req.headers.get("authorization") === `Bearer ${GOOD_MATTERMOST_TOKEN}`
        ? Response.json({ id: "u1", username: "clawbot" })
        : Response.json({ message: "Invalid or expired session" }, { status: 401 });
    }
    if (url.pathname === "/api/v1/ping") {
      return url.searchParams.get("password") === GOOD_BLUEBUBBLES_PASSWORD
        ? Response.json({ status: 200, message: "Ping received!", data: "pong" })
        : Response.json({ status: 401, message: "Unauthorized" }, { status: 401 });
    }
    return new Response("Not Found", { status: 404 });
  });
  return { base: server.base, [Symbol.asyncDispose]: () => server.close() };
}

export const GOOD_SLACK_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUv";
export const GOOD_SLACK_APP_TOKEN = "xapp-1-A0123456789-1234567890-abcdef0123456789";

export interface SlackStandIn extends AsyncDisposable {
  base: string;
  /** Web API methods called, in order (auth.test, users.list, users.lookupByEmail). */
  calls: string[];
}

/**
 * The Slack Web API methods setup uses, for one valid bot token. users.list
 * answers one member per page to exercise the cursor; Slack answers HTTP 200
 * with ok:false for a bad token, as the real API does.
 */
export function slackStandIn(
  members: { id: string; name: string; real_name?: string; email?: string }[] = [],
  validToken = GOOD_SLACK_TOKEN,
): SlackStandIn {
  const calls: string[] = [];
  const server = serveLocal((req) => {
    const url = new URL(req.url);
    const method = url.pathname.replace(/^\//, "");
    calls.push(method);
    if (req.headers.get("authorization") !== `Bearer ${validToken}`) {
      return Response.json({ ok: false, error: "invalid_auth" });
    }
    if (method === "auth.test") {
      return Response.json({ ok: true, user: "clawbot", team: "Home", user_id: "UBOT00001" });
    }
    if (method === "users.list") {
      const at = Number(url.searchParams.get("cursor") || 0);
      const page = members.slice(at, at + 1).map((m) => ({
        id: m.id,
        name: m.name,
        real_name: m.real_name,
        profile: { display_name: m.name, real_name: m.real_name, email: m.email },
      }));
      const next = at + 1 < members.length ? String(at + 1) : "";
      return Response.json({ ok: true, members: page, response_metadata: { next_cursor: next } });
    }
    if (method === "users.lookupByEmail") {
      const hit = members.find((m) => m.email === url.searchParams.get("email"));
      return Response.json(
        hit ? { ok: true, user: { id: hit.id } } : {
          ok: false,
          error: "users_not_found",
        },
      );
    }
    return Response.json({ ok: false, error: "unknown_method" }, { status: 404 });
  });
  return { base: server.base, calls, [Symbol.asyncDispose]: () => server.close() };
}

export const GOOD_MATRIX_TOKEN = "syt_Y2xhd2JvdA_abcdefghijklmnop_0A1B2C";

/** A Matrix homeserver's account/whoami, for one valid access token. */
export function matrixStandIn(validToken = GOOD_MATRIX_TOKEN): DiscordStandIn {
  const server = serveLocal((req) => {
    const url = new URL(req.url);
    if (url.pathname !== "/_matrix/client/v3/account/whoami") {
      return Response.json({ errcode: "M_UNRECOGNIZED" }, { status: 404 });
    }
    return req.headers.get("authorization") === `Bearer ${validToken}`
      ? Response.json({ user_id: "@clawbot:example.org", device_id: "OPENCLAW" })
      : Response.json({ errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token" }, {
        status: 401,
      });
  });
  return { base: server.base, [Symbol.asyncDispose]: () => server.close() };
}

/** Poll `items` until one matches `pred`; rejects after `timeoutMs`. */
export function waitFor<T>(items: T[], pred: (t: T) => boolean, timeoutMs = 8000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const hit = items.find(pred);
      if (hit) return resolve(hit);
      if (Date.now() - started > timeoutMs) return reject(new Error("timed out"));
      setTimeout(tick, 20);
    };
    tick();
  });
}

/** A channel runtime's host (the temp HOME, no environment) and state paths. */
export function runtimeHost(home: string) {
  const paths = resolvePaths(testHost({ home }));
  const host = { ...realHost(), home, env: (_: string) => undefined };
  return { host, paths };
}

/**
 * The Telegram runtime against the stand-in (1 s polls) under the temp HOME;
 * what it accepts and every event are recorded. Stop it with `channel.stop()`.
 */
export function telegramChannelOn(
  home: string,
  api: TelegramStandIn,
  config: Parameters<typeof startTelegramChannel>[0]["config"],
) {
  const { host, paths } = runtimeHost(home);
  const accepted: InboundMessage[] = [];
  const events: TelegramEvent[] = [];
  const channel = startTelegramChannel({
    config,
    paths,
    host,
    apiBase: api.base,
    pollTimeoutSec: 1,
    onMessage: (m) => void accepted.push(m),
    onEvent: (e) => void events.push(e),
  });
  return { channel, accepted, events, host, paths };
}
