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
import { needsGateway, startPushChannel } from "../push-channel.ts";
import { jwtVerifier } from "../signed-webhook.ts";
import { absolute } from "../../config/paths.ts";
import { chatApi, GOOGLECHAT_MAX_MESSAGE } from "./chat-api.ts";
import { type AudienceType, chatCandidate, chatTokenRules } from "./event.ts";
import { GOOGLECHAT_API_BASE } from "./meta.ts";
import {
  DEFAULT_GOOGLECHAT_WEBHOOK_PATH,
  parseServiceAccount,
  type ServiceAccount,
} from "./setup.ts";

interface GoogleChatSection {
  serviceAccountFile?: string;
  audienceType?: AudienceType;
  audience?: string;
  webhookPath?: string;
  allowFrom?: (string | number)[];
}

const FIX = "Fix channels.googlechat.serviceAccountFile: a current JSON key of the Chat app's " +
  "service account (IAM → Service accounts → Keys), with the Chat API enabled in its project.";

export async function startGoogleChat(opts: ChannelRuntimeStart): Promise<RunningChannel> {
  const absent = needsGateway("Google Chat", opts);
  if (absent) return absent;
  const section = (opts.config.channels?.googlechat ?? {}) as GoogleChatSection;
  const api = await chatApi(
    await readServiceAccount(section.serviceAccountFile ?? "", opts),
    opts.apiBase ?? opts.host.env("OPENCLAW_GOOGLECHAT_API_BASE") ?? GOOGLECHAT_API_BASE,
    () => opts.host.now().getTime(),
  );
  const allowFrom = (section.allowFrom ?? []).map((e) => String(e).trim());
  return startPushChannel({
    channel: "googlechat",
    label: "Google Chat",
    start: opts,
    path: section.webhookPath ?? DEFAULT_GOOGLECHAT_WEBHOOK_PATH,
    fix: FIX,
    sender: {
      maxLength: GOOGLECHAT_MAX_MESSAGE,
      send: (space, text, s) => api.send(space, text, s),
    },
    checkCredential: (s) => api.token(s),
    verify: jwtVerifier(
      chatTokenRules(section.audienceType ?? "app-url", section.audience ?? "", opts.host),
    ),
    accept: (body) => {
      const r = chatCandidate(body, allowFrom);
      return "candidate" in r ? { event: r.candidate } : r;
    },
    handle: (candidate, gate) => gate.handle(candidate),
    // An empty object: no synchronous reply, the answer comes through the Chat API.
    ack: () => Response.json({}),
  });
}

/** The key file, read and checked at start: a missing or broken one stops the channel at once. */
async function readServiceAccount(
  file: string,
  opts: ChannelRuntimeStart,
): Promise<ServiceAccount> {
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
