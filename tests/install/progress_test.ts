/**
 * The archive download shows curl's progress bar on a terminal and nothing of
 * the kind otherwise (issue 17). util-linux `script` provides the terminal.
 */
import assert from "node:assert/strict";
import { withRelease } from "./release_server.ts";
import { hasTool, INSTALL_SH, makeSandbox, realTool, runInstall } from "./sandbox.ts";

Deno.test({
  name: "install.sh (curl): a progress bar on a terminal, none without one",
  ignore: !hasTool("script") || !hasTool("dash"),
  async fn() {
    await withRelease(["0.1.0"], async (_dist, server) => {
      await using tty = await makeSandbox();
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
      // curl's bar ends at 100.0% once the archive is in.
      assert.match(text, /#+\s*100\.0%/);

      await using piped = await makeSandbox();
      const r = await runInstall(piped, ["--no-onboard"], {
        env: { OPENCLAW_INSTALL_BASE_URL: server.url },
      });
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /%/);
    });
  },
});
