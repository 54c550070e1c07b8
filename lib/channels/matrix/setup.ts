/**
 * Matrix: the homeserver's URL and the bot account's access token (verified
 * live with account/whoami when the homeserver answers) →
 * channels.matrix.homeserver / accessToken. Allowlist entries are full
 * Matrix ids (@user:server); a bare name cannot be pinned to one server's
 * account, so it is kept as written with a warning.
 */
import {
  askKeptSecret,
  askServerUrl,
  type ChannelPlan,
  type ChannelSetupContext,
  edit,
  flagOf,
} from "../context.ts";
import { checkMatrixToken } from "./check.ts";
import { askDmAccess, type Resolution } from "../dm-access.ts";
import { verifyLive } from "../verify.ts";
import { validateNonEmpty } from "../schemas.ts";
import { SENDER_ID_RULES } from "../sender-ids.ts";

export async function setupMatrix(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const homeserver = await askServerUrl(ctx, "matrix", "homeserver", {
    message: "Matrix homeserver URL",
    placeholder: "https://matrix.example.org",
  });
  const token = await verifyLive(
    ctx,
    "Matrix access token",
    () =>
      askKeptSecret(ctx, "matrix", "accessToken", {
        message: "Matrix access token",
        firstMessage: "Access token of the bot's Matrix account (Element: Settings → Help & About)",
        validate: (v) =>
          /\s/.test(v.trim()) ? "A token has no spaces." : validateNonEmpty("access token")(v),
        keeps: (answer) => answer === "",
      }),
    (t) => checkMatrixToken(t, { homeserver, timeoutMs: ctx.timeoutMs }),
    flagOf(ctx, "matrix", "accessToken"),
  );
  const dm = await askDmAccess(ctx, "matrix", {
    idHint: "full Matrix ids like @jane:example.org",
    resolve: (entries) => Promise.resolve(resolveMatrixUsers(entries)),
  });
  return {
    configEdits: [
      edit("matrix", "enabled", true),
      edit("matrix", "homeserver", homeserver),
      edit("matrix", "accessToken", token),
      ...dm,
    ],
    secrets: [token],
    nextSteps: ["Matrix: start a DM with the bot's account, or invite it to a room."],
  };
}

/** A full Matrix user id: @localpart:server (the server may carry a port). */
export const isMatrixUserId: (entry: string) => boolean = SENDER_ID_RULES.matrix.isId;

/** Full ids are kept; anything else is kept as written and reported (no lookup: which server?). */
export function resolveMatrixUsers(entries: string[]): Resolution {
  const unresolved = entries.filter((e) => !isMatrixUserId(e));
  return {
    entries,
    unresolved,
    note: unresolved.length
      ? "Matrix allowlists need full ids (@user:server); a bare name is ambiguous across servers"
      : undefined,
  };
}
