/**
 * The BlueBubbles channel at run time. BlueBubbles pushes: its server POSTs
 * every new message to a path on the gateway's own port (webhook.ts says
 * how it authenticates), and openclaw answers through the server's REST API
 * (api.ts). Each message goes to the shared gate (../inbound-gate.ts) for
 * the DM policy, pairing and the group rule; iMessage has no bot mentions,
 * so a group message counts as mentioning the bot when it names it
 * (../name-mention.ts).
 *
 * There is no connection to keep: the "session" pings the server (a refused
 * password stops the channel), then pings it again every minute so `channels
 * status` shows a server that went away, and reconnects with backoff.
 */
import type { ChannelRuntime } from "../channel-runtime.ts";
import type { WebhookRequest } from "../../gateway/webhooks.ts";
import { type InboundGate, inboundGate } from "../inbound-gate.ts";
import { abortableSleep, CredentialRejected } from "../reconnect.ts";
import { type ChannelLoop, type ChannelLoopStart, channelStopper } from "../channel-loop.ts";
import { NO_STATUS } from "../status-board.ts";
import { mentionNames, nameMention } from "../name-mention.ts";
import { DEFAULT_BLUEBUBBLES_WEBHOOK_PATH } from "./setup.ts";
import { BlueBubblesApi, BlueBubblesApiError } from "./api.ts";
import { type BlueBubblesMessage, parseWebhook, webhookAuthorized } from "./webhook.ts";

/**
 * iMessage has no hard limit on a text, but a long answer reads better as a
 * few bubbles than as one screen-filling one.
 */
export const BLUEBUBBLES_MAX_MESSAGE = 4000;

/** How often a connected server is pinged to notice it went away. */
const HEALTH_EVERY_MS = 60_000;

/** Message guids remembered to drop a webhook the server delivers twice. */
const SEEN_LIMIT = 500;

interface BlueBubblesSection {
  serverUrl?: string;
  password?: string;
  webhookPath?: string;
  mentionNames?: string;
}

export function startBlueBubblesChannel(opts: ChannelLoopStart): ChannelLoop {
  const section = (opts.config.channels?.bluebubbles ?? {}) as BlueBubblesSection;
  const status = opts.status ?? NO_STATUS;
  if (!section.password) throw new Error("channels.bluebubbles.password is not set");
  if (!opts.webhooks) {
    const why = "BlueBubbles delivers messages to the gateway's webhook path: it runs only " +
      "inside the gateway (openclaw gateway run).";
    status.stopped(why);
    opts.onEvent?.({ type: "error", message: why });
    return { done: Promise.resolve(), stop: () => Promise.resolve() };
  }
  const serverUrl = opts.apiBase ?? opts.host.env("OPENCLAW_BLUEBUBBLES_API_BASE") ??
    section.serverUrl;
  if (!serverUrl) throw new Error("channels.bluebubbles.serverUrl is not set");
  const password = section.password;
  const api = new BlueBubblesApi(serverUrl, password, () => tempGuid(opts.host.randomBytes(12)));
  const loop = channelStopper(opts.signal);
  const gate = inboundGate("bluebubbles", opts, {
    maxLength: BLUEBUBBLES_MAX_MESSAGE,
    send: (chatGuid, text, s) => api.sendText(chatGuid, text, s),
  }, loop.signal);
  const path = section.webhookPath ?? DEFAULT_BLUEBUBBLES_WEBHOOK_PATH;
  // The gateway hands the whole config: the default agent's name is the default mention.
  const names = mentionNames(section, opts.config as { agents?: unknown });
  const inbound = new WebhookInbound(gate, password, names);
  const removeHook = opts.webhooks.add(path, (req) => inbound.receive(req));

  async function session(s: AbortSignal, connected: (detail?: string) => void): Promise<void> {
    await refusedIsFatal(() => api.ping(s));
    const info = await api.serverInfo(s).catch(() => ({ server_version: undefined }));
    const version = typeof info.server_version === "string"
      ? `server v${info.server_version.slice(0, 40)}`
      : "server answers";
    connected(`${version}; webhook ${path}`);
    while (!s.aborted) {
      await abortableSleep(HEALTH_EVERY_MS, s);
      if (!s.aborted) await refusedIsFatal(() => api.ping(s));
    }
  }

  const running = loop.run({
    label: "BlueBubbles",
    status,
    emit: gate.emit,
    session,
    fix: "Fix channels.bluebubbles.password (the server password in BlueBubbles → Settings).",
    backoff: opts.backoff,
  }, () => inbound.settled());
  void running.done.finally(removeHook); // a stopped channel takes no more webhooks
  return running;
}

/** Turns authenticated webhook requests into gate candidates. */
class WebhookInbound {
  private readonly seen = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly mention;

  constructor(
    private readonly gate: InboundGate,
    private readonly password: string,
    names: string[],
  ) {
    this.mention = nameMention(names);
  }

  receive(req: WebhookRequest): Promise<Response> {
    if (!webhookAuthorized(req, this.password)) {
      this.gate.emit({
        type: "ignored",
        reason: `a webhook request without the server password from ${req.remoteAddr}`,
      });
      return Promise.resolve(new Response("Unauthorized\n", { status: 401 }));
    }
    const parsed = parseWebhook(req.body);
    if (parsed.kind === "invalid") {
      this.gate.emit({ type: "ignored", reason: `a webhook event: ${parsed.why}` });
      return Promise.resolve(new Response(`${parsed.why}\n`, { status: 400 }));
    }
    if (parsed.kind === "skipped") {
      this.gate.emit({ type: "ignored", reason: `a webhook event: ${parsed.why}` });
    }
    if (parsed.kind === "message" && this.firstTime(parsed.message.guid)) {
      // Answered at once (a pairing reply or a slow send must not time the server's webhook
      // out), handled one after another so a sender's messages reach the agent in order.
      const m = parsed.message;
      this.queue = this.queue.then(() => this.handle(m)).catch((err) =>
        this.gate.emit({ type: "error", message: `BlueBubbles: ${(err as Error).message}` })
      );
    }
    return Promise.resolve(new Response("ok\n"));
  }

  /** Waits for the messages being handled (stop). */
  settled(): Promise<void> {
    return this.queue;
  }

  private firstTime(guid: string): boolean {
    if (!guid) return true;
    if (this.seen.has(guid)) return false;
    this.seen.add(guid);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  private handle(m: BlueBubblesMessage): Promise<void> {
    const group = m.chatType === "group";
    return this.gate.handle({
      // Apple IDs are e-mail addresses, case-insensitive; phone numbers come in E.164.
      senderId: m.sender.includes("@") ? m.sender.toLowerCase() : m.sender,
      chatId: m.chatGuid,
      chatType: m.chatType,
      name: m.name,
      text: group ? this.mention.strip(m.text) : m.text,
      mentioned: group && this.mention.mentioned(m.text),
      fromBot: m.fromMe,
    });
  }
}

/** 401 means the password is wrong: stop instead of retrying. */
async function refusedIsFatal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof BlueBubblesApiError && err.status === 401) {
      throw new CredentialRejected("the password (401)");
    }
    throw err;
  }
}

function tempGuid(bytes: Uint8Array): string {
  return `openclaw-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The gateway side of BlueBubbles: its webhook and REST replies while a password is set. */
export const bluebubblesRuntime: ChannelRuntime = {
  wanted: (section) =>
    section.enabled !== false && Boolean(section.password) && Boolean(section.serverUrl),
  start: (opts) => startBlueBubblesChannel(opts),
};
