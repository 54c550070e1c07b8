/**
 * Remote mode in a real terminal: a fake `avahi-browse` on PATH announces a
 * real gateway (127.0.0.1, port 0); the wizard offers it, the user picks it
 * and types the token, the gateway answers, and the config points at it.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { tempDir } from "../helpers/host.ts";
import { hasTmux, parentDenoDir, TMUX_MISSING, TmuxTerminal } from "../e2e/tmux.ts";
import { testGateway, TOKEN } from "../gateway/harness.ts";
import { readConfigFile } from "../../lib/config/store.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
if (!hasTmux) console.warn(TMUX_MISSING);

Deno.test({
  name: "tmux: remote mode offers the gateway avahi-browse found, tries it, records it",
  ignore: !hasTmux,
  async fn() {
    await using gw = await testGateway();
    await using home = await tempDir();
    const bin = `${home.path}/bin`;
    await Deno.mkdir(bin);
    const line =
      `=;lo;IPv4;openclaw\\032on\\032studio;_openclaw-gw._tcp;local;studio.local;127.0.0.1;${gw.port};""`;
    await Deno.writeTextFile(`${bin}/avahi-browse`, `#!/bin/sh\nprintf '%s\\n' '${line}'\n`, {
      mode: 0o755,
    });
    await using term = await TmuxTerminal.start({
      cwd: ROOT,
      argv: [Deno.execPath(), "run", "-q", "-A", "main.ts", "onboard", "--accept-risk"],
      env: {
        PATH: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
        HOME: home.path,
        DENO_DIR: await parentDenoDir(),
        TERM: "xterm-256color",
      },
      width: 100,
      height: 40,
    });

    // The first choice: the third option is the remote gateway.
    await term.waitFor("◆  How do you want to set up?");
    await term.press("Down", "Down");
    await term.waitFor(/● Remote gateway/);
    await term.press("Enter");

    const offer = await term.waitFor("◆  Which gateway?");
    assert.match(offer, /● openclaw on studio/, offer);
    assert.ok(offer.includes(`ws://127.0.0.1:${gw.port}/`), offer);
    await term.press("Enter");

    await term.waitFor("◆  How does that gateway check clients?");
    await term.press("Enter"); // Token (the default)
    await term.waitFor("◆  Gateway token");
    await term.type(TOKEN);
    await term.press("Enter");

    assert.equal(await term.exitCode(20_000), 0);
    const all = await term.screen(true);
    assert.ok(all.includes("answered (version"), all);
    assert.ok(all.includes("Reachable   yes"), all);
    assert.ok(!all.includes(TOKEN), "the token never shows");

    const config = (await readConfigFile(`${home.path}/.openclaw/openclaw.json`)).data as {
      gateway: { mode: string; remote: { url: string; token: string } };
    };
    assert.equal(config.gateway.mode, "remote");
    assert.deepEqual(config.gateway.remote, { url: `ws://127.0.0.1:${gw.port}/`, token: TOKEN });
  },
});
