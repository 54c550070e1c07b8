/**
 * Discord: the bot token's shape, and users/@me to check it live.
 */
import type { Validator } from "../../wizard/prompter.ts";
import { type CheckOutcome, type CheckTarget, checkToken } from "../live-check.ts";
import { tokenShape } from "../schemas.ts";

/** Discord bot tokens are three base64url parts joined by dots. */
export const validateDiscordToken: Validator = tokenShape({
  empty: "Paste the bot token from the Discord Developer Portal (Bot → Reset Token).",
  pattern: /^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/,
  wrong: "That is not a Discord bot token: it has three parts separated by dots " +
    "(MTA…​.Gx….abc…). Copy it again from the Developer Portal, Bot tab.",
  tidy: (v) => v.replace(/^Bot\s+/i, ""),
});

/** Discord: users/@me answers the bot user for a good token, 401 for a bad one. */
export function checkDiscordToken(
  token: string,
  target: CheckTarget,
): Promise<CheckOutcome> {
  const opts = { apiBase: target.apiBase.discord, timeoutMs: target.timeoutMs };
  const headers = { Authorization: `Bot ${token}` };
  const request = { base: opts.apiBase, path: "/users/@me", init: { ...opts, headers } };
  return checkToken("Discord", request, (r) => {
    const body = r.body as { username?: string; bot?: boolean; message?: string };
    if (r.ok && body?.username) return { identity: body.username, rejected: false };
    if (r.status !== 401 && r.status !== 403) return { rejected: false };
    return { rejected: true, said: `${r.status} ${body?.message ?? ""}` };
  });
}
