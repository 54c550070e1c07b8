/**
 * Slack: the tokens' shapes, and auth.test to check the bot token live.
 */
import type { Validator } from "../../wizard/prompter.ts";
import { type CheckOutcome, type CheckTarget, checkToken } from "../live-check.ts";
import { tokenShape } from "../schemas.ts";

/** Slack tokens: a prefix (xoxb- for the bot, xapp- for the app) then dash-separated parts. */
function slackTokenValidator(prefix: string, what: string, where: string): Validator {
  return tokenShape({
    empty: `Paste the ${what} (${where}).`,
    spaces: "A token has no spaces or line breaks.",
    pattern: new RegExp(`^${prefix}-[A-Za-z0-9-]{10,}$`),
    wrong: `That is not a Slack ${what}: it starts with ${prefix}- (${where}).`,
  });
}

export const validateSlackBotToken: Validator = slackTokenValidator(
  "xoxb",
  "bot token",
  "OAuth & Permissions → Bot User OAuth Token",
);
export const validateSlackAppToken: Validator = slackTokenValidator(
  "xapp",
  "app-level token",
  "Basic Information → App-Level Tokens, scope connections:write",
);

/** Slack Web API errors that mean the token itself is wrong (the others are transient; the runtime stops on these). */
export const SLACK_BAD_TOKEN: ReadonlySet<string> = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
]);

/** Slack: auth.test answers ok with the bot user and workspace; a bad token is ok:false. */
export function checkSlackToken(
  token: string,
  target: CheckTarget,
): Promise<CheckOutcome> {
  const opts = { apiBase: target.apiBase.slack, timeoutMs: target.timeoutMs };
  const init = { ...opts, method: "POST", headers: { Authorization: `Bearer ${token}` } };
  return checkToken("Slack", { base: opts.apiBase, path: "/auth.test", init }, (r) => {
    const body = r.body as { ok?: boolean; user?: string; team?: string; error?: string };
    if (r.ok && body?.ok) {
      return { identity: `@${body.user ?? "?"} in ${body.team ?? "?"}`, rejected: false };
    }
    const bad = r.status === 401 || r.status === 403 || SLACK_BAD_TOKEN.has(body?.error ?? "");
    return { rejected: bad, said: body?.error ?? String(r.status) };
  });
}
