/**
 * Setup for tests whose subject comes after onboarding (the gateway, doctor,
 * channels, reset…): the non-interactive onboarding of `ONBOARD_FLAGS`, run
 * in this process through the same `runOnboard` that `openclaw onboard`
 * calls, with the environment a `runCli` child gets. A `deno run main.ts
 * onboard` subprocess did the same at the cost of a process start per test;
 * onboarding's own behaviour keeps its subprocess tests in tests/e2e/.
 */
import { type Host, realHost } from "../../lib/host.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { answersFromOptions } from "../../lib/onboard/questions.ts";
import { runOnboard } from "../../lib/onboard/run.ts";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import { ONBOARD_FLAGS } from "../e2e/cli.ts";

/** The options of `onboard ...ONBOARD_FLAGS`, as commander hands them over (camelCase). */
export const ONBOARD_OPTIONS: Readonly<Record<string, unknown>> = optionsOf(ONBOARD_FLAGS);

/** `["--auth-choice", "apiKey", "--skip-health"]` → `{ authChoice: "apiKey", skipHealth: true }`. */
function optionsOf(flags: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < flags.length; i++) {
    const name = flags[i].replace(/^--/, "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const value = flags[i + 1];
    if (value !== undefined && !value.startsWith("--")) {
      out[name] = value;
      i++;
    } else {
      out[name] = true;
    }
  }
  return out;
}

/**
 * `openclaw onboard ...ONBOARD_FLAGS` with `options` added (camelCase, as
 * commander names them: `{ gatewayPort: "19001" }`) for HOME `home`;
 * throws with what it printed when it does not exit 0.
 */
export async function onboarded(
  home: string,
  options: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<void> {
  const out: string[] = [];
  const host = childLikeHost(home, env, out);
  const parsed = parseOnboardOptions({ ...ONBOARD_OPTIONS, ...options });
  const prompter = new FlagsPrompter(answersFromOptions(parsed), host.stderr);
  const code = await runOnboard({
    host,
    paths: resolvePaths(host),
    options: parsed,
    prompter,
    command: "onboard",
  });
  if (code !== 0) throw new Error(`onboarding exited ${code}:\n${out.join("")}`);
}

/** This machine's effects, but HOME and the environment of a `runCli` child, output kept. */
function childLikeHost(home: string, env: Record<string, string>, out: string[]): Host {
  const vars: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
    NO_COLOR: "1",
    OPENCLAW_SKIP_AUTH_CHECK: "1",
    HOME: home,
    ...env,
  };
  const real = realHost();
  return Object.create(real, {
    home: { value: home },
    env: { value: (name: string) => vars[name] },
    stdout: { value: (t: string) => void out.push(t) },
    stderr: { value: (t: string) => void out.push(t) },
    stdinIsTerminal: { value: false },
    stdoutIsTerminal: { value: false },
  });
}
