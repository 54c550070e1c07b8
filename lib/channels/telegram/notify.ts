/**
 * `pairing approve --notify` on Telegram: the bot tells the approved sender.
 */
import type { Host } from "../../host.ts";
import type { Section } from "../meta.ts";
import { TELEGRAM_API_BASE } from "./meta.ts";
import { TelegramBotApi } from "./api.ts";

/** Sends the approval message; returns why it could not, if it could not. */
export async function notifyApproved(
  settings: Section,
  host: Host,
  chatId: string,
): Promise<string | undefined> {
  const token = typeof settings.botToken === "string" ? settings.botToken : undefined;
  if (!token) return "channels.telegram.botToken is not set; the sender was approved but not told.";
  const api = new TelegramBotApi(
    host.env("OPENCLAW_TELEGRAM_API_BASE") ?? TELEGRAM_API_BASE,
    token,
  );
  try {
    await api.sendMessage(
      chatId,
      "You're approved: your messages now reach the assistant.",
      AbortSignal.timeout(5000),
    );
    return undefined;
  } catch (err) {
    return `could not message the sender (${(err as Error).message}); they were approved.`;
  }
}
