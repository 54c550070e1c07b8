/**
 * Prompt validators made from the config schemas: the wizard's prompts, the
 * non-interactive flags (through the flags prompter) and the gateway RPC all
 * call these, and the config loader uses the schemas they come from, so a
 * value is judged by one rule with one message wherever it comes from.
 */
import type { Validator } from "../wizard/prompter.ts";
import type { Host } from "../host.ts";
import type { StatePaths } from "./paths.ts";
import {
  pathProblem,
  resolveWorkspacePath,
  workspaceContext,
  workspaceProblem,
} from "./workspace-path.ts";
import { GatewaySecretSchema, HostSchema, PortSchema } from "./schema.ts";
import { validatorFor } from "./validator-for.ts";

export const validatePort: Validator = validatorFor(
  PortSchema,
  (s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN),
);

export const validateHost: Validator = validatorFor(HostSchema);

export const validateGatewaySecret: Validator = validatorFor(GatewaySecretSchema);

/**
 * A rule for new input that lets the saved value through as it is: Keep
 * (or Enter on the value shown) must not stop on a value another program,
 * or an older rule, accepted. The step warns about it instead (weakKeptSecret).
 */
export function newInputOnly(kept: string | undefined, validate: Validator): Validator {
  return (input) => (kept !== undefined && input.trim() === kept ? undefined : validate(input));
}

/** Why a kept gateway secret would not pass as new input (e.g. "Use at least 8 characters."). */
export function weakKeptSecret(kept: string | undefined, value: string): string | undefined {
  return kept !== undefined && value === kept ? validateGatewaySecret(value) : undefined;
}

/** Anthropic keys start with sk-ant-; catching an OpenAI key pasted here saves a confusing 401 later. */
export const validateAnthropicApiKey: Validator = (input) => {
  const v = input.trim();
  if (v === "") return "Paste your Anthropic API key (it starts with sk-ant-).";
  if (/\s/.test(v)) return "An API key has no spaces or line breaks.";
  if (!v.startsWith("sk-ant-")) {
    return "An Anthropic API key starts with sk-ant- (create one at console.anthropic.com).";
  }
  if (v.length < 20) return "That key is too short to be an Anthropic API key.";
  return undefined;
};

/**
 * A workspace folder (rules in workspace-path.ts), plus what only the disk
 * can tell: it is not a file, and a symlink's target obeys the rules too.
 */
export function workspaceValidator(host: Host, paths: StatePaths): Validator {
  return (input) => {
    const ctx = workspaceContext(host.home, paths);
    const problem = workspaceProblem(input, ctx);
    if (problem) return problem;
    const path = resolveWorkspacePath(input, host.home);
    try {
      const info = Deno.statSync(path);
      if (!info.isDirectory) return `${path} exists and is not a folder: pick another path.`;
      const real = Deno.realPathSync(path);
      const target = real === path ? undefined : pathProblem(real, ctx);
      if (target) return `${path} leads to ${real}. ${target}`;
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) {
        return `Cannot use ${path}: ${(err as Error).message}. Pick another folder.`;
      }
    }
    return undefined;
  };
}
