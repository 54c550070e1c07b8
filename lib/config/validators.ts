/**
 * Prompt validators made from the config schemas: the wizard's prompts, the
 * non-interactive flags (through the flags prompter) and the gateway RPC all
 * call these, and the config loader uses the schemas they come from, so a
 * value is judged by one rule with one message wherever it comes from.
 */
import type { Validator } from "../wizard/prompter.ts";
import type { Host } from "../host.ts";
import { absolute } from "./paths.ts";
import { GatewaySecretSchema, HostSchema, PortSchema } from "./schema.ts";
import { validatorFor } from "./validator-for.ts";

export const validatePort: Validator = validatorFor(
  PortSchema,
  (s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN),
);

export const validateHost: Validator = validatorFor(HostSchema);

export const validateGatewaySecret: Validator = validatorFor(GatewaySecretSchema);

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

/** A workspace folder: any absolute or ~ path that is not a file, not / and not HOME itself. */
export function workspaceValidator(host: Host): Validator {
  return (input) => {
    const raw = input.trim();
    if (raw === "") return "Enter a folder for the agent's workspace, e.g. ~/.openclaw/workspace.";
    if (raw.includes("\0")) return "A path cannot contain a NUL character.";
    const path = absolute(raw, host);
    if (path === "/" || path === host.home) {
      return "Pick a dedicated folder, not / or your home folder itself.";
    }
    try {
      const info = Deno.statSync(path);
      if (!info.isDirectory) return `${path} exists and is not a folder.`;
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) {
        return `Cannot use ${path}: ${(err as Error).message}`;
      }
    }
    return undefined;
  };
}
