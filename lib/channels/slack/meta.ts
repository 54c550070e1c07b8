/**
 * Slack, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, secret } from "../meta.ts";

export const slackMeta = channelMeta("slack", "Slack", "bot token (+ app token)", {
  fields: [
    secret("botToken", "--slack-bot-token <token>", "--bot-token <token>", "SLACK_BOT_TOKEN")
      .help("Slack bot token (xoxb-…, OAuth & Permissions)"),
    secret("appToken", "--slack-app-token <token>", "--app-token <token>", "SLACK_APP_TOKEN")
      .help("Slack app-level token (xapp-…) for Socket Mode; optional"),
  ],
  config: { botToken: "secret", appToken: "secret" },
  apiBase: { url: "https://slack.com/api", env: "OPENCLAW_SLACK_API_BASE" },
  senderIds: {
    isId: (e) => /^[UW][A-Z0-9]{6,}$/.test(e),
    hint: "Slack member ids like U0123ABCD (profile → ⋮ → Copy member ID)",
  },
  load: () => import("./channel.ts").then((m) => m.slackChannel),
});
