/**
 * Telegram: the bot token's shape, and getMe to check it live.
 */
import type { Validator } from "../../wizard/prompter.ts";
import { type CheckOutcome, fetchJson, unreachableReason } from "../live-check.ts";

/** Telegram bot tokens look like 123456789:AA… (bot id, colon, 35 url-safe characters). */
export const validateTelegramToken: Validator = (input) => {
  const v = input.trim();
  if (v === "") return "Paste the bot token @BotFather gave you (it looks like 123456789:AA…).";
  if (/\s/.test(v)) return "A bot token has no spaces or line breaks.";
  if (!/^\d{3,}:[A-Za-z0-9_-]{30,}$/.test(v)) {
    return "That is not a Telegram bot token: it looks like 123456789:AAH… (digits, a colon, then " +
      "about 35 letters, digits, - or _). Copy it again from @BotFather.";
  }
  return undefined;
};

/** Telegram: getMe answers the bot's username for a good token, 401 for a bad one. */
export async function checkTelegramToken(
  token: string,
  opts: { apiBase: string; timeoutMs: number },
): Promise<CheckOutcome> {
  try {
    const r = await fetchJson(`${opts.apiBase}/bot${token}/getMe`, { timeoutMs: opts.timeoutMs });
    const body = r.body as { ok?: boolean; result?: { username?: string }; description?: string };
    if (r.ok && body?.ok) return { status: "valid", identity: `@${body.result?.username ?? "?"}` };
    if (r.status === 401 || r.status === 404 || r.status === 403) {
      return {
        status: "rejected",
        reason: `Telegram rejected the token (${r.status} ${body?.description ?? ""})`.trim(),
      };
    }
    return { status: "unreachable", reason: `Telegram answered ${r.status}; try again later` };
  } catch (err) {
    return { status: "unreachable", reason: unreachableReason(err, opts.apiBase, opts.timeoutMs) };
  }
}
