/**
 * The archive download shows curl's or wget's progress bar on a terminal and
 * nothing of the kind otherwise (issue 17). util-linux `script` provides the
 * terminal.
 */
import assert from "node:assert/strict";
import { withRelease } from "./release_server.ts";
import { hasTool, INSTALL_SH, makeSandbox, realTool, runInstall } from "./sandbox.ts";

const BARS: Record<string, RegExp> = {
  // curl's bar ends at 100.0% once the archive is in; wget's at 100%[===>].
  curl: /#+\s*100\.0%/,
  wget: /100%\[=*>?\]/,
};

for (const tool of ["curl", "wget"]) {
  Deno.test({
    name: `install.sh (${tool}): a progress bar on a terminal, none without one`,
    ignore: !hasTool("script") || !hasTool("dash") || !hasTool(tool),
    async fn() {
      await withRelease(["0.1.0"], async (_dist, server) => {
        const sandbox = () =>
          tool === "curl" ? makeSandbox() : makeSandbox({ without: ["curl"], with: ["wget"] });
        await using tty = await sandbox();
        await tty.addTool("dash");
        const out = await new Deno.Command(realTool("script")!, {
          args: ["-qec", `dash '${INSTALL_SH}' --yes --no-onboard`, "/dev/null"],
          cwd: tty.home,
          clearEnv: true,
          env: {
            HOME: tty.home,
            PATH: tty.bin,
            TMPDIR: tty.tmp,
            SHELL: "/bin/sh",
            TERM: "dumb",
            NO_COLOR: "1",
            OPENCLAW_INSTALL_BASE_URL: server.url,
          },
          stdin: "null",
          stdout: "piped",
          stderr: "piped",
        }).output();
        const text = new TextDecoder().decode(out.stdout);
        assert.equal(out.code, 0, text);
        assert.match(text, BARS[tool]);

        await using piped = await sandbox();
        const r = await runInstall(piped, ["--no-onboard"], {
          env: { OPENCLAW_INSTALL_BASE_URL: server.url },
        });
        assert.equal(r.code, 0, r.stderr);
        assert.doesNotMatch(r.stderr, /%/);
      });
    },
  });
}
