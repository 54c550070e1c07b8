/**
 * credentials/oauth.json (0600): OAuth credentials by provider. It is
 * self-contained so that a sign-in done on a machine with a browser can be
 * copied to a headless gateway host. Merging keeps the other providers.
 */
import { z } from "zod";
import { ActionableError } from "../errors.ts";

export const OAuthCredentialSchema = z.looseObject({
  access: z.string(),
  refresh: z.string().optional(),
  /** Epoch milliseconds. */
  expires: z.number().optional(),
  accountId: z.string().optional(),
  source: z.string().optional(),
});
export type OAuthCredential = z.infer<typeof OAuthCredentialSchema>;

export function withOAuthCredential(
  current: string | undefined,
  path: string,
  provider: string,
  cred: OAuthCredential,
): string {
  let store: Record<string, unknown> = {};
  if (current !== undefined && current.trim() !== "") {
    try {
      const parsed = JSON.parse(current);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new Error("not an object");
      }
      store = parsed;
    } catch (err) {
      throw new ActionableError(
        `${path} is not valid JSON (${(err as Error).message}).\n` +
          "Move it aside and run the command again. Nothing was changed.",
      );
    }
  }
  store[provider] = cred;
  return JSON.stringify(store, null, 2) + "\n";
}

/** Check, before anything is written, that the file can be merged into. */
export function assertOAuthStoreReadable(current: string | undefined, path: string): void {
  withOAuthCredential(current, path, "\u0000probe", { access: "" });
}
