/**
 * Telegram, the data part: what `openclaw onboard --help` and the channel
 * pick need, without loading the setup (see ../meta.ts).
 */
import { channelMeta, secret } from "../meta.ts";
import { cli } from "../../platform/invocation.ts";

/** The Bot API; OPENCLAW_TELEGRAM_API_BASE moves it. */
export const TELEGRAM_API_BASE = "https://api.telegram.org";

export const telegramMeta = channelMeta("telegram", "Telegram", "bot token", {
  fields: [
    secret("botToken", "--telegram-bot-token <token>", "--token <token>", "TELEGRAM_BOT_TOKEN")
      .help("Telegram bot token from @BotFather"),
  ],
  config: { botToken: "secret" },
  apiBase: { url: TELEGRAM_API_BASE, env: "OPENCLAW_TELEGRAM_API_BASE" },
  senderIds: {
    // User ids are positive integers; names and @usernames can be chosen by anyone.
    isId: (e) => /^[1-9]\d{0,19}$/.test(e),
    hint: "numeric Telegram user ids, e.g. 123456789",
    // A getter: the commands are written the way this run was started, known only at run time.
    get findId() {
      return "to learn someone's id, use --dm-policy pairing, let them message the bot and run " +
        `\`${cli("pairing list telegram")}\` then \`${cli("pairing approve telegram <code>")}\` ` +
        "(that records their id), or ask them to message @userinfobot";
    },
  },
  load: () => import("./channel.ts").then((m) => m.telegramChannel),
});
