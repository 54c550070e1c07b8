/**
 * Set up one channel as `channels add` does (answers by flags, or a scripted
 * terminal), apply the plan in a temp HOME and read back the config.
 */
import { resolvePaths } from "../../lib/config/paths.ts";
import { readConfigFile } from "../../lib/config/store.ts";
import { setupChannels } from "../../lib/channels/setup.ts";
import type { ChannelId } from "../../lib/channels/flags.ts";
import { applyPlan } from "../../lib/plan/apply.ts";
import { FlagsPrompter } from "../../lib/wizard/flags-prompter.ts";
import type { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import type { Prompter } from "../../lib/wizard/prompter.ts";
import { testHost } from "../helpers/host.ts";

export interface AddOptions {
  env?: Record<string, string>;
  platform?: typeof Deno.build.os;
  config?: Record<string, unknown>;
  script?: ScriptedPrompter;
}

/** Set up one channel from flag answers (or a script) and apply the plan, as `channels add` does. */
export async function add(
  home: string,
  channel: ChannelId,
  answers: Record<string, unknown>,
  opts: AddOptions = {},
) {
  const host = testHost({
    home,
    env: { OPENCLAW_CHANNEL_CHECK_TIMEOUT_MS: "1500", ...opts.env },
    platform: opts.platform,
  });
  const paths = resolvePaths(host);
  const notes: string[] = [];
  const flags = new FlagsPrompter(
    new Map(Object.entries(answers).map(([k, v]) => [`channels.${channel}.${k}`, v])),
    (t) => void notes.push(t),
  );
  const prompter: Prompter = opts.script ?? flags;
  const plan = await setupChannels({
    host,
    paths,
    prompter,
    config: opts.config ?? {},
    channels: [channel],
    flagStyle: "add",
    advanced: true,
  });
  flags.assertComplete();
  await applyPlan(host, paths, plan);
  // deno-lint-ignore no-explicit-any -- the config as parsed JSON, read field by field
  const config = (await readConfigFile(paths.configPath)).data as any;
  const script = opts.script?.transcript.map((t) => `${t.title ?? ""} ${t.message}`) ?? [];
  return { config, paths, plan, output: [...notes, ...script].join("\n") };
}
