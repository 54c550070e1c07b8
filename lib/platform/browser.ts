/**
 * Whether this machine can show the Control UI itself, and opening it there.
 * Without a GUI (no DISPLAY/WAYLAND_DISPLAY on Linux, or an SSH session) the
 * user needs an SSH port-forward instead (`openclaw dashboard` prints it:
 * lib/gateway/dashboard.ts); with a GUI we open the browser.
 */
import type { Host } from "../host.ts";

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
