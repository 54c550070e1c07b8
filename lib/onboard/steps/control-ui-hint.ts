/**
 * The last word of onboarding: where the Control UI is. Without a GUI (no
 * DISPLAY/WAYLAND_DISPLAY on Linux, or an SSH session) the user needs an SSH
 * port-forward to reach a loopback gateway from their own machine, so we
 * print that command; with a GUI we open the browser.
 */
import type { Host } from "../../host.ts";
import type { OpenclawConfig } from "../../config/schema.ts";
import { DEFAULT_GATEWAY_PORT } from "../../config/schema.ts";

export function sshSession(host: Pick<Host, "env">): boolean {
  return Boolean(host.env("SSH_CONNECTION") || host.env("SSH_CLIENT") || host.env("SSH_TTY"));
}

export function hasGui(host: Pick<Host, "env" | "platform">): boolean {
  if (sshSession(host)) return false;
  if (host.platform === "linux") {
    return Boolean(host.env("DISPLAY") || host.env("WAYLAND_DISPLAY"));
  }
  return host.platform === "darwin" || host.platform === "windows";
}

/** The URL of the Control UI for a config's gateway, as seen from this machine. */
export function controlUiUrl(config: OpenclawConfig): string {
  const g = config.gateway ?? {};
  const port = g.port ?? DEFAULT_GATEWAY_PORT;
  const address = g.bind === "custom" && g.customBindHost && g.customBindHost !== "0.0.0.0"
    ? (g.customBindHost.includes(":") ? `[${g.customBindHost}]` : g.customBindHost)
    : "127.0.0.1";
  return `http://${address}:${port}/`;
}

export interface HintInput {
  port: number;
  url: string;
  gui: boolean;
  user: string;
  hostname: string;
}

/** Pure text: what to tell the user about the Control UI. */
export function controlUiHint(h: HintInput): string[] {
  if (h.gui) return [`Open the Control UI: ${h.url} (sign in with the gateway token)`];
  // One entry (a list item) on several lines, so the command stands on a line of its own.
  return [
    [
      "No desktop here: reach the Control UI through an SSH tunnel. On your own computer run:",
      `    ssh -N -L ${h.port}:127.0.0.1:${h.port} ${h.user}@${h.hostname}`,
      `  then open http://127.0.0.1:${h.port}/ there (sign in with the gateway token).`,
    ].join("\n"),
  ];
}

export function hintInput(host: Host, config: OpenclawConfig): HintInput {
  const port = config.gateway?.port ?? DEFAULT_GATEWAY_PORT;
  return {
    port,
    url: controlUiUrl(config),
    gui: hasGui(host),
    user: host.env("USER") ?? host.env("LOGNAME") ?? "you",
    hostname: host.hostname,
  };
}

/** With a GUI, open the browser (best effort: a failure only means the user opens it). */
export async function openBrowser(host: Host, url: string): Promise<boolean> {
  const cmd = host.platform === "darwin"
    ? ["open", url]
    : host.platform === "windows"
    ? ["cmd", "/c", "start", "", url]
    : ["xdg-open", url];
  if (!(await host.which(cmd[0]))) return false;
  try {
    return (await host.run(cmd[0], cmd.slice(1))).code === 0;
  } catch {
    return false;
  }
}
