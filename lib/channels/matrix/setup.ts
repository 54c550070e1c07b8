/**
 * Matrix: the homeserver's URL and the bot account's access token (verified
 * live with account/whoami when the homeserver answers) →
 * channels.matrix.homeserver / accessToken. Allowlist entries are full
 * Matrix ids (@user:server); a bare name cannot be pinned to one server's
 * account, so it is kept as written with a warning.
 */
import { type ChannelPlan, channelQuestions, type ChannelSetupContext } from "../context.ts";
import { checkMatrixToken } from "./check.ts";
import { askDmAccess, type Resolution } from "../dm-access.ts";
import { validateToken } from "../schemas.ts";
import { SENDER_ID_RULES } from "../sender-ids.ts";

export async function setupMatrix(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "matrix");
  const [homeserver, token] = await q.serverLogin(
    ["homeserver", "Matrix homeserver URL", "https://matrix.example.org"],
    (url, t) => checkMatrixToken(t, { homeserver: url, timeoutMs: ctx.timeoutMs }),
    {
      key: "accessToken",
      message: "Matrix access token",
      firstMessage: "Access token of the bot's Matrix account (Element: Settings → Help & About)",
      validate: validateToken("access token"),
    },
  );
  const dm = await askDmAccess(ctx, "matrix", {
    idHint: "full Matrix ids like @jane:example.org",
    resolve: (entries) => Promise.resolve(resolveMatrixUsers(entries)),
  });
  return {
    configEdits: [...q.enable({ homeserver, accessToken: token }), ...dm],
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
