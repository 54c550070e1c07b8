/**
 * The Skills step in a real terminal (tmux): Advanced flow with every other
 * answer given by flags, so the screen goes straight to the skills status,
 * the node manager and the install picker. A fake pnpm on PATH records what
 * it was asked to install. Skipped when tmux is missing.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import { hasTmux, parentDenoDir, TMUX_MISSING, TmuxTerminal } from "../e2e/tmux.ts";
import { readConfigFile } from "../../lib/config/store.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DENO_DIR = hasTmux ? await parentDenoDir() : "";
if (!hasTmux) console.warn(TMUX_MISSING);

Deno.test({
  name: "tmux: Advanced Skills step: status, pnpm, pick diagrams, install runs with progress",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    const bin = `${home.path}/bin`;
    await Deno.mkdir(bin);
    await Deno.writeTextFile(
      `${bin}/pnpm`,
      `#!/bin/sh\necho "$@" > "${home.path}/pnpm-args"\necho "Packages: +1"\n`,
    );
    await Deno.chmod(`${bin}/pnpm`, 0o755);
    await using term = await TmuxTerminal.start({
      cwd: ROOT,
      argv: [
        Deno.execPath(),
        "run",
        "-q",
        "-A",
        "main.ts",
        "onboard",
        "--accept-risk",
        "--flow",
        "advanced",
        "--auth-choice",
        "skip",
        // This test is about the Skills step; the service and health check have their own tests.
        "--skip-daemon",
        "--skip-health",
        "--skip-channels",
        "--workspace",
        "~/ws",
        "--gateway-port",
        "18789",
        "--gateway-bind",
        "loopback",
        "--gateway-auth",
        "token",
        "--gateway-token",
        "tok-0123456789abcdef",
        "--tailscale",
        "off",
      ],
      // Only the fake pnpm and the basic system folders: no brew, no gh, no mmdc.
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: home.path, DENO_DIR, TERM: "xterm-256color" },
      width: 100,
      height: 45,
    });

    await term.waitFor("◇  Skills");
    const status = await term.screen();
    assert.match(status, /diagrams: needs program mmdc/);
    await term.waitFor("◆  Which Node package manager should skill installs use?");
    await term.press("Down"); // npm → pnpm
    await term.waitFor(/● pnpm/);
    await term.press("Enter");

    await term.waitFor("◆  Install the programs these skills need?");
    const picker = await term.screen();
    assert.match(picker, /◻ diagrams/);
    assert.ok(!/◻ clipboard|◻ notion/.test(picker), "only installable skills are offered");
    await term.press("Space"); // the focused first option: diagrams
    await term.waitFor(/◼ diagrams/);
    await term.press("Enter");

    assert.equal(await term.exitCode(), 0);
    const all = await term.screen(true);
    for (
      const text of [
        "installs use pnpm",
        "diagrams: installed, but mmdc is not on PATH yet",
        "Install log: ~/.openclaw/logs/skills-install.log",
        "--node-manager pnpm --skills-install diagrams",
      ]
    ) {
      assert.ok(
        all.replace(/\n/g, "").includes(text) || all.includes(text),
        `shows ${text}:\n${all}`,
      );
    }
    assert.equal(
      (await Deno.readTextFile(`${home.path}/pnpm-args`)).trim(),
      "add --global @mermaid-js/mermaid-cli",
    );
    const config = await readConfigFile(`${home.path}/.openclaw/openclaw.json`);
    assert.equal(
      (config.data as { skills: { install: { nodeManager: string } } }).skills.install.nodeManager,
      "pnpm",
    );
  },
});
