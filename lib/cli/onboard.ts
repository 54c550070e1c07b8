/**
 * `openclaw onboard`: the wizard. Flags answer its questions (every question
 * has one), so the same command runs interactively on a terminal and
 * unattended with --non-interactive.
 */
import { type Command, Option } from "commander";
import { commandSetup } from "./program.ts";
import { pickPrompter } from "./prompter-choice.ts";
import { attributeName, onboardChannelFlags } from "../channels/flags.ts";

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
        "--flow <flow>",
        "quickstart: defaults + essential questions; advanced: every question",
      )
        .choices(["quickstart", "advanced", "manual"]),
    )
    .option("--reset", "move existing config, credentials and sessions to the trash first")
    .addOption(
      new Option("--reset-scope <scope>", "what --reset moves to the trash (implies --reset)")
        .choices(["config", "config+creds+sessions", "full"]),
    )
    .addOption(
      new Option("--auth-choice <choice>", "model auth: apiKey (Anthropic API key) or skip")
        .choices(["apiKey", "skip"]),
    )
    .option("--anthropic-api-key <key>", "Anthropic API key (default: $ANTHROPIC_API_KEY)")
    .option("--workspace <dir>", "agent workspace folder (default ~/.openclaw/workspace)")
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
    .option("--skip-daemon", "do not install the gateway service")
    .option("--skip-health", "do not run the health check")
    .option("--skip-channels", "do not set up chat channels")
    .option(
      "--channels <ids>",
      "chat channels to set up, comma-separated: telegram, whatsapp, discord, googlechat, mattermost, signal, bluebubbles, imessage",
    )
    .option("--skip-skills", "do not set up skills")
    .option("--json", "print a machine-readable summary (secrets elided)")
    .option("--dry-run", "print the plan (secrets elided) and write nothing")
    .action(async (raw: Record<string, unknown>, self: Command) => {
      raw = gatherChannelFlags(raw);
      const { parseOnboardOptions } = await import("../onboard/options.ts");
      const { answersFromOptions } = await import("../onboard/questions.ts");
      const { runOnboard } = await import("../onboard/run.ts");
      const options = parseOnboardOptions(raw);
      const { host, paths } = await commandSetup(self);
      const prompter = await pickPrompter(host, options, answersFromOptions(options));
      setExit(await runOnboard({ host, paths, options, prompter, command: "onboard" }));
    });
  for (const { field } of onboardChannelFlags()) cmd.option(field.onboard, field.description);
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
