/** Telegram, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel, tokenChecks } from "../descriptor.ts";
import { telegramMeta } from "./meta.ts";
import { setupTelegram } from "./setup.ts";
import { checkTelegramToken } from "./check.ts";
import { notifyApproved } from "./notify.ts";
import { telegramRuntime } from "./runtime.ts";

export const telegramChannel = describeChannel(telegramMeta, {
  setup: setupTelegram,
  notifyApproved,
  runtime: telegramRuntime,
  ...tokenChecks("telegram", "botToken", checkTelegramToken),
});
