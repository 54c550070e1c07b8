/**
 * Claude Code's login, reused (auth profile anthropic:claude-cli). Claude
 * Code renews its own token whenever it runs; openclaw does not call
 * Anthropic's sign-in service itself. So when the saved token has expired,
 * the turn reads Claude Code's store again (Keychain or
 * ~/.claude/.credentials.json, lib/auth/claude-cli.ts) and takes a newer token
 * from there, saving it back (0600). Without one, the turn says to run
 * `claude` — and the next message picks the new login up by itself.
 */
import type { AuthProfile } from "../auth/profiles.ts";
import { readAuthProfiles } from "../auth/profiles.ts";
import { readClaudeCliCredentials } from "../auth/claude-cli.ts";
import { TurnError } from "./turn-error.ts";
import type { CredentialContext } from "./credentials.ts";
import { expiresSoon, oneAtATime, tokensOf, writeRenewed } from "./oauth-renew.ts";

export function claudeLoginToken(
  ctx: CredentialContext,
  path: string,
  id: string,
  profile: AuthProfile,
): Promise<string> {
  return oneAtATime(async () => {
    const current = (await readAuthProfiles(path)).profiles[id] ?? profile;
    const tokens = tokensOf(current);
    if (!expiresSoon(tokens, ctx.host.now())) return tokens.access;
    let fresh;
    try {
      fresh = (await readClaudeCliCredentials(ctx.host)).credential;
    } catch {
      fresh = undefined; // Claude Code is gone or logged out: same answer as an old token
    }
    if (
      !fresh || fresh.access === tokens.access || expiresSoon(fresh, ctx.host.now())
    ) {
      throw new TurnError(
        "auth",
        "the Claude Code login has expired and Claude Code holds no newer one",
        "The Claude Code login has expired. Run `claude` on the gateway's machine to log in " +
          "again; the next message picks it up.",
      );
    }
    await writeRenewed(ctx, path, id, current, tokens, {
      access: fresh.access,
      refresh: fresh.refresh,
      expires: fresh.expires,
    });
    return fresh.access;
  });
}
