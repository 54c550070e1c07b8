/**
 * `openclaw configure [--section …]`: re-run chosen steps of onboarding on an
 * existing config (its values are the defaults; everything else is kept).
 */
import { type Command, Option } from "commander";
import { commandSetup } from "./program.ts";
import { pickPrompter } from "./prompter-choice.ts";
import { addAuthOptions } from "../auth/cli-options.ts";
import { gatherChannelFlags } from "./onboard.ts";
import { onboardChannelFlags } from "../channels/flags.ts";
import { describeSecretInputs, onboardSecretEnv } from "./secret-inputs.ts";
import type { Section } from "../onboard/run.ts";

const SECTIONS = ["model", "workspace", "gateway", "skills", "channels"];

export function registerConfigure(program: Command, setExit: (code: number) => void): Command {
  const cmd = program.command("configure")
    .description(
      "Change part of an existing setup: model auth, workspace, gateway, skills or channels.",
    )
    .addOption(
      new Option(
        "--section <name...>",
        "the sections to re-run (repeatable); default: choose interactively",
      )
        .choices(SECTIONS),
    )
    .option("--non-interactive", "ask nothing: take answers from the onboard flags below")
    .option(
      "--workspace <dir>",
      "agent workspace folder (section workspace; a relative path is under your home)",
    )
    .option("--gateway-port <port>", "gateway port (section gateway)")
    .addOption(new Option("--gateway-bind <mode>", "addresses to listen on").choices(
      ["loopback", "lan", "tailnet", "auto", "custom"],
    ))
    .option("--gateway-custom-bind-host <host>", "host or IP with --gateway-bind custom")
    .addOption(
      new Option("--gateway-auth <mode>", "client auth").choices(["token", "password", "none"]),
    )
    .option("--gateway-token <token>", "gateway token")
    .option("--gateway-password <password>", "gateway password")
    .addOption(
      new Option("--tailscale <mode>", "Tailscale exposure").choices(["off", "serve", "funnel"]),
    )
    .addOption(
      new Option(
        "--node-manager <manager>",
        "Node package manager for skill installs (section skills)",
      )
        .choices(["npm", "pnpm", "bun"]),
    )
    .option(
      "--skills-install <names>",
      "skills whose missing programs to install, or all (section skills)",
    )
    .option("--json", "print a machine-readable summary (secrets elided)")
    .option("--dry-run", "print the plan and write nothing")
    .option("--channels <ids>", "chat channels to set up, comma-separated (section channels)");
  // The model section takes the same auth flags as onboard.
  addAuthOptions(cmd);
  for (const { field } of onboardChannelFlags()) cmd.option(field.onboard, field.description);
  describeSecretInputs(cmd, onboardSecretEnv);
  return cmd.action(
    async (raw: Record<string, unknown> & { section?: string[] }, self: Command) => {
      raw = gatherChannelFlags(raw);
      const { parseOnboardOptions } = await import("../onboard/options.ts");
      const { answersFromOptions } = await import("../onboard/questions.ts");
      const { runOnboard } = await import("../onboard/run.ts");
      const { section, ...rest } = raw;
      const options = parseOnboardOptions(rest);
      const { host, paths } = await commandSetup(self);
      const prompter = await pickPrompter(host, options, answersFromOptions(options));
      // Without --section, the flow asks which sections (where "← Back" can return to it).
      const sections = section as Section[] | undefined;
      setExit(await runOnboard({ host, paths, options, prompter, command: "configure", sections }));
    },
  );
}
