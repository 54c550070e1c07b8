/**
 * Which prompter a wizard command uses: flags when --non-interactive or when
 * there is no terminal to ask on (so a piped run exits 2 naming missing
 * flags instead of hanging), clack otherwise, with any flags given
 * pre-answering their questions. A secret question no flag answered takes
 * its environment variable (lib/cli/secret-inputs.ts).
 */
import type { Host } from "../host.ts";
import type { Prompter } from "../wizard/prompter.ts";

export async function pickPrompter(
  host: Host,
  options: { nonInteractive: boolean; json: boolean },
  answers: Map<string, unknown>,
): Promise<Prompter> {
  const { secretAnswersFromEnv, secretEnvOfQuestion } = await import("./secret-inputs.ts");
  answers = secretAnswersFromEnv(answers, host.env);
  if (options.nonInteractive || !host.stdinIsTerminal || !host.stdoutIsTerminal) {
    const { FlagsPrompter } = await import("../wizard/flags-prompter.ts");
    // With --json, stdout carries only the JSON document.
    return new FlagsPrompter(
      answers,
      options.json ? host.stderr : host.stdout,
      secretEnvOfQuestion,
    );
  }
  const { ClackPrompter } = await import("../wizard/clack-prompter.ts");
  const { PresetPrompter } = await import("../wizard/preset-prompter.ts");
  return new PresetPrompter(new ClackPrompter(), answers);
}
