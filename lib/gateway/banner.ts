/**
 * What `gateway run` prints once it listens: addresses a user can open (never
 * the wildcard it listens on) and the command that opens the UI signed in.
 */
import { openUrls, type OpenUrlsInput, renderOpenUrls } from "./open-urls.ts";
import { commandFor, currentInvocation } from "../platform/invocation.ts";

export interface BannerInput extends OpenUrlsInput {
  /** The dashboard command for this state folder (keeps --profile). */
  dashboard: string;
}

export function renderBanner(input: BannerInput): string {
  const urls = openUrls(input);
  const ws = urls[0].url.replace(/^http/, "ws");
  const [first, ...rest] = renderOpenUrls(urls, "");
  const pad = " ".repeat("Control UI: ".length);
  return [
    `Gateway running on ${ws}`,
    `Control UI: ${first}`,
    ...rest.map((l) => pad + l),
    `Sign in: ${input.dashboard} (prints a link that signs the Control UI in)`,
    "Stop with Ctrl-C.",
  ].join("\n");
}

/** `openclaw dashboard`, with the profile of this state folder. */
export function dashboardCommand(profile: string | undefined): string {
  // Printed the way this program was started (a checkout prints its own form), with the profile.
  return commandFor({ ...currentInvocation(), profile }, "dashboard");
}
