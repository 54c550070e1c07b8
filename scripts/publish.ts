/**
 * The release pipeline's publish steps (.github/workflows/release.yml), after every target was
 * built and smoke-tested on its own runner:
 *
 *   deno run -A scripts/publish.ts prepare <site> <version>
 *   deno run -A scripts/publish.ts upload <site> <version> <destination>
 *
 * <site> mirrors the download server: releases/<version>/ holds the four archives (the build
 * jobs' artifacts). `prepare` refuses a release missing a target, writes releases/<version>/
 * SHA256SUMS (scripts/release.ts, as `deno task compile` does), signs
 * SHA256SUMS into SHA256SUMS.sig with the SSH key in $OPENCLAW_RELEASE_SIGNING_KEY
 * (`ssh-keygen -Y sign`, namespace openclaw-release), checks that signature against the key
 * install.sh pins (so a release install.sh would reject is never published), and only then
 * writes releases/latest and copies install.sh with install.sh.sha256 beside it.
 *
 * `upload` copies the site to <destination> (an rsync destination such as
 * deploy@host:/srv/openclaw.ai) in the order that never shows a half release: the version
 * folder first, then `latest`, then install.sh's checksum and install.sh. $RSYNC_RSH (e.g.
 * `ssh -i key`) is passed to rsync as it is; $RSYNC_BIN replaces rsync (tests).
 */
import { fileURLToPath } from "node:url";
import { TARGETS } from "./compile.ts";
import { archiveName, sha256Hex, writeLatest, writeSha256Sums } from "./release.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");
export const NAMESPACE = "openclaw-release";

export class PublishFault extends Error {}

/** The allowed_signers line install.sh pins (RELEASE_SIGNERS='…'), or "" when none is. */
export function pinnedSigners(installSh: string): string {
  const m = installSh.match(/^RELEASE_SIGNERS='([^']*)'$/m);
  if (!m) throw new PublishFault("install.sh has no RELEASE_SIGNERS='…' line to read the key from");
  return m[1];
}

async function run(cmd: string, args: string[], stdin?: string): Promise<void> {
  const child = new Deno.Command(cmd, {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr).trim() ||
      new TextDecoder().decode(out.stdout).trim();
    throw new PublishFault(`${cmd} ${args.join(" ")} failed (exit ${out.code}): ${text}`);
  }
}

export async function prepare(
  site: string,
  version: string,
  signingKey: string,
  installShPath = `${ROOT}/install.sh`,
): Promise<void> {
  const dir = `${site}/releases/${version}`;
  const missing: string[] = [];
  for (const t of TARGETS) {
    const ok = await Deno.stat(`${dir}/${archiveName(version, t)}`).then(
      (s) => s.isFile,
      () => false,
    );
    if (!ok) missing.push(archiveName(version, t));
  }
  if (missing.length) {
    throw new PublishFault(`not publishing ${version}: ${dir} lacks ${missing.join(", ")}`);
  }
  if (!signingKey.trim()) {
    throw new PublishFault(
      "OPENCLAW_RELEASE_SIGNING_KEY is empty: set the repository secret to the release's SSH " +
        "private key (docs/installer.md, The release key).",
    );
  }
  const installSh = await Deno.readTextFile(installShPath);
  const signers = pinnedSigners(installSh);
  if (!signers) {
    throw new PublishFault(
      "install.sh pins no release key (RELEASE_SIGNERS is empty), so it could not check this " +
        "release's signature: put the key's allowed_signers line there (docs/installer.md).",
    );
  }
  await writeSha256Sums(`${site}/releases`, version);
  const sums = `${dir}/SHA256SUMS`;
  const scratch = await Deno.makeTempDir({ prefix: "openclaw-publish-" });
  try {
    const key = `${scratch}/key`;
    await Deno.writeTextFile(key, signingKey.replace(/\r\n/g, "\n").trimEnd() + "\n", {
      mode: 0o600,
    });
    await Deno.remove(`${sums}.sig`).catch(() => {});
    await run("ssh-keygen", ["-q", "-Y", "sign", "-f", key, "-n", NAMESPACE, sums]);
    // What install.sh will do with it.
    await Deno.writeTextFile(`${scratch}/allowed_signers`, `${signers}\n`);
    await run("ssh-keygen", [
      "-Y",
      "verify",
      "-f",
      `${scratch}/allowed_signers`,
      "-I",
      signers.split(" ")[0],
      "-n",
      NAMESPACE,
      "-s",
      `${sums}.sig`,
    ], await Deno.readTextFile(sums)).catch((err) => {
      throw new PublishFault(
        `the signature does not verify against the key install.sh pins: ` +
          `OPENCLAW_RELEASE_SIGNING_KEY is not the private half of RELEASE_SIGNERS ` +
          `(${(err as Error).message})`,
      );
    });
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
  // Only a release that is whole and verifies gets `latest` and the installer.
  await writeLatest(`${site}/releases`, version);
  await Deno.writeTextFile(`${site}/install.sh`, installSh, { mode: 0o644 });
  const sha = await sha256Hex(new TextEncoder().encode(installSh));
  await Deno.writeTextFile(`${site}/install.sh.sha256`, `${sha}  install.sh\n`);
}

/** The rsync runs of `upload`, in order: [source, destination] pairs. */
export function uploadSteps(site: string, version: string, dest: string): [string, string][] {
  const to = dest.replace(/\/+$/, "");
  return [
    [`${site}/releases/${version}/`, `${to}/releases/${version}/`],
    [`${site}/releases/latest`, `${to}/releases/latest`],
    [`${site}/install.sh.sha256`, `${to}/install.sh.sha256`],
    [`${site}/install.sh`, `${to}/install.sh`],
  ];
}

export async function upload(site: string, version: string, dest: string): Promise<void> {
  const rsync = Deno.env.get("RSYNC_BIN") || "rsync";
  for (const [from, to] of uploadSteps(site, version, dest)) {
    console.log(`upload ${from} -> ${to}`);
    await run(rsync, ["-a", "--mkpath", from, to]);
  }
}

export async function main(args: string[]): Promise<number> {
  const [step, site, version, dest] = args;
  try {
    if (step === "prepare" && site && version && args.length === 3) {
      await prepare(site, version, Deno.env.get("OPENCLAW_RELEASE_SIGNING_KEY") ?? "");
      console.log(`prepared ${version} in ${site}: SHA256SUMS signed, latest, install.sh`);
      return 0;
    }
    if (step === "upload" && site && version && dest && args.length === 4) {
      await upload(site, version, dest);
      return 0;
    }
  } catch (err) {
    if (!(err instanceof PublishFault)) throw err;
    console.error(`publish: ${err.message}`);
    return 1;
  }
  console.error(
    "usage: deno run -A scripts/publish.ts prepare <site> <version>\n" +
      "       deno run -A scripts/publish.ts upload <site> <version> <destination>",
  );
  return 2;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
