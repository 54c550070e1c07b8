/**
 * `openclaw onboard --help` names every channel of the registry for
 * --channels, explains every --flow value, and states the one reset default.
 */
import assert from "node:assert/strict";
import { Command } from "commander";
import { registerOnboard } from "../../lib/cli/onboard.ts";
import { CHANNEL_IDS } from "../../lib/channels/flags.ts";
import { DEFAULT_RESET_SCOPE } from "../../lib/config/reset.ts";

function onboardHelp(): string {
  const program = new Command("openclaw");
  const cmd = registerOnboard(program, () => {});
  // Wrapping depends on the terminal: compare with whitespace collapsed.
  return cmd.helpInformation().replace(/\s+/g, " ");
}

Deno.test("onboard --help: --channels lists every channel of the registry", () => {
  const help = onboardHelp();
  const line = help.slice(help.indexOf("--channels <ids>"), help.indexOf("--skip-skills"));
  for (const id of CHANNEL_IDS) assert.match(line, new RegExp(`\\b${id}\\b`), id);
});

Deno.test("onboard --help: --flow explains manual", () => {
  const help = onboardHelp();
  assert.match(help, /manual: (the same as|same as) advanced/);
});

Deno.test("onboard --help: --reset names the default scope", () => {
  const help = onboardHelp();
  const flag = help.slice(help.indexOf("--reset "), help.indexOf("--reset-scope <scope>"));
  assert.match(
    flag,
    new RegExp(`default --reset-scope ${DEFAULT_RESET_SCOPE.replace(/\+/g, "\\+")}`),
  );
});
