/**
 * Black-box: the real CLI (`deno run -A main.ts daemon …`, `onboard
 * --install-daemon`) in a subprocess with a temp HOME and fake systemctl,
 * loginctl and sudo first on PATH. The fakes log every call and keep the
 * unit's state in a file, so install → status → re-install → uninstall run
 * as they would against systemd.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { runCli } from "../e2e/cli.ts";
import { testGateway } from "../gateway/harness.ts";
import { freePort } from "../helpers/ports.ts";

const UNIT = "openclaw-gateway.service";

const SYSTEMCTL = `#!/bin/sh
echo "systemctl $*" >> "$FAKE_DIR/calls"
state() { cat "$FAKE_DIR/state" 2>/dev/null || echo inactive; }
case "$*" in
  "--version") echo "systemd 252 (252.39-1~deb12u2)"; exit 0 ;;
  "--user show-environment")
    if [ -n "$FAKE_NO_BUS" ]; then echo "Failed to connect to bus: No medium found" >&2; exit 1; fi
    echo "HOME=$HOME"; exit 0 ;;
  "--user show "*)
    if [ "$(state)" = active ]; then
      printf 'LoadState=loaded\\nUnitFileState=enabled\\nActiveState=active\\nSubState=running\\nMainPID=4321\\n'
    elif [ -f "$FAKE_DIR/enabled" ]; then
      printf 'LoadState=loaded\\nUnitFileState=enabled\\nActiveState=inactive\\nSubState=dead\\nMainPID=0\\n'
    else
      printf 'LoadState=not-found\\nUnitFileState=\\nActiveState=inactive\\nSubState=dead\\nMainPID=0\\n'
    fi
    exit 0 ;;
  "--user daemon-reload") exit 0 ;;
  "--user enable --now "*) touch "$FAKE_DIR/enabled"; echo active > "$FAKE_DIR/state"; exit 0 ;;
  "--user disable --now "*) rm -f "$FAKE_DIR/enabled"; echo inactive > "$FAKE_DIR/state"; exit 0 ;;
  "--user start "*|"--user restart "*) echo active > "$FAKE_DIR/state"; exit 0 ;;
  "--user stop "*) echo inactive > "$FAKE_DIR/state"; exit 0 ;;
esac
echo "fake systemctl: unexpected $*" >&2; exit 1
`;

const LOGINCTL = `#!/bin/sh
echo "loginctl $*" >> "$FAKE_DIR/calls"
case "$*" in
  "show-user ada --property=Linger --value") echo no; exit 0 ;;
  "enable-linger ada") echo "Could not enable linger: Access denied" >&2; exit 1 ;;
esac
exit 1
`;

const SUDO = `#!/bin/sh
echo "sudo $*" >> "$FAKE_DIR/calls"
exit 0
`;

async function fakes(dir: string): Promise<string> {
  const bin = `${dir}/fake-bin`;
  await Deno.mkdir(bin);
  for (const [name, text] of [["systemctl", SYSTEMCTL], ["loginctl", LOGINCTL], ["sudo", SUDO]]) {
    await Deno.writeTextFile(`${bin}/${name}`, text, { mode: 0o755 });
  }
  return bin;
}

async function calls(dir: string): Promise<string[]> {
  const text = await Deno.readTextFile(`${dir}/calls`).catch(() => "");
  await Deno.remove(`${dir}/calls`).catch(() => {});
  return text.split("\n").filter(Boolean);
}

const SHOW = `systemctl --user show ${UNIT} --property=LoadState,UnitFileState,ActiveState,` +
  "SubState,MainPID,ExecMainCode,ExecMainStatus,ExecMainExitTimestamp,NRestarts";

Deno.test("CLI: daemon install → status → re-install → edited → uninstall, with fake systemctl", async () => {
  await using home = await tempDir();
  const bin = await fakes(home.path);
  const env = {
    PATH: `${bin}:${Deno.env.get("PATH")}`,
    FAKE_DIR: home.path,
    USER: "ada",
  };
  const port = freePort();
  const unitFile = `${home.path}/.config/systemd/user/${UNIT}`;

  // install
  const install = await runCli(["daemon", "install", "--port", String(port), "--json"], {
    home: home.path,
    env,
  });
  assert.equal(install.code, 0, install.stderr);
  assert.deepEqual(await calls(home.path), [
    "systemctl --version",
    "systemctl --user show-environment",
    SHOW,
    "systemctl --user daemon-reload",
    `systemctl --user enable --now ${UNIT}`,
    "loginctl show-user ada --property=Linger --value",
    "loginctl enable-linger ada",
    "sudo -n loginctl enable-linger ada",
  ]);
  const result = JSON.parse(install.stdout);
  assert.equal(result.ok, true);
  assert.equal(result.change, "new");
  assert.equal(result.linger, "enabled-with-sudo");
  assert.match(install.stderr, /writes \/var\/lib\/systemd\/linger\/ada/);
  const unit = await Deno.readTextFile(unitFile);
  assert.match(
    unit,
    new RegExp(`^ExecStart=.* run -A .*/main\\.ts gateway run --port ${port}$`, "m"),
  );

  // status: running per systemd; nothing listens yet, then something does
  let status = await runCli(["daemon", "status", "--json"], { home: home.path, env });
  assert.equal(status.code, 0, status.stderr);
  const s = JSON.parse(status.stdout);
  assert.equal(s.installed, true);
  assert.equal(s.enabled, true);
  assert.equal(s.running, true);
  assert.equal(s.pid, 4321);
  assert.equal(s.port, port);
  assert.deepEqual(s.command.slice(-4), ["gateway", "run", "--port", String(port)]);
  assert.equal(s.gateway.answers, false);
  // A real gateway on that port (its own secret: "answers" means the gateway replied).
  {
    await using _gw = await testGateway({ settings: { port } });
    status = await runCli(["daemon", "status"], { home: home.path, env });
    assert.match(status.stdout, /^Running +yes \(pid 4321\)$/m);
    assert.match(status.stdout, new RegExp(`^Gateway +answers on port ${port}`, "m"));
    assert.match(status.stdout, /^Command +\S+ run -A \S+main\.ts gateway run --port \d+$/m);
  }
  await calls(home.path);

  // re-install: unchanged, restarted
  const again = await runCli(["daemon", "install", "--port", String(port)], {
    home: home.path,
    env,
  });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /is up to date/);
  assert.match(again.stdout, /Restarted openclaw-gateway\.service/);
  assert.ok(!(await calls(home.path)).includes("systemctl --user daemon-reload"));

  // edited by hand: refused without a terminal, diff shown; --force replaces and keeps a .bak
  await Deno.writeTextFile(unitFile, unit.replace("RestartSec=5", "RestartSec=2"));
  const refused = await runCli(["daemon", "install", "--port", String(port)], {
    home: home.path,
    env,
  });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /was changed by hand/);
  assert.match(refused.stderr, /- RestartSec=2\n\+ RestartSec=5/);
  assert.match(refused.stderr, /--force/);
  assert.match(await Deno.readTextFile(unitFile), /RestartSec=2/);
  const forced = await runCli(["daemon", "install", "--port", String(port), "--force"], {
    home: home.path,
    env,
  });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(await Deno.readTextFile(unitFile), /RestartSec=5/);
  assert.match(await Deno.readTextFile(`${unitFile}.bak`), /RestartSec=2/);
  await calls(home.path);

  // stop, start
  for (const verb of ["stop", "start"]) {
    const r = await runCli(["daemon", verb], { home: home.path, env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await calls(home.path)).at(-1), `systemctl --user ${verb} ${UNIT}`);
  }

  // uninstall
  const un = await runCli(["daemon", "uninstall"], { home: home.path, env });
  assert.equal(un.code, 0, un.stderr);
  assert.deepEqual((await calls(home.path)).slice(-2), [
    `systemctl --user disable --now ${UNIT}`,
    "systemctl --user daemon-reload",
  ]);
  assert.equal(await Deno.stat(unitFile).catch(() => undefined), undefined);
});

Deno.test("CLI: no user bus, and a port already in use, fail with the fix", async () => {
  await using home = await tempDir();
  const bin = await fakes(home.path);
  const env = { PATH: `${bin}:${Deno.env.get("PATH")}`, FAKE_DIR: home.path, USER: "ada" };

  const nobus = await runCli(["daemon", "install"], {
    home: home.path,
    env: { ...env, FAKE_NO_BUS: "1", WSL_DISTRO_NAME: "Debian" },
  });
  assert.equal(nobus.code, 1);
  assert.match(nobus.stderr, /no systemd user bus/);
  assert.match(nobus.stderr, /No medium found/);
  assert.match(nobus.stderr, /\[boot\]\n +systemd=true/);
  assert.match(nobus.stderr, /gateway run --port 18789/);
  assert.ok(!nobus.stderr.includes("    at "), "no stack trace");

  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (listener.addr as Deno.NetAddr).port;
    const busy = await runCli(["daemon", "install", "--port", String(port)], {
      home: home.path,
      env,
    });
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, new RegExp(`Port ${port} is already in use`));
    assert.equal(
      await Deno.stat(`${home.path}/.config/systemd/user/${UNIT}`).catch(() => undefined),
      undefined,
    );
  } finally {
    listener.close();
  }

  const bad = await runCli(["daemon", "install", "--port", "70000"], { home: home.path, env });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--port: A port is a whole number from 1 to 65535/);
});

Deno.test("CLI: onboard --non-interactive --install-daemon installs the service", async () => {
  await using home = await tempDir();
  const bin = await fakes(home.path);
  const env = { PATH: `${bin}:${Deno.env.get("PATH")}`, FAKE_DIR: home.path, USER: "ada" };
  const port = freePort();
  const r = await runCli([
    "onboard",
    "--non-interactive",
    "--accept-risk",
    "--auth-choice",
    "skip",
    "--gateway-port",
    String(port),
    "--install-daemon",
    "--daemon-runtime",
    "node",
    "--json",
  ], { home: home.path, env });
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.installDaemon, true);
  assert.equal(json.daemon.installed, true);
  assert.equal(json.daemon.linger, "enabled-with-sudo");
  const log = await calls(home.path);
  assert.ok(log.includes(`systemctl --user enable --now ${UNIT}`), log.join("\n"));
  assert.match(
    await Deno.readTextFile(`${home.path}/.config/systemd/user/${UNIT}`),
    new RegExp(`--port ${port}$`, "m"),
  );

  const bun = await runCli(["onboard", "--non-interactive", "--daemon-runtime", "bun"], {
    home: home.path,
    env,
  });
  assert.equal(bun.code, 2);
  assert.match(bun.stderr, /bun is not offered/);
});
