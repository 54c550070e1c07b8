/**
 * Throwaway SSH release keys for the signature tests: made with ssh-keygen, signing SHA256SUMS
 * as the release pipeline does (namespace openclaw-release).
 */
import assert from "node:assert/strict";

export const NAMESPACE = "openclaw-release";

export interface Key {
  /** The private key file. */
  path: string;
  /** Its allowed_signers line, as install.sh pins one. */
  signers: string;
}

async function sh(cmd: string, args: string[]): Promise<void> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  assert.ok(out.success, `${cmd} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
}

/** A new ed25519 key `<dir>/<name>` with no passphrase; `name` is its principal. */
export async function makeKey(dir: string, name: string): Promise<Key> {
  const path = `${dir}/${name}`;
  await sh("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path]);
  const pub = (await Deno.readTextFile(`${path}.pub`)).trim().split(" ").slice(0, 2).join(" ");
  return { path, signers: `${name} namespaces="${NAMESPACE}" ${pub}` };
}

/** What the release pipeline does: SHA256SUMS.sig next to SHA256SUMS. */
export async function sign(sums: string, key: Key): Promise<void> {
  await Deno.remove(`${sums}.sig`).catch(() => {});
  await sh("ssh-keygen", ["-q", "-Y", "sign", "-f", key.path, "-n", NAMESPACE, sums]);
}
