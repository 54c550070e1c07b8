/**
 * `openclaw onboard`: the wizard. Flags answer its questions (every question
 * has one), so the same command runs interactively on a terminal and
 * unattended with --non-interactive.
 */
import type { Command } from "commander";
import { commandSetup } from "./program.ts";
import { pickPrompter } from "./prompter-choice.ts";
import { attributeName, onboardChannelFlags, onboardChannelQuestions } from "../channels/flags.ts";
import { answersFromOptions, F, GATEWAY_FLAGS, Q } from "../onboard/questions.ts";
import { addAuthOptions, addFlagOptions } from "./flag-options.ts";
import { describeSecretInputs, onboardSecretEnv, secretInputs } from "./secret-inputs.ts";

/** The onboard options in --help order (the auth and channel flags follow). */
const ONBOARD_FLAGS = [
  F.nonInteractive,
  Q.risk,
  F.mode,
  Q.remoteUrl,
  Q.remoteToken,
  Q.remotePassword,
  Q.flow,
  Q.existing,
  Q.resetScope,
  Q.workspace,
  F.skipBootstrap,
  ...GATEWAY_FLAGS,
  F.tailscaleResetOnExit,
  Q.installDaemon,
  F.noInstallDaemon,
  F.skipDaemon,
  F.daemonRuntime,
  F.skipHealth,
  F.skipUi,
  Q.hello,
  F.noHello,
  F.skipChannels,
  Q.channels,
  F.skipSkills,
  Q.nodeManager,
  Q.skillsInstall,
  F.json,
  F.dryRun,
];

export function registerOnboard(program: Command, setExit: (code: number) => void): Command {
  const cmd = program.command("onboard")
    .description("Set up model auth, the agent workspace and the gateway, step by step.");
  addFlagOptions(cmd, ONBOARD_FLAGS);
  addAuthOptions(cmd);
  addFlagOptions(cmd, onboardChannelQuestions());
  describeSecretInputs(cmd, onboardSecretEnv);
  addFlagOptions(cmd, [F.listSecretFlags]);
  cmd.action(async (raw: Record<string, unknown>, self: Command) => {
    if (raw.listSecretFlags) {
      const lines = [...new Set(secretInputs().map((s) => `${s.flag} ${s.env}`))];
      console.log(lines.join("\n"));
      return;
    }
    raw = gatherChannelFlags(raw);
    const { parseOnboardOptions } = await import("../onboard/options.ts");
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
