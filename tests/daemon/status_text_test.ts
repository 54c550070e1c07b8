/**
 * `daemon status` where no user service can be installed (no systemd user
 * bus): it must not advise `openclaw daemon install` (which would fail the
 * same way) but say what to do instead, for the environment it found.
 */
import assert from "node:assert/strict";
import { SystemdService } from "../../lib/daemon/systemd.ts";
import { renderStatus } from "../../lib/daemon/run.ts";
import { tempDir } from "../helpers/host.ts";
import { fail, ok, recordingContext } from "./fixtures.ts";

const NO_BUS = {
  "systemctl --version": ok("systemd 252\n"),
  "systemctl --user show-environment": fail(1, "Failed to connect to bus: No medium found"),
};

Deno.test("daemon status without a user bus says what to do instead of `daemon install`", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({ home: home.path, answers: NO_BUS });
  const text = renderStatus(await new SystemdService(ctx).status(18789), home.path);
  assert.match(text, /^Problem +no systemd user bus/m);
  assert.ok(!text.includes("Install it with"), text);
  // A su/sudo shell (neither WSL nor a container): log in directly; meanwhile run it by hand.
  assert.match(text, /Log in as this user directly/);
  // Printed the way the program was started (in-process: the default `openclaw`).
  assert.match(text, /^ {2}openclaw gateway run --port 18789$/m);
});

Deno.test("daemon status in WSL without systemd says how to turn systemd on", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    answers: NO_BUS,
    environment: { wsl: true, container: false },
  });
  const text = renderStatus(await new SystemdService(ctx).status(18789), home.path);
  assert.ok(!text.includes("Install it with"), text);
  assert.match(text, /systemd=true/);
});

Deno.test("daemon status with a user bus and no service still says how to install it", async () => {
  await using home = await tempDir();
  const ctx = recordingContext({
    home: home.path,
    answers: {
      "systemctl --version": ok("systemd 252\n"),
      "systemctl --user show-environment": ok("HOME=/x\n"),
      "systemctl --user show *": ok(
        "LoadState=not-found\nUnitFileState=\nActiveState=inactive\nSubState=dead\nMainPID=0\n",
      ),
    },
  });
  const text = renderStatus(await new SystemdService(ctx).status(18789), home.path);
  assert.match(text, /^Install it with: openclaw daemon install$/m);
});

Deno.test("daemon status --profile: the command to run the gateway meanwhile keeps the profile", async () => {
  await using home = await tempDir();
  const { resolvePaths } = await import("../../lib/config/paths.ts");
  const { testHost } = await import("../helpers/host.ts");
  const ctx = recordingContext({
    home: home.path,
    answers: NO_BUS,
    paths: resolvePaths(testHost({ home: home.path }), "work"),
  });
  // A real run sets the invocation (with its --profile) once, in the command setup.
  const { currentInvocation, setInvocation } = await import("../../lib/platform/invocation.ts");
  const before = currentInvocation();
  setInvocation({ ...before, profile: "work" });
  try {
    const text = renderStatus(await new SystemdService(ctx).status(18789), home.path);
    assert.match(text, /^ {2}openclaw --profile work gateway run --port 18789$/m);
  } finally {
    setInvocation(before);
  }
});
