/**
 * Ask for a secret, check it live, and deal with the answer: "valid" and
 * "could not reach … (offline?)" go on (offline is only a warning); a
 * rejection (401) asks again interactively, and stops a non-interactive run
 * (exit 1) before anything is written.
 */
import type { AuthChoiceContext } from "./types.ts";
import { ActionableError } from "../../errors.ts";
import type { CheckApi } from "../catalog.ts";
import { authCheckDisabled, checkCredential, type CheckResult } from "../check.ts";
import { cli } from "../../platform/invocation.ts";

export interface VerifiedSecret {
  secret: string;
  check?: CheckResult;
}

export async function askAndVerify(
  ctx: AuthChoiceContext,
  opts: {
    /** Provider name for messages, e.g. "Anthropic". */
    name: string;
    /** Ask for the secret; `allowEnv` false after the environment's value was rejected. */
    ask: (allowEnv: boolean) => Promise<string>;
    api?: CheckApi;
    baseUrl?: string;
  },
): Promise<VerifiedSecret> {
  let allowEnv = true;
  const rejected = new Set<string>();
  while (true) {
    const secret = await opts.ask(allowEnv);
    // A missing flag in a non-interactive run leaves "" here; the run stops before applying.
    if (!opts.api || !opts.baseUrl || secret === "") return { secret };
    const check = await runCheck(ctx, opts.name, opts.api, opts.baseUrl, secret);
    if (check.status !== "rejected") return { secret, check };
    const message = `${opts.name} rejected this key (401): it is wrong, revoked or expired.`;
    // Asking again would get the same answer from a flag: stop instead of looping.
    if (!ctx.prompter.interactive || rejected.has(secret)) {
      throw new ActionableError(
        `${message}\nCheck the key and run again. Nothing was changed.`,
      );
    }
    rejected.add(secret);
    allowEnv = false;
    await ctx.prompter.note(`${message}\nPaste another one.`, "Key rejected");
  }
}

export async function runCheck(
  ctx: AuthChoiceContext,
  name: string,
  api: CheckApi,
  baseUrl: string,
  secret: string,
): Promise<CheckResult> {
  if (authCheckDisabled(ctx.host)) return { status: "skipped", text: "not checked" };
  const progress = ctx.prompter.progress(`Checking the credential with ${name}`);
  const key = `${api} ${baseUrl} ${await digest(secret)}`;
  const result = ctx.checks?.get(key) ??
    await checkCredential(ctx.host, api, baseUrl, secret);
  ctx.checks?.set(key, result);
  progress.stop(`${name} credential: ${result.text}`);
  if (result.status === "unreachable" || result.status === "unexpected") {
    await ctx.prompter.note(
      `The ${name} credential was not verified: ${result.text}. It is saved anyway; ` +
        `if it turns out to be wrong, replace it with \`${cli("configure --section model")}\`.`,
      "Not verified",
    );
  }
  return result;
}

/** The cache key holds a digest, never the secret itself. */
async function digest(secret: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("");
}
