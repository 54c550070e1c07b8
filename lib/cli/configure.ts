/**
 * `openclaw configure [--section …]`: re-run chosen steps of onboarding on an
 * existing config (its values are the defaults; everything else is kept).
 */
import { type Command, Option } from "commander";
import { commandSetup } from "./program.ts";
import { pickPrompter } from "./prompter-choice.ts";
import { gatherChannelFlags } from "./onboard.ts";
import { onboardChannelQuestions } from "../channels/flags.ts";
import { answersFromOptions, F, GATEWAY_FLAGS, Q } from "../onboard/questions.ts";
import type { Flag } from "../wizard/question.ts";
import { describeSecretInputs, onboardSecretEnv } from "./secret-inputs.ts";
import { addAuthOptions, addFlagOptions } from "./flag-options.ts";
import type { Section } from "../onboard/run.ts";

/** The onboard questions' flags each section takes (model: the auth flags, added below). */
const SECTION_FLAGS: [string, Flag[]][] = [
  ["workspace", [Q.workspace]],
  ["gateway", GATEWAY_FLAGS],
  ["skills", [Q.nodeManager, Q.skillsInstall]],
  ["channels", [Q.channels]],
];
const SECTIONS = ["model", ...SECTION_FLAGS.map(([section]) => section)];

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
    .option("--non-interactive", "ask nothing: take answers from the onboard flags below");
  for (const [section, flags] of SECTION_FLAGS) {
    addFlagOptions(cmd, flags, (f) => `${f.help} (section ${section})`);
  }
  addFlagOptions(cmd, [F.json, F.dryRun]);
  // The model section takes the same auth flags as onboard.
  addAuthOptions(cmd);
  addFlagOptions(cmd, onboardChannelQuestions());
  describeSecretInputs(cmd, onboardSecretEnv);
  return cmd.action(
    async (raw: Record<string, unknown> & { section?: string[] }, self: Command) => {
      raw = gatherChannelFlags(raw);
      const { parseOnboardOptions } = await import("../onboard/options.ts");
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
