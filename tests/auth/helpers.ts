/**
 * Run onboarding (or `configure --section model`) against a temp HOME with a
 * scripted prompter or with flags, and read back what it wrote.
 */
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { answersFromOptions } from "../../lib/onboard/questions.ts";
import { resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import { readConfigFile } from "../../lib/config/store.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import type { Prompter } from "../../lib/wizard/prompter.ts";
import { type TestHost, testHost, type TestHostOptions } from "../helpers/host.ts";

// deno-lint-ignore no-explicit-any -- parsed JSON read field by field in the tests
export type Json = any;

export interface RunResult {
  code: number;
  host: TestHost;
  paths: StatePaths;
  config: Json;
  /** Notes, progress lines and (flags mode) printed text, joined. */
  output: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  raw?: Record<string, unknown>;
  command?: "onboard" | "configure";
  host?: Partial<TestHostOptions>;
}

export async function runWith(
  home: string,
  prompter: Prompter,
  opts: RunOptions = {},
): Promise<RunResult> {
  const host = testHost({ home, env: opts.env, ...opts.host });
  const paths = resolvePaths(host);
  // The health check and the service have tests of their own; here they would start real ones.
  const options = parseOnboardOptions({
    skipHealth: true,
    skipDaemon: true,
    skipChannels: true,
    ...opts.raw,
  });
  const command = opts.command ?? "onboard";
  const code = await runOnboard({
    host,
    paths,
    options,
    prompter,
    command,
    sections: command === "configure" ? ["model"] : undefined,
  });
  const config = (await readConfigFile(paths.configPath)).data as Json;
  const transcript = prompter instanceof ScriptedPrompter
    ? prompter.transcript.map((t) => `${t.title ?? ""}\n${t.message}`).join("\n")
    : "";
  return { code, host, paths, config, output: transcript + host.out.join("") };
}

/** Interactive: QuickStart, risk accepted, then `answers`. */
export function scripted(answers: Record<string, unknown>): ScriptedPrompter {
  return new ScriptedPrompter({ "risk.accept": true, flow: "quickstart", ...answers });
}

/** Non-interactive with these flags (camelCase option keys), risk accepted. */
export function flagsRun(
  raw: Record<string, unknown>,
  out: string[] = [],
): { prompter: FlagsPrompter; raw: Record<string, unknown> } {
  const all = { acceptRisk: true, nonInteractive: true, ...raw };
  return {
    prompter: new FlagsPrompter(
      answersFromOptions(parseOnboardOptions(all)),
      (t) => void out.push(t),
    ),
    raw: all,
  };
}

export function profilesPath(home: string): string {
  return `${home}/.openclaw/agents/main/agent/auth-profiles.json`;
}

export async function readJsonFile(path: string): Promise<Json> {
  return JSON.parse(await Deno.readTextFile(path));
}
