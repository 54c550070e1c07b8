/**
 * What to say when there is no systemd user bus (WSL without systemd, a
 * container, a session without a user manager): why, how to fix it, and how
 * to run the gateway without a service in the meantime.
 */
import type { Environment } from "./context.ts";
import { dirname } from "../config/paths.ts";
import { shellQuoteKeepingTilde as shellQuote } from "../platform/invocation.ts";
import { cli } from "../platform/invocation.ts";

export interface UnavailableInput {
  /** systemctl's own words (or "systemctl: command not found"). */
  detail: string;
  missing: boolean;
  environment: Environment;
  /** The gateway's command line, to run it by hand. */
  argv: string[];
  logFile: string;
}

export function systemdUnavailableMessage(input: UnavailableInput): string {
  return [
    input.missing
      ? "systemd is not installed here (systemctl was not found), so the gateway cannot be " +
        "installed as a user service."
      : "There is no systemd user bus here, so the gateway cannot be installed as a user service.",
    `systemctl said: ${input.detail.trim().split("\n")[0]}`,
    "",
    ...systemdRemedy(input),
  ].join("\n");
}

/**
 * What to do instead (also under `daemon status`): how to get a user service
 * manager in this environment, and how to run the gateway meanwhile.
 */
export function systemdRemedy(input: Omit<UnavailableInput, "detail" | "missing">): string[] {
  const lines: string[] = [];
  if (input.environment.wsl) {
    lines.push(
      "This is WSL without systemd. To turn systemd on, put this in /etc/wsl.conf",
      "(sudo nano /etc/wsl.conf):",
      "",
      "    [boot]",
      "    systemd=true",
      "",
      "then run `wsl --shutdown` from Windows (PowerShell), open your distribution again",
      "and run:",
      `  ${cli("daemon install")}`,
    );
  } else if (input.environment.container) {
    lines.push(
      "This looks like a container: no user service manager runs in it. Run the gateway as",
      "the container's main process and let the container runtime restart it",
      "(for example `docker run --restart unless-stopped …`).",
    );
  } else {
    lines.push(
      "systemd runs a user manager for login sessions; in a `su` or `sudo -u` shell there is",
      "none. Log in as this user directly (ssh or the console) and run:",
      `  ${cli("daemon install")}`,
    );
  }
  // What the user types, not the service's argv (absolute runtime paths, maybe npx's cache).
  const port = input.argv[input.argv.indexOf("--port") + 1];
  const run = cli(input.argv.includes("--port") ? `gateway run --port ${port}` : "gateway run");
  lines.push(
    "",
    "Meanwhile, run the gateway another way. In this terminal:",
    `  ${run}`,
    "or in the background, until reboot:",
    `  mkdir -p ${shellQuote(dirname(input.logFile))} && nohup ${run} >> ${
      shellQuote(input.logFile)
    } 2>&1 &`,
  );
  return lines;
}
