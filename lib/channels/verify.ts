/**
 * Ask for a credential, then check it live: a rejected credential is asked
 * again on a terminal (a usage error without one: exit 2 naming the flag);
 * an unreachable API is only a warning, so setup works offline.
 */
import { UsageError } from "../errors.ts";
import type { ChannelSetupContext } from "./context.ts";
import { type CheckOutcome, describeOutcome } from "./live-check.ts";
import { printable } from "../platform/terminal-text.ts";

export async function verifyLive(
  ctx: ChannelSetupContext,
  what: string,
  ask: () => Promise<string>,
  check: (value: string) => Promise<CheckOutcome>,
  flag?: string,
): Promise<string> {
  let previous: string | undefined;
  while (true) {
    const value = await ask();
    // An empty value is a missing answer (reported with the other missing flags): nothing to check.
    if (!ctx.liveChecks || value === "") return value;
    if (previous !== undefined && value === previous) {
      // The same rejected value again (a flag answers the question): stop instead of looping.
      throw new UsageError(
        `${
          flag ? `${flag}: ` : ""
        }the ${what} was rejected. Check it and run the command again; nothing was changed.`,
        flag ? [flag] : [],
      );
    }
    previous = value;
    const spin = ctx.prompter.progress(`Checking the ${what}`);
    const checked = await check(value);
    // Reasons quote the remote API's answer: printable before they are shown.
    const outcome = checked.status === "valid"
      ? checked
      : { ...checked, reason: printable(checked.reason) };
    spin.stop(`${what}: ${describeOutcome(outcome)}`);
    if (outcome.status === "valid") return value;
    if (outcome.status === "unreachable") {
      await ctx.warn(`${what} not verified: ${outcome.reason}. It is saved as entered.`);
      return value;
    }
    if (!ctx.prompter.interactive) {
      throw new UsageError(
        `${
          flag ? `${flag}: ` : ""
        }${outcome.reason}. Check the ${what} and run the command again; nothing was changed.`,
        flag ? [flag] : [],
      );
    }
    await ctx.prompter.note(`${outcome.reason}. Paste it again.`, `${what} rejected`);
  }
}
