/**
 * Slack, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { type ChannelMeta, dmFields } from "../meta.ts";

export const slackMeta = {
  id: "slack",
  label: "Slack",
  hint: "bot token (+ app token)",
  fields: [
    {
      key: "botToken",
      onboard: "--slack-bot-token <token>",
      add: "--bot-token <token>",
      description: "Slack bot token (xoxb-…, OAuth & Permissions)",
      env: "SLACK_BOT_TOKEN",
    },
    {
      key: "appToken",
      onboard: "--slack-app-token <token>",
      add: "--app-token <token>",
      description: "Slack app-level token (xapp-…) for Socket Mode; optional",
      env: "SLACK_APP_TOKEN",
    },
    ...dmFields("slack"),
  ],
  config: { botToken: "secret", appToken: "secret" },
  legacyKeys: ["slack"],
  apiBase: { url: "https://slack.com/api", env: "OPENCLAW_SLACK_API_BASE" },
  senderIds: {
    isId: (e) => /^[UW][A-Z0-9]{6,}$/.test(e),
    hint: "Slack member ids like U0123ABCD (profile → ⋮ → Copy member ID)",
  },
  load: () => import("./channel.ts").then((m) => m.slackChannel),
} as const satisfies ChannelMeta<"slack">;
