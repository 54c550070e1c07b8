/**
 * Telegram: a bot token from @BotFather (shape checked, then verified live
 * with getMe when the Bot API is reachable) → channels.telegram.botToken.
 */
import {
  askKeptSecret,
  type ChannelPlan,
  type ChannelSetupContext,
  edit,
  flagOf,
} from "./context.ts";
import { validateTelegramToken } from "./schemas.ts";
import { checkTelegramToken } from "./live-check.ts";
import { askDmAccess } from "./dm-access.ts";
import { verifyLive } from "./verify.ts";

export async function setupTelegram(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const token = await verifyLive(
    ctx,
    "Telegram bot token",
    () =>
      askKeptSecret(ctx, "telegram", "botToken", {
        message: "Telegram bot token",
        firstMessage: "Telegram bot token (from @BotFather)",
        placeholder: "123456789:AA…",
        validate: validateTelegramToken,
      }),
    (t) => checkTelegramToken(t, { apiBase: ctx.apiBase.telegram, timeoutMs: ctx.timeoutMs }),
    flagOf(ctx, "telegram", "botToken"),
  );
  const dm = await askDmAccess(ctx, "telegram", {
    idHint: "numeric Telegram user ids; message @userinfobot to learn yours",
  });
  return {
    configEdits: [edit("telegram", "enabled", true), edit("telegram", "botToken", token), ...dm],
    secrets: [token],
    nextSteps: [
      "Telegram: DM your bot; it answers with a pairing code. Approve it with `openclaw pairing approve telegram <code>`.",
    ],
  };
}
