/**
 * `openclaw onboard`: the wizard. Flags answer its questions (every question
 * has one), so the same command runs interactively on a terminal and
 * unattended with --non-interactive.
 */
import { type Command, Option } from "commander";
import { commandSetup } from "./program.ts";
import { pickPrompter } from "./prompter-choice.ts";
import { addAuthOptions } from "../auth/cli-options.ts";
import { DAEMON_RUNTIME_HELP } from "../daemon/command.ts";
import { attributeName, CHANNEL_IDS, onboardChannelFlags } from "../channels/flags.ts";
import { DEFAULT_RESET_SCOPE, RESET_SCOPES } from "../config/reset-scopes.ts";
import { describeSecretInputs, onboardSecretEnv, secretInputs } from "./secret-inputs.ts";

const BINDS = ["loopback", "lan", "tailnet", "auto", "custom"];
const AUTH_MODES = ["token", "password", "none"];
const TAILSCALE = ["off", "serve", "funnel"];

export function registerOnboard(program: Command, setExit: (code: number) => void): Command {
  const cmd = program.command("onboard")
    .description("Set up model auth, the agent workspace and the gateway, step by step.")
    .option(
      "--non-interactive",
      "ask nothing: take answers from flags; exit 2 naming any missing flag",
    )
    .option("--accept-risk", "acknowledge the security note (required with --non-interactive)")
    .addOption(
      new Option(
        "--mode <mode>",
        "local: this machine runs the gateway; remote: use a gateway running elsewhere",
      ).choices(["local", "remote"]),
    )
    .option("--remote-url <url>", "remote mode: the gateway's ws:// or wss:// URL")
    .option("--remote-token <token>", "remote mode: the gateway's token")
    .option("--remote-password <password>", "remote mode: the gateway's password")
    .addOption(
      new Option(
        "--flow <flow>",
        "quickstart: defaults + essential questions; advanced: every question; " +
          "manual: the same as advanced (the public CLI's other name for it)",
      )
        .choices(["quickstart", "advanced", "manual"]),
    )
    .option(
      "--reset",
      `move the existing state to the trash first (default --reset-scope ${DEFAULT_RESET_SCOPE})`,
    )
    .addOption(
      new Option("--reset-scope <scope>", "what --reset moves to the trash (implies --reset)")
        .choices(RESET_SCOPES),
    )
    .option(
      "--workspace <dir>",
      "agent workspace folder (default ~/.openclaw/workspace; a relative path is under your home)",
    )
    .option("--skip-bootstrap", "do not write the workspace's first-run files")
    .option("--gateway-port <port>", "gateway port (default 18789)")
    .addOption(
      new Option("--gateway-bind <mode>", "addresses the gateway listens on").choices(BINDS),
    )
    .option(
      "--gateway-custom-bind-host <host>",
      "host or IP to listen on with --gateway-bind custom",
    )
    .addOption(
      new Option("--gateway-auth <mode>", "client auth (none: loopback only)").choices(AUTH_MODES),
    )
    .option(
      "--gateway-token <token>",
      "gateway token (default: keep the current one, or generate one)",
    )
    .option("--gateway-password <password>", "gateway password (with --gateway-auth password)")
    .addOption(
      new Option("--tailscale <mode>", "Tailscale exposure (funnel needs password auth)").choices(
        TAILSCALE,
      ),
    )
    .option(
      "--install-daemon",
      "install the gateway as a user service and start it (systemd user unit on Linux/WSL2, " +
        "LaunchAgent on macOS); QuickStart does this unless told not to",
    )
    .option("--no-install-daemon", "do not install the gateway service (same as --skip-daemon)")
    .option("--skip-daemon", "do not install the gateway service")
    .option("--daemon-runtime <runtime>", DAEMON_RUNTIME_HELP)
    .option("--skip-health", "do not run the health check")
    .option("--hello", "at the end, say hello to your agent (one real message to the model)")
    .option("--no-hello", "do not offer the hello at the end")
    .option("--skip-channels", "do not set up chat channels")
    .option(
      "--channels <ids>",
      `chat channels to set up, comma-separated: ${CHANNEL_IDS.join(", ")}`,
    )
    .option("--skip-skills", "do not set up skills")
    .addOption(
      new Option("--node-manager <manager>", "Node package manager for skill installs")
        .choices(["npm", "pnpm", "bun"]),
    )
    .option(
      "--skills-install <names>",
      "comma-separated skills whose missing programs to install (all: every installable one)",
    )
    .option("--json", "print a machine-readable summary (secrets elided)")
    .option("--dry-run", "print the plan (secrets elided) and write nothing");
  addAuthOptions(cmd);
  for (const { field } of onboardChannelFlags()) cmd.option(field.onboard, field.description);
  describeSecretInputs(cmd, onboardSecretEnv);
  // For install.sh's hand-over: which flags to move into the environment.
  cmd.addOption(new Option("--list-secret-flags").hideHelp());
  cmd.action(async (raw: Record<string, unknown>, self: Command) => {
    if (raw.listSecretFlags) {
      const lines = [...new Set(secretInputs().map((s) => `${s.flag} ${s.env}`))];
      console.log(lines.join("\n"));
      return;
    }
    raw = gatherChannelFlags(raw);
    const { parseOnboardOptions } = await import("../onboard/options.ts");
    const { answersFromOptions } = await import("../onboard/questions.ts");
    const { runOnboard } = await import("../onboard/run.ts");
    const options = parseOnboardOptions(raw);
    const { host, paths } = await commandSetup(self);
    const prompter = await pickPrompter(host, options, answersFromOptions(options));
    setExit(await runOnboard({ host, paths, options, prompter, command: "onboard" }));
  });
  return cmd;
}

/** Move the channel flags' values under `channelFlags` (the options schema keeps them there). */
export function gatherChannelFlags(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw, channelFlags: {} };
  for (const { field } of onboardChannelFlags()) {
    const key = attributeName(field.onboard);
    if (raw[key] === undefined) continue;
    (out.channelFlags as Record<string, unknown>)[key] = raw[key];
    delete out[key];
  }
  return out;
}
