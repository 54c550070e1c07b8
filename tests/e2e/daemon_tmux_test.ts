/**
 * The daemon questions in a real terminal (tmux): an Advanced run whose
 * other answers come from flags. Here (`env -i`: no XDG_RUNTIME_DIR, so no
 * systemd user bus whatever the machine) it finds that out before asking
 * anything about the service: it explains why none can be installed, offers
 * another way, and the summary says no service was installed. Skipped
 * without tmux or setsid.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import { hasTmux, parentDenoDir, TMUX_MISSING, TmuxTerminal } from "./tmux.ts";
import { whichOnPath } from "../../lib/host.ts";
import { unwrapped } from "./clack-screen.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const hasSetsid = Boolean(await whichOnPath("setsid", Deno.env.get("PATH") ?? ""));
if (!hasTmux) console.warn(TMUX_MISSING);
else if (!hasSetsid) console.warn("setsid is missing: the daemon terminal test is skipped.");

const INSTALL = "Install the gateway as a systemd user service";
const FALLBACK = "Run the gateway another way?";

/** The lines of the active (◆) question starting with `message`, up to its closing └. */
function activeBlock(screen: string, message: string): string[] | undefined {
  const lines = screen.split("\n");
  const start = lines.findLastIndex((l) => l.startsWith(`◆  ${message}`));
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.startsWith("└"));
  return lines.slice(start, end < 0 ? undefined : end);
}

Deno.test({
  name: "tmux: without systemd, Advanced explains first and never asks to install the service",
  ignore: !hasTmux || !hasSetsid || Deno.build.os !== "linux",
  async fn() {
    await using home = await tempDir();
    await using term = await TmuxTerminal.start({
      cwd: ROOT,
      argv: [
        Deno.execPath(),
        "run",
        "-q",
        "-A",
        "main.ts",
        "onboard",
        "--flow",
        "advanced",
        "--accept-risk",
        "--auth-choice",
        "skip",
        "--workspace",
        "~/ws",
        "--gateway-port",
        "18789",
        "--gateway-bind",
        "loopback",
        "--gateway-auth",
        "token",
        "--gateway-token",
        "tmux-test-token-123",
        "--tailscale",
        "off",
        // This test is about the service question; the later steps have their own tests.
        "--skip-skills",
        "--skip-health",
        "--skip-channels",
      ],
      env: {
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        HOME: home.path,
        DENO_DIR: await parentDenoDir(),
        TERM: "xterm-256color",
      },
      width: 100,
      height: 50,
    });

    // No user bus: a note that says why and how to run the gateway meanwhile, then the offer.
    const offer = await term.waitFor((s) => activeBlock(s, FALLBACK) !== undefined);
    assert.ok(!(await term.screen(true)).includes(INSTALL), `no install question:\n${offer}`);
    assert.match(offer, /Gateway service/);
    assert.match(offer, /systemd/);
    assert.match(unwrapped(offer), /gateway run --port 18789/);
    const options = activeBlock(offer, FALLBACK)!.join("\n");
    assert.match(options, /● Not now/, `"Not now" is the default:\n${offer}`);
    assert.match(options, /Start it in the background now/);
    await term.press("Enter");

    assert.equal(await term.exitCode(), 0);
    const all = await term.screen(true);
    assert.match(all, /Service +not installed \((no systemd user bus|systemctl not found)\)/);
    assert.match(all, /(openclaw|main\.ts) daemon install/);
    assert.ok(all.includes("└  Onboarding complete."), all);
    assert.equal(
      await Deno.stat(`${home.path}/.config/systemd/user`).catch(() => undefined),
      undefined,
      "no unit written",
    );
  },
});
