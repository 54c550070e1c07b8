/**
 * The gateway as the service runs it: `openclaw gateway run` in a subprocess
 * starts the Telegram channel from the config (against a Bot API stand-in on
 * 127.0.0.1), answers an unknown DM with a pairing code, accepts the sender
 * after `openclaw pairing approve` and answers its next DM through the agent,
 * loads `~/.openclaw/.env`, and
 * `openclaw status --deep` reports the channel.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { allOutput, MAIN_TS, parentDenoDir, runCli } from "./cli.ts";
import { dm, dmFrom, GOOD_TELEGRAM_TOKEN, telegramStandIn } from "../channels/standins.ts";
import { freePort } from "../helpers/ports.ts";

const TOKEN = "gateway-e2e-token-0123456789";

/**
 * ~/.openclaw/openclaw.json (0600, in a new 0700 folder): a local loopback
 * gateway on `port` with the token, plus `extra`; returns the state folder.
 */
async function writeConfig(
  home: string,
  port: number,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const state = `${home}/.openclaw`;
  await Deno.mkdir(state, { mode: 0o700 });
  await Deno.writeTextFile(
    `${state}/openclaw.json`,
    JSON.stringify({
      gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: TOKEN } },
      ...extra,
    }),
    { mode: 0o600 },
  );
  return state;
}

Deno.test("gateway run: Telegram pairing end to end, .env loaded, status --deep sees the channel", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const port = freePort();
  const state = await writeConfig(home.path, port, {
    channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: "pairing" } },
  });
  // The Bot API base comes from .env, as it would for a key the service needs.
  await Deno.writeTextFile(`${state}/.env`, `OPENCLAW_TELEGRAM_API_BASE=${api.base}\n`, {
    mode: 0o600,
  });

  const env = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: home.path,
    DENO_DIR: parentDenoDir(),
    NO_COLOR: "1",
  };
  const gateway = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", MAIN_TS, "gateway", "run"],
    cwd: home.path,
    clearEnv: true,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const logs: string[] = [];
  const reading = gateway.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void logs.push(chunk) }),
  );
  const stdoutDone = gateway.stdout.pipeTo(new WritableStream());
  try {
    api.push(dm(777, "hi, who is this?"));
    const reply = await api.waitForSend((m) => String(m.chat_id) === "777");
    const code = reply.text.match(/code: ([A-Z2-9]{8})/)?.[1];
    assert.ok(code, `a pairing code in: ${reply.text}`);

    const list = await runCli(["pairing", "list", "--json"], { home: home.path });
    assert.equal(list.code, 0, allOutput(list));
    assert.ok(list.stdout.includes(code), list.stdout);
    const approve = await runCli(["pairing", "approve", "telegram", code], { home: home.path });
    assert.equal(approve.code, 0, allOutput(approve));

    api.push(dm(777, "now?"));
    const deadline = Date.now() + 8000;
    while (!logs.join("").includes("accepted a message from 777")) {
      assert.ok(
        Date.now() < deadline,
        `the gateway accepted the approved sender:\n${logs.join("")}`,
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    // The approved sender's DM is a turn of the agent: typing, then its answer in that chat.
    const answer = await api.waitForSend((m) => String(m.chat_id) === "777" && m !== reply, 10_000);
    assert.ok(answer.text.length > 0 && !answer.text.includes(code), answer.text);
    assert.ok(api.actions.some((a) => String(a.chat_id) === "777" && a.action === "typing"));
    while (!/telegram: 777: (answered|turn failed \(\w+\)) in \d+ ms/.test(logs.join(""))) {
      assert.ok(Date.now() < deadline + 10_000, `one line for the turn:\n${logs.join("")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(!logs.join("").includes("now?"), "message text is not logged");
    assert.ok(!logs.join("").includes(answer.text), "the reply is not logged");
    assert.ok(!logs.join("").includes(code), "pairing codes are not logged");

    const status = await runCli(["status", "--deep", "--json"], { home: home.path });
    assert.equal(status.code, 0, allOutput(status));
    const doc = JSON.parse(status.stdout);
    const telegram = doc.channels.find((c: { channel: string }) => c.channel === "telegram");
    assert.ok(telegram, status.stdout);
    // --deep says how the agent's last turn (the DM above) ended.
    assert.equal(typeof doc.health.agent.lastTurn.ok, "boolean", status.stdout);
    assert.equal(doc.health.agent.lastTurn.sessionKey.length > 0, true);
  } finally {
    gateway.kill("SIGTERM");
    const exit = await gateway.status;
    await reading.catch(() => {});
    assert.equal(exit.code, 0, `a clean stop on SIGTERM:\n${logs.join("")}`);
    await reading.catch(() => {});
    await stdoutDone.catch(() => {});
  }
});

Deno.test("gateway run keeps serving when nobody reads its output, and stops cleanly", async () => {
  await using home = await tempDir();
  const port = freePort();
  await writeConfig(home.path, port);
  const gateway = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", MAIN_TS, "gateway", "run"],
    cwd: home.path,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: home.path,
      DENO_DIR: parentDenoDir(),
    },
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  await gateway.stdout.cancel(); // a closed pipe: the banner cannot be written
  try {
    let health;
    for (let i = 0; i < 100; i++) {
      health = await runCli(["health", "--json", "--timeout", "1000"], { home: home.path });
      if (health.code === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(health?.code, 0, health ? allOutput(health) : "no health run");
  } finally {
    gateway.kill("SIGTERM");
    assert.equal((await gateway.status).code, 0);
  }
});

Deno.test("gateway run: an allowFrom @alice does not let in a sender whose first name is @alice (ids only)", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const port = freePort();
  await writeConfig(home.path, port, {
    channels: {
      telegram: {
        botToken: GOOD_TELEGRAM_TOKEN,
        dmPolicy: "allowlist",
        allowFrom: ["@alice", "904"],
      },
    },
  });
  const gateway = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", MAIN_TS, "gateway", "run"],
    cwd: home.path,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: home.path,
      DENO_DIR: parentDenoDir(),
      NO_COLOR: "1",
      OPENCLAW_TELEGRAM_API_BASE: api.base,
    },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const logs: string[] = [];
  const reading = gateway.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void logs.push(chunk) }),
  );
  try {
    // No username, a first name that looks like one; then the listed numeric id.
    api.push(dmFrom({ id: 901, first_name: "@alice" }, "let me in"));
    api.push(dmFrom({ id: 904, first_name: "Bob" }, "by id"));
    const deadline = Date.now() + 10_000;
    // Updates are handled in order: once 904 is in, 901 was judged.
    while (!logs.join("").includes("accepted a message from 904")) {
      assert.ok(Date.now() < deadline, `the listed id was accepted:\n${logs.join("")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const log = logs.join("");
    assert.ok(!log.includes("accepted a message from 901"), log);
    assert.match(
      log,
      /ignored 901: not on the allowlist \(entries @alice are not ids and never match/,
    );
  } finally {
    gateway.kill("SIGTERM");
    await gateway.status;
    await reading.catch(() => {});
  }
});
