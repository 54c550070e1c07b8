/**
 * scripts/release-smoke.sh, the release pipeline's per-runner smoke test. No compiled binary
 * can be built here (deno compile needs a download), so it runs on a launcher for this
 * checkout, which behaves like the binary; the pipeline runs it on the real one.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import { freePort } from "../helpers/ports.ts";
import { VERSION } from "../../lib/version.ts";
import { denoDir } from "../helpers/deno-info.ts";
import { canUnshareNet } from "../helpers/netns.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const SCRIPT = `${ROOT}/scripts/release-smoke.sh`;

/** An `openclaw` that runs this checkout (the smoke test gives it a fresh HOME: keep Deno's cache). */
async function launcher(dir: string): Promise<string> {
  const path = `${dir}/openclaw`;
  await Deno.writeTextFile(
    path,
    `#!/bin/sh\nexport DENO_DIR='${await denoDir()}'\n` +
      `exec '${Deno.execPath()}' run -q -A '${ROOT}/main.ts' "$@"\n`,
    { mode: 0o755 },
  );
  return path;
}

async function smoke(binary: string, version: string, env: Record<string, string> = {}) {
  const port = String(freePort());
  const out = await new Deno.Command("sh", {
    args: [SCRIPT, binary, version],
    env: { OPENCLAW_SMOKE_PORT: port, OPENCLAW_SMOKE_WAIT: "60", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, output: dec.decode(out.stdout) + dec.decode(out.stderr), port };
}

/** Processes still running whose command line holds `text` (Linux: /proc). */
function processesWith(text: string): string[] {
  const found: string[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    try {
      const cmd = Deno.readTextFileSync(`/proc/${e.name}/cmdline`).replaceAll("\0", " ");
      if (cmd.includes(text)) found.push(`${e.name}: ${cmd}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

Deno.test({
  name: "release-smoke: the checkout's openclaw passes every check, with and without network",
  ignore: !canUnshareNet,
  async fn() {
    await using dir = await tempDir();
    const r = await smoke(await launcher(dir.path), VERSION, { TMPDIR: dir.path });
    assert.equal(r.code, 0, r.output);
    for (
      const line of [
        `ok: --version is ${VERSION}`,
        "ok: non-interactive onboarding (network)",
        "ok: gateway run + health (network)",
        "ok: non-interactive onboarding (no network)",
        "ok: health with the loopback down says network unreachable",
        "ok: gateway run + health (no network)",
        "all checks passed",
      ]
    ) assert.ok(r.output.includes(line), `missing "${line}" in:\n${r.output}`);
    // Its scratch folders (the temp HOMEs) are gone, and so are the gateways it started.
    assert.deepEqual([...Deno.readDirSync(dir.path)].map((e) => e.name), ["openclaw"]);
    assert.deepEqual(processesWith(`gateway run --port ${r.port}`), []);
  },
});

Deno.test("release-smoke: a binary that answers another version fails at the first check", async () => {
  await using dir = await tempDir();
  const fake = `${dir.path}/openclaw`;
  // What a build on the deno CLI instead of denort answers.
  await Deno.writeTextFile(fake, "#!/bin/sh\necho 'deno 2.9.6'\n", { mode: 0o755 });
  const r = await smoke(fake, VERSION, { TMPDIR: dir.path });
  assert.equal(r.code, 1, r.output);
  assert.match(r.output, /FAILED: openclaw --version printed 'deno 2\.9\.6'/);
  assert.doesNotMatch(r.output, /ok: non-interactive onboarding/);
  assert.deepEqual([...Deno.readDirSync(dir.path)].map((e) => e.name), ["openclaw"]);
});

Deno.test("release-smoke: an onboarding that fails stops the run and shows its output", async () => {
  await using dir = await tempDir();
  const fake = `${dir.path}/openclaw`;
  await Deno.writeTextFile(
    fake,
    `#!/bin/sh\n[ "$1" = --version ] && { echo '${VERSION}'; exit 0; }\n` +
      `echo 'onboard: boom' >&2\nexit 3\n`,
    { mode: 0o755 },
  );
  const r = await smoke(fake, VERSION, { TMPDIR: dir.path });
  assert.equal(r.code, 1, r.output);
  assert.match(r.output, /FAILED: non-interactive onboarding exited 3: onboard: boom/);
  assert.doesNotMatch(r.output, /gateway run/);
});
