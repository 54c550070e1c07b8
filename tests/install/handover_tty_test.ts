/**
 * The hand-over on a real terminal, as under `curl … | sh`: the script comes
 * in on standard input, so install.sh must ask on /dev/tty and give
 * onboarding /dev/tty as its input. util-linux `script` provides the
 * terminal; the archive's `openclaw` records how it was started.
 */
import assert from "node:assert/strict";
import { exists, listDir } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { serveRelease, writeRelease } from "./release_server.ts";
import { hasTool, INSTALL_SH, makeSandbox, realTool, type Sandbox } from "./sandbox.ts";

function recorder(version: string): string {
  return `#!/bin/sh
if [ "$#" -eq 1 ] && [ "$1" = --version ]; then echo '${version}'; exit 0; fi
if [ "$*" = "onboard --help" ]; then echo '  --install-daemon    install the gateway service'; exit 0; fi
if [ "$*" = "onboard --list-secret-flags" ]; then echo '--anthropic-api-key ANTHROPIC_API_KEY'; exit 0; fi
{
  echo "args: $*"
  if [ -t 0 ]; then echo "stdin: terminal"; else echo "stdin: not a terminal"; fi
} >> "$HOME/handover.log"
`;
}

/** `cat install.sh | dash -s -- <args>` inside a terminal, with `input` typed into it. */
async function pipedOnTerminal(sb: Sandbox, url: string, args: string, input: string) {
  if (!await exists(`${sb.bin}/dash`)) await sb.addTool("dash");
  const child = new Deno.Command(realTool("script")!, {
    args: ["-qec", `cat '${INSTALL_SH}' | dash -s -- ${args}`, "/dev/null"],
    cwd: sb.home,
    clearEnv: true,
    env: {
      HOME: sb.home,
      PATH: sb.bin,
      TMPDIR: sb.tmp,
      SHELL: "/bin/sh",
      TERM: "dumb",
      NO_COLOR: "1",
      OPENCLAW_INSTALL_BASE_URL: url,
    },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input));
  await writer.close();
  const out = await child.output();
  return { code: out.code, text: new TextDecoder().decode(out.stdout) };
}

const ready = hasTool("script") && hasTool("dash");

Deno.test({
  name: "install.sh on a terminal: asks on /dev/tty, then execs onboarding with the terminal",
  ignore: !ready,
  async fn() {
    await using dist = await tempDir("openclaw-dist-");
    await writeRelease(dist.path, ["0.1.0"], recorder);
    await using server = serveRelease(dist.path);

    // "n": nothing installed, nothing left.
    await using no = await makeSandbox();
    let r = await pipedOnTerminal(no, server.url, "", "n\n");
    assert.equal(r.code, 1, r.text);
    assert.match(r.text, /Install openclaw 0\.1\.0 into .*\/\.openclaw\/bin.*\? \[Y\/n\]/);
    assert.match(r.text, /Cancelled; nothing was changed/);
    assert.deepEqual(await listDir(no.home), []);
    assert.deepEqual(await listDir(no.tmp), []);

    // Enter: installed, then `openclaw onboard --install-daemon` on the terminal.
    await using yes = await makeSandbox();
    r = await pipedOnTerminal(yes, server.url, "-- --flow quickstart", "\n");
    assert.equal(r.code, 0, r.text);
    assert.ok(await exists(`${yes.home}/.openclaw/bin/openclaw`));
    assert.equal(
      await Deno.readTextFile(`${yes.home}/handover.log`),
      "args: onboard --install-daemon --flow quickstart\nstdin: terminal\n",
    );
    assert.deepEqual(await listDir(yes.tmp), []);

    // --yes: no question.
    await using quiet = await makeSandbox();
    r = await pipedOnTerminal(quiet, server.url, "--yes", "");
    assert.equal(r.code, 0, r.text);
    assert.doesNotMatch(r.text, /\[Y\/n\]/);
    assert.equal(
      await Deno.readTextFile(`${quiet.home}/handover.log`),
      "args: onboard --install-daemon\nstdin: terminal\n",
    );
  },
});
