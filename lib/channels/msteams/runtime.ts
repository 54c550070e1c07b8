/**
 * The Microsoft Teams channel at run time: the bot's Bot Framework
 * messaging endpoint on the gateway's own port (channels.msteams.webhookPath,
 * default /api/messages). Each activity's bearer token must be signed by
 * the Bot Connector for this app id and name the activity's service URL
 * (activity.ts); anything else is answered 401 and goes no further. A
 * message is answered 200 at once and handed to the shared gate (DM policy,
 * pairing, the group mention rule); replies and typing go back through the
 * connector at that service URL, into the same conversation (connector.ts).
 *
 * Microsoft must be able to reach the gateway: Tailscale funnel or a
 * reverse proxy (docs/channels/msteams.md).
 */
import type { ChannelRuntime, ChannelRuntimeStart, RunningChannel } from "../channel-runtime.ts";
import { needsGateway, startPushChannel } from "../push-channel.ts";
import { jwtVerifier } from "../signed-webhook.ts";
import { MSTEAMS_MAX_MESSAGE, TeamsConnector } from "./connector.ts";
import { teamsMessage, teamsTokenRules } from "./activity.ts";
import { DEFAULT_MSTEAMS_WEBHOOK_PATH, MSTEAMS_LOGIN_BASE } from "./meta.ts";

interface TeamsSection {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  webhookPath?: string;
}

const FIX = "Fix channels.msteams.appPassword (a current client secret of the bot's app " +
  "registration: Certificates & secrets → Value) and check appId and tenantId.";

export function startMSTeams(opts: ChannelRuntimeStart): RunningChannel {
  const absent = needsGateway("Microsoft Teams", opts);
  if (absent) return absent;
  const section = (opts.config.channels?.msteams ?? {}) as TeamsSection;
  const appId = section.appId ?? "";
  const connector = new TeamsConnector(
    { appId, appPassword: section.appPassword ?? "", tenantId: section.tenantId },
    opts.apiBase ?? opts.host.env("OPENCLAW_MSTEAMS_API_BASE") ?? MSTEAMS_LOGIN_BASE,
    () => opts.host.now().getTime(),
  );
  return startPushChannel({
    channel: "msteams",
    label: "Microsoft Teams",
    start: opts,
    path: section.webhookPath ?? DEFAULT_MSTEAMS_WEBHOOK_PATH,
    fix: FIX,
    sender: {
      maxLength: MSTEAMS_MAX_MESSAGE,
      send: (conversation, text, s) => connector.post(conversation, { type: "message", text }, s),
      typing: (conversation, s) => connector.post(conversation, { type: "typing" }, s),
    },
    checkCredential: (s) => connector.token(s),
    verify: jwtVerifier(teamsTokenRules(appId, opts.host)),
    accept: teamsMessage,
    handle: (m, gate) => {
      connector.remember(m.candidate.chatId, m.serviceUrl);
      return gate.handle(m.candidate);
    },
    // The Bot Framework wants 200 (or 202) quickly; the answer is a separate activity.
    ack: () => new Response(null, { status: 200 }),
  });
}

/** The gateway side of Teams: its messaging endpoint, while the app id and secret are set. */
export const msteamsRuntime: ChannelRuntime = {
  wanted: (s) => s.enabled !== false && Boolean(s.appId) && Boolean(s.appPassword),
  start: (opts) => startMSTeams(opts),
};
