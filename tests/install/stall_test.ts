/**
 * install.sh against a server that stops answering (issue 17): one that
 * accepts and never answers, and one that sends part of the archive and then
 * stalls. The run must give up by itself with a message naming the URL and
 * what to do, and leave nothing behind: no staging folder, no binary, and an
 * existing install untouched. OPENCLAW_INSTALL_STALL_SECONDS shortens the
 * wait so the test does not sit out the default.
 */
import assert from "node:assert/strict";
import { exists, listDir } from "../e2e/cli.ts";
import { archiveName } from "../../scripts/release.ts";
import { stallServer, withRelease } from "./release_server.ts";
import { hasTool, makeSandbox, runInstall, SHELLS } from "./sandbox.ts";

const LINUX = "x86_64-unknown-linux-gnu";
const ARCHIVE = `/0.1.0/${archiveName("0.1.0", LINUX)}`;
const STALL = "1";
/** The bound of the issue: a stalled server is abandoned well within this. */
const LIMIT_MS = 90_000;

const sandboxFor = (tool: string) =>
  tool === "curl" ? makeSandbox() : makeSandbox({ without: ["curl"], with: ["wget"] });

for (const tool of ["curl", "wget"]) {
  for (const shell of SHELLS) {
    Deno.test({
      name:
        `install.sh (${tool}, ${shell}): a server that accepts and never answers is given up on`,
      ignore: !hasTool(tool),
      async fn() {
        await using silent = stallServer();
        await using sb = await sandboxFor(tool);
        const started = Date.now();
        const r = await runInstall(sb, ["--no-onboard"], {
          shell,
          env: { OPENCLAW_INSTALL_BASE_URL: silent.url, OPENCLAW_INSTALL_STALL_SECONDS: STALL },
        });
        assert.ok(Date.now() - started < LIMIT_MS);
        assert.equal(r.code, 1, r.stderr);
        assert.ok(silent.accepted() >= 1, "the server was never contacted");
        assert.match(
          r.stderr,
          new RegExp(`gave up on ${silent.url}/latest: the server sent nothing for 1 seconds`),
        );
        assert.match(r.stderr, /docs\/installer\.md/);
        assert.match(r.stderr, /--from-file/);
        assert.ok(!await exists(`${sb.home}/.openclaw`), "the install folder was left behind");
        assert.deepEqual(await listDir(sb.tmp), []);
      },
    });

    Deno.test({
      name:
        `install.sh (${tool}, ${shell}): a download that stalls midway leaves the old install as it was`,
      ignore: !hasTool(tool),
      async fn() {
        await withRelease(["0.1.0"], async (dist) => {
          // latest and SHA256SUMS are served; the archive stalls halfway.
          await using stalled = stallServer(dist, ARCHIVE);
          await using sb = await sandboxFor(tool);
          const bin = `${sb.home}/.openclaw/bin`;
          await Deno.mkdir(bin, { recursive: true });
          await Deno.writeTextFile(`${bin}/openclaw`, "#!/bin/sh\necho old\n", { mode: 0o755 });
          const r = await runInstall(sb, ["--no-onboard"], {
            shell,
            env: { OPENCLAW_INSTALL_BASE_URL: stalled.url, OPENCLAW_INSTALL_STALL_SECONDS: STALL },
          });
          assert.equal(r.code, 1, r.stderr);
          assert.match(
            r.stderr,
            new RegExp(`gave up on ${stalled.url}${ARCHIVE}: the server sent nothing`),
          );
          assert.match(r.stderr, /Nothing was installed/);
          assert.equal(await Deno.readTextFile(`${bin}/openclaw`), "#!/bin/sh\necho old\n");
          assert.deepEqual(await listDir(bin), ["openclaw"]);
          assert.deepEqual(await listDir(sb.tmp), []);
        });
      },
    });
  }
}
