/** Telegram, the whole channel (loaded through the registry; see ../meta.ts). */
import { describeChannel, tokenChecks } from "../descriptor.ts";
import { telegramMeta } from "./meta.ts";
import { setupTelegram } from "./setup.ts";
import { checkTelegramToken } from "./check.ts";
import { notifyApproved } from "./notify.ts";

export const telegramChannel = describeChannel(telegramMeta, {
  setup: setupTelegram,
  notifyApproved,
  ...tokenChecks("telegram", "botToken", checkTelegramToken),
});
