/**
 * The OpenAI Code (ChatGPT) subscription: reuse the Codex CLI's login, or
 * sign in here (PKCE; the user pastes code#state). Both save the tokens in
 * credentials/oauth.json and the auth profile openai-codex:default.
 */
import { readCodexCliCredentials } from "../codex-cli.ts";
import { createPkce } from "../oauth/pkce.ts";
import {
  authorizeUrl,
  exchangeCode,
  parsePastedCode,
  pastedCodeProblem,
} from "../oauth/openai-codex.ts";
import { AQ } from "../questions.ts";
import type { OAuthCredential } from "../oauth-store.ts";
import type { Host } from "../../host.ts";
import { UsageError } from "../../errors.ts";
import type { AuthChoice } from "../catalog.ts";
import { type ChoiceHandler, oauthObtained, type ObtainedCredential } from "./types.ts";
import { cli } from "../../platform/invocation.ts";

export const codexCliChoice: ChoiceHandler = async (ctx, choice) => {
  const { credential, from } = await readCodexCliCredentials(ctx.host);
  return {
    ...codexCredential(choice, credential),
    detail: `from ${from.replace(ctx.host.home, "~")}`,
  };
};

export const openaiCodexOAuthChoice: ChoiceHandler = async (ctx, choice) => {
  const { prompter, host } = ctx;
  if (!prompter.interactive) {
    throw new UsageError(
      "--auth-choice openai-codex signs in with a browser, which a non-interactive run cannot do.\n" +
        `Run \`${
          cli("onboard --auth-choice openai-codex")
        }\` in a terminal, reuse a Codex CLI login ` +
        "with --auth-choice codex-cli, or sign in on another machine and copy " +
        "~/.openclaw/credentials/oauth.json here.",
      ["--auth-choice"],
    );
  }
  const pkce = await createPkce(host);
  const url = authorizeUrl(host, pkce);
  const headless = !hasBrowser(host);
  const opened = headless ? false : await openBrowser(host, url);
  // A terminal wraps the boxed note, which breaks copying: there the link goes on one plain line.
  const plain = host.stdoutIsTerminal;
  await prompter.note(
    `${opened ? "Your browser should open; if not, open" : "Open"} ` +
      `${plain ? "the link below" : "this link"} and sign in.` +
      (plain ? "" : `\n\n${url}`) +
      "\n\nThe browser then lands on a localhost:1455 page that does not load: " +
      "copy its address (or the code#state) and paste it here.",
    "Sign in with ChatGPT",
  );
  if (plain) host.stdout(`${url}\n`);
  const pasted = await prompter.text({
    ...AQ.openaiCodexCode,
    message: "Paste code#state (or the redirect URL)",
    required: true,
    validate: (v) => pastedCodeProblem(v, pkce.state),
  });
  const { code } = parsePastedCode(pasted)!;
  const progress = prompter.progress("Finishing the sign-in with OpenAI");
  let credential: OAuthCredential;
  try {
    credential = await exchangeCode(host, code, pkce);
  } catch (err) {
    progress.stop("OpenAI sign-in: failed");
    throw err;
  }
  progress.stop("OpenAI sign-in: done");
  return { ...codexCredential(choice, credential), headless };
};

function codexCredential(choice: AuthChoice, credential: OAuthCredential): ObtainedCredential {
  return oauthObtained(choice, "openai-codex", "openai-codex:default", credential);
}

/** A desktop session to open a browser in (not over SSH, not a bare Linux console). */
export function hasBrowser(host: Host): boolean {
  if (host.env("SSH_CONNECTION") || host.env("SSH_TTY")) return false;
  if (host.platform === "darwin" || host.platform === "windows") return true;
  return !!(host.env("DISPLAY") || host.env("WAYLAND_DISPLAY"));
}

async function openBrowser(host: Host, url: string): Promise<boolean> {
  const cmd = host.platform === "darwin"
    ? "open"
    : host.platform === "windows"
    ? "explorer"
    : "xdg-open";
  try {
    const r = await host.run(cmd, [url]);
    return r.code === 0;
  } catch {
    return false;
  }
}
