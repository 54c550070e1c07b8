/**
 * `openclaw daemon …` as the CLI runs it (lib/daemon/run.ts) with a
 * recording context: the text and JSON it prints, the question before
 * replacing a hand-edited unit on a terminal, --no-probe and --runtime.
 */
import assert from "node:assert/strict";
import { runDaemon } from "../../lib/daemon/run.ts";
import { UsageError } from "../../lib/errors.ts";
import { tempDir } from "../helpers/host.ts";
import { type Answers, ok, recordingContext } from "./fixtures.ts";

const UNIT = "openclaw-gateway.service";
const RUNNING = "LoadState=loaded\nUnitFileState=enabled\nActiveState=active\nSubState=running\n" +
  "MainPID=99\nNRestarts=2\nExecMainCode=0\nExecMainExitTimestamp=\n";

function answers(show = "LoadState=not-found\nUnitFileState=\nActiveState=inactive\n"): Answers {
  return {
    "systemctl --version": ok("systemd 252\n"),
    "systemctl --user show-environment": ok(),
    "systemctl --user show *": ok(show),
    "systemctl --user daemon-reload": ok(),
    [`systemctl --user enable --now ${UNIT}`]: ok(),
    [`systemctl --user restart ${UNIT}`]: ok(),
    "loginctl show-user ada --property=Linger --value": ok("yes\n"),
  };
}

async function daemon(
  home: string,
  action: Parameters<typeof runDaemon>[0]["action"],
  extra: Partial<Parameters<typeof runDaemon>[0]> = {},
  opts: { show?: string; interactive?: boolean; gatewayAnswers?: boolean } = {},
) {
  const ctx = recordingContext({
    home,
    answers: answers(opts.show),
    interactive: opts.interactive,
    gatewayAnswers: opts.gatewayAnswers,
  });
  const code = await runDaemon({
    host: ctx.host,
    paths: ctx.paths,
    action,
    json: false,
    ctx,
    ...extra,
  });
  return { code, out: ctx.host.out.join(""), ctx };
}

Deno.test("daemon install prints each step, warns when there is no config yet", async () => {
  await using home = await tempDir();
  const r = await daemon(home.path, "install");
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    [
      "✓ Wrote ~/.config/systemd/user/openclaw-gateway.service",
      "✓ Reloaded systemd's user units",
      "✓ Enabled openclaw-gateway.service (starts at login) and started it",
      "✓ Lingering is already on for ada",
      "! There is no config yet (~/.openclaw/openclaw.json): set the gateway up with " +
      "`openclaw onboard`, then `openclaw daemon restart`.",
      "Check it any time: openclaw daemon status",
      "",
    ].join("\n"),
  );
});

Deno.test("daemon install on a terminal asks before replacing a hand-edited unit", async () => {
  await using home = await tempDir();
  await daemon(home.path, "install");
  const file = `${home.path}/.config/systemd/user/${UNIT}`;
  const edited = (await Deno.readTextFile(file)).replace("Type=simple", "Type=exec");
  await Deno.writeTextFile(file, edited);

  const asked: string[] = [];
  const no = await daemon(home.path, "install", {
    confirm: (m) => (asked.push(m), Promise.resolve(false)),
  }, { interactive: true });
  assert.equal(no.code, 1);
  assert.deepEqual(asked, ["Replace it with openclaw's version?"]);
  assert.match(no.ctx.said.join(""), /- Type=exec\n\+ Type=simple/);
  assert.match(no.out, /Kept your edited ~\/\.config\/systemd\/user\/openclaw-gateway\.service/);
  assert.equal(await Deno.readTextFile(file), edited);

  const yes = await daemon(home.path, "install", { confirm: () => Promise.resolve(true) }, {
    interactive: true,
  });
  assert.equal(yes.code, 0);
  assert.match(
    yes.out,
    /your edited version: ~\/\.config\/systemd\/user\/openclaw-gateway\.service\.bak/,
  );
  assert.match(await Deno.readTextFile(file), /^Type=simple$/m);
});

Deno.test("daemon status: text and JSON", async () => {
  await using home = await tempDir();
  await daemon(home.path, "install", { port: "19123" });
  const text = await daemon(home.path, "status", {}, { show: RUNNING, gatewayAnswers: true });
  assert.equal(text.code, 0);
  const lines = text.out.split("\n");
  assert.deepEqual(lines.slice(0, 5), [
    "Service    openclaw-gateway.service (systemd user unit)",
    "File       ~/.config/systemd/user/openclaw-gateway.service",
    "Installed  yes",
    "Enabled    yes",
    "Running    yes (pid 99)",
  ]);
  assert.ok(lines.includes(
    "Command    /opt/deno/bin/deno run -A /src/openclaw/main.ts gateway run --port 19123",
  ));
  assert.ok(lines.includes("Restarts   2 (after the gateway stopped)"));
  assert.ok(
    lines.includes(
      "Gateway    answers on port 19123: accepts connections on 127.0.0.1:19123",
    ),
  );

  const json = await daemon(home.path, "status", { json: true, probe: false }, { show: RUNNING });
  const doc = JSON.parse(json.out);
  assert.equal(doc.ok, true);
  assert.equal(doc.running, true);
  assert.equal(doc.port, 19123);
  assert.deepEqual(doc.gateway, { answers: false, detail: "not checked (--no-probe)" });
});

Deno.test("daemon install: --runtime bun and a bad --port are usage errors", async () => {
  await using home = await tempDir();
  await assert.rejects(
    daemon(home.path, "install", { runtime: "bun" }),
    (e: Error) => e instanceof UsageError && /--runtime bun is not offered/.test(e.message),
  );
  await assert.rejects(
    daemon(home.path, "install", { port: "http" }),
    (e: Error) => e instanceof UsageError && /--port: A port is a whole number/.test(e.message),
  );
});
