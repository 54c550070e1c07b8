/**
 * "The same setup without questions": the one renderer of the flags that
 * repeat a run, used by onboarding's report, the auth step and channels.
 * A flag whose declaration says secret is printed as its `$ENV` reference,
 * whatever value the run had: the renderer never sees a secret to leak.
 */
import { type Flag, longFlag, takesValue } from "./question.ts";

/** One flag of the command: a switch, or a flag with its value. */
export interface FlagArg {
  flag: Flag;
  /** The value (ignored for a secret, which prints as its variable). */
  value?: string;
  /**
   * For a secret: the variable to reference when it is not the flag's own
   * twin (e.g. the provider's key variable for a shared --token).
   */
  env?: string;
}

/** The flags as shell words; `quote` quotes a plain value for the shell. */
export function equivalentArgs(args: FlagArg[], quote: (s: string) => string): string[] {
  const words: string[] = [];
  for (const a of args) {
    const spec = a.flag.option ?? a.flag.flag;
    words.push(longFlag(spec));
    if (!takesValue(spec)) continue;
    if (a.flag.secret) words.push(`"$${a.env ?? a.flag.env ?? "SECRET"}"`);
    else words.push(quote(a.value ?? ""));
  }
  return words;
}
