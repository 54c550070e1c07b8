/**
 * Telegram: the bot token's shape, and getMe to check it live.
 */
import type { Validator } from "../../wizard/prompter.ts";
import { type CheckOutcome, type CheckTarget, checkToken } from "../live-check.ts";
import { tokenShape } from "../schemas.ts";

/** Telegram bot tokens look like 123456789:AA… (bot id, colon, 35 url-safe characters). */
export const validateTelegramToken: Validator = tokenShape({
  empty: "Paste the bot token @BotFather gave you (it looks like 123456789:AA…).",
  pattern: /^\d{3,}:[A-Za-z0-9_-]{30,}$/,
  wrong: "That is not a Telegram bot token: it looks like 123456789:AAH… (digits, a colon, then " +
    "about 35 letters, digits, - or _). Copy it again from @BotFather.",
});

/** Telegram: getMe answers the bot's username for a good token, 401 for a bad one. */
export function checkTelegramToken(
  token: string,
  target: CheckTarget,
): Promise<CheckOutcome> {
  const opts = { apiBase: target.apiBase.telegram, timeoutMs: target.timeoutMs };
  const request = { base: opts.apiBase, path: `/bot${token}/getMe`, init: opts };
  return checkToken("Telegram", request, (r) => {
    const body = r.body as { ok?: boolean; result?: { username?: string }; description?: string };
    if (r.ok && body?.ok) return { identity: `@${body.result?.username ?? "?"}`, rejected: false };
    const rejected = r.status === 401 || r.status === 404 || r.status === 403;
    return { rejected, said: rejected ? `${r.status} ${body?.description ?? ""}` : undefined };
  });
}
