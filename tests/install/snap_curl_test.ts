/**
 * snap's curl is confined: it cannot write into hidden folders (~/.openclaw)
 * and has a /tmp of its own (issue 17). A stand-in curl under a /snap/ path
 * refuses to write any path with a hidden part, as the real one does; the
 * install must still succeed, through wget when there is one, else through
 * a plain folder in HOME that is gone afterwards.
 */
import assert from "node:assert/strict";
import { exists, listDir } from "../e2e/cli.ts";
import { withRelease } from "./release_server.ts";
import { hasTool, makeSandbox, realTool, runInstall, type Sandbox } from "./sandbox.ts";

/** A curl at <root>/snap/bin/curl that logs its use and refuses hidden output paths. */
async function snapCurl(sb: Sandbox): Promise<string> {
  const dir = `${sb.root}/snap/bin`;
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/curl`,
    `#!/bin/sh
echo used >> '${sb.root}/snap-curl.log'
prev=""
for a in "$@"; do
  if [ "$prev" = --output ]; then
    case $a in */.*) echo "curl: (23) Failure writing output to destination" >&2; exit 23 ;; esac
  fi
  prev=$a
done
exec '${realTool("curl")}' "$@"
`,
    { mode: 0o755 },
  );
  return `${dir}:${sb.bin}`;
}

Deno.test({
  name: "install.sh: snap's curl downloads into a plain folder in HOME, removed after",
  ignore: !hasTool("curl"),
  async fn() {
    await withRelease(["0.1.0"], async (_dist, server) => {
      await using sb = await makeSandbox({ without: ["curl"] });
      const path = await snapCurl(sb);
      const r = await runInstall(sb, ["--no-onboard"], {
        env: { PATH: path, OPENCLAW_INSTALL_BASE_URL: server.url },
      });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(await exists(`${sb.root}/snap-curl.log`), "snap's curl was not used");
      assert.ok(await exists(`${sb.home}/.openclaw/bin/openclaw`));
      const left = (await listDir(sb.home)).filter((n) => n.startsWith("openclaw-download"));
      assert.deepEqual(left, []);
      assert.deepEqual(await listDir(sb.tmp), []);
    });
  },
});

Deno.test({
  name: "install.sh: with snap's curl and a capable wget, wget downloads",
  ignore: !hasTool("curl") || !hasTool("wget"),
  async fn() {
    await withRelease(["0.1.0"], async (_dist, server) => {
      await using sb = await makeSandbox({ without: ["curl"], with: ["wget"] });
      const path = await snapCurl(sb);
      const r = await runInstall(sb, ["--no-onboard"], {
        env: { PATH: path, OPENCLAW_INSTALL_BASE_URL: server.url },
      });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!await exists(`${sb.root}/snap-curl.log`), "snap's curl was used");
      assert.ok(await exists(`${sb.home}/.openclaw/bin/openclaw`));
    });
  },
});
