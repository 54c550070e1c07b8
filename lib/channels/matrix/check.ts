/**
 * Matrix: account/whoami on the homeserver checks an access token live.
 */
import { type CheckOutcome, checkServerCredential } from "../live-check.ts";

/** Matrix: account/whoami answers the account's MXID for a good access token. */
export function checkMatrixToken(
  token: string,
  opts: { homeserver: string; timeoutMs: number },
): Promise<CheckOutcome> {
  return checkServerCredential(`${opts.homeserver}/_matrix/client/v3/account/whoami`, {
    what: "The Matrix homeserver",
    headers: { Authorization: `Bearer ${token}` },
    timeoutMs: opts.timeoutMs,
    identity: (b) => (b as { user_id?: string })?.user_id ?? "?",
  });
}
