/**
 * The Google Chat channel at run time. Google POSTs the Chat app's events
 * to the gateway's own port (channels.googlechat.webhookPath, default
 * /googlechat), each with a bearer token signed by Google for the
 * configured audience; a request without a valid one is answered 401 and
 * goes no further (../signed-webhook.ts). A MESSAGE event is answered 200
 * at once and handed to the shared gate (DM policy, pairing, the group
 * mention rule); replies go through the Chat API as the service account
 * (chat-api.ts), into the space the message came from.
 *
 * Google must be able to reach the gateway: Tailscale funnel or a reverse
 * proxy (docs/channels/googlechat.md).
 */
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { inboundGate } from "../inbound-gate.ts";
import { CredentialRejected, keepConnected, type KeepConnectedOptions } from "../reconnect.ts";
import { jwtVerifier, mountWebhook, signedWebhook } from "../signed-webhook.ts";
import { NO_STATUS } from "../status-board.ts";
import { absolute } from "../../config/paths.ts";
import { chatApi, GOOGLECHAT_MAX_MESSAGE } from "./chat-api.ts";
import { type AudienceType, chatCandidate, chatTokenRules } from "./event.ts";
import { GOOGLECHAT_API_BASE } from "./meta.ts";
import { DEFAULT_GOOGLECHAT_WEBHOOK_PATH, parseServiceAccount } from "./setup.ts";

interface GoogleChatSection {
  serviceAccountFile?: string;
  audienceType?: AudienceType;
  audience?: string;
  webhookPath?: string;
  allowFrom?: (string | number)[];
}

export interface GoogleChatOptions extends ChannelRuntimeStart {
  /** Waits between retries of the token check (tests make them short). */
  backoff?: KeepConnectedOptions["backoff"];
}

const FIX = "Fix channels.googlechat.serviceAccountFile: a current JSON key of the Chat app's " +
  "service account (IAM → Service accounts → Keys), with the Chat API enabled in its project.";

export async function startGoogleChat(opts: GoogleChatOptions): Promise<RunningChannel> {
  const status = opts.status ?? NO_STATUS;
  if (!opts.webhooks) {
    status.stopped(
      "Google Chat receives on the gateway's port: it runs in `openclaw gateway run`.",
    );
    return { stop: () => Promise.resolve() };
  }
  const section = (opts.config.channels?.googlechat ?? {}) as GoogleChatSection;
  const api = await chatApi(
    await readServiceAccount(section.serviceAccountFile ?? "", opts),
    opts.apiBase ?? opts.host.env("OPENCLAW_GOOGLECHAT_API_BASE") ?? GOOGLECHAT_API_BASE,
    () => opts.host.now().getTime(),
  );
  const stopper = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stopper.signal]) : stopper.signal;
  const gate = inboundGate("googlechat", opts, {
    maxLength: GOOGLECHAT_MAX_MESSAGE,
    send: (space, text, s) => stopOnRefusal(() => api.send(space, text, s)),
  }, signal);
  const allowFrom = (section.allowFrom ?? []).map((e) => String(e).trim());
  const hook = signedWebhook({
    verify: jwtVerifier(
      chatTokenRules(section.audienceType ?? "app-url", section.audience ?? "", opts.host),
    ),
    accept: (body) => {
      const r = chatCandidate(body, allowFrom);
      return "candidate" in r ? { event: r.candidate } : r;
    },
    handle: (c) => gate.handle(c),
    emit: gate.emit,
    // An empty object: no synchronous reply, the answer comes through the Chat API.
    ack: () => Response.json({}),
    signal,
  });
  const path = section.webhookPath ?? DEFAULT_GOOGLECHAT_WEBHOOK_PATH;
  const life = mountWebhook(opts.webhooks, path, hook.handler, async (s) => {
    await stopOnRefusal(() => api.token(s));
    return `receiving on ${path}`;
  });

  /** A key refused while answering stops the channel as one refused at start does. */
  async function stopOnRefusal<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof CredentialRejected) life.fail(err);
      throw err;
    }
  }

  const done = keepConnected({
    label: "Google Chat",
    signal,
    status,
    emit: gate.emit,
    session: life.session,
    fix: FIX,
    backoff: opts.backoff,
  }).finally(life.remove);
  return {
    stop: async () => {
      stopper.abort();
      await done;
      await hook.drain();
    },
  };
}

/** The key file, read and checked at start: a missing or broken one stops the channel at once. */
async function readServiceAccount(file: string, opts: ChannelRuntimeStart) {
  const path = absolute(file, opts.host);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    throw new Error(
      `cannot read channels.googlechat.serviceAccountFile ${path} (${(err as Error).name})`,
    );
  }
  const r = parseServiceAccount(text);
  if (!r.ok) throw new Error(`channels.googlechat.serviceAccountFile ${path}: ${r.problem}`);
  return r.key;
}

/** The gateway side of Google Chat: its webhook, while a key and an audience are set. */
export const googlechatRuntime: ChannelRuntime = {
  wanted: (s) => s.enabled !== false && Boolean(s.serviceAccountFile) && Boolean(s.audience),
  start: (opts) => startGoogleChat(opts),
};
