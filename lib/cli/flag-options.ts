/**
 * Register declared flags (lib/wizard/question.ts) as commander options:
 * the one place a question's flag becomes an option, for onboard,
 * configure and channels add.
 */
import { type Command, Option } from "commander";
import type { Flag } from "../wizard/question.ts";
import { authFlags } from "../auth/questions.ts";
import { authChoiceHelp } from "../auth/help.ts";

/**
 * Add each flag that carries its --help text (one that shares its flag with
 * another question leaves the text out: that one registers it). `help`
 * lets a command say more, e.g. which section of configure a flag is for.
 */
export function addFlagOptions(
  cmd: Command,
  flags: Iterable<Partial<Flag>>,
  help: (f: Partial<Flag> & { help: string }) => string = (f) => f.help,
): Command {
  for (const f of flags) {
    if (!f.flag || f.help === undefined) continue;
    const option = new Option(f.option ?? f.flag, help({ ...f, help: f.help }));
    if (f.choices) option.choices(f.choices);
    if (f.hidden) option.hideHelp();
    cmd.addOption(option);
  }
  return cmd;
}

/** The auth flags, shared by onboard and configure, and the catalog in their --help. */
export function addAuthOptions(cmd: Command): Command {
  return addFlagOptions(cmd, authFlags()).addHelpText("after", authChoiceHelp);
}
