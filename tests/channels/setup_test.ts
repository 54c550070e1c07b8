/**
 * Each channel's setup against a temp HOME, answered by flags (as
 * `channels add --non-interactive` does) or by a scripted terminal, then
 * applied: what lands in the config and on disk, live checks against
 * stand-ins, and bad input.
 */
import assert from "node:assert/strict";
import { ScriptedPrompter, sequence } from "../../lib/wizard/scripted-prompter.ts";
import { add } from "./add.ts";
import { ActionableError, UsageError } from "../../lib/errors.ts";
import { modeOf, tempDir, testHost } from "../helpers/host.ts";
import { exists } from "../e2e/cli.ts";
import {
  discordStandIn,
  GOOD_BLUEBUBBLES_PASSWORD,
  GOOD_DISCORD_TOKEN,
  GOOD_MATTERMOST_TOKEN,
  GOOD_TELEGRAM_TOKEN,
  selfHostedStandIn,
  telegramStandIn,
} from "./standins.ts";

Deno.test("telegram: a valid token is checked live (getMe) and saved; pairing is the default", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const r = await add(home.path, "telegram", { botToken: GOOD_TELEGRAM_TOKEN }, {
    env: { OPENCLAW_TELEGRAM_API_BASE: api.base },
  });
  assert.equal(r.config.channels.telegram.botToken, GOOD_TELEGRAM_TOKEN);
  assert.equal(r.config.channels.telegram.dmPolicy, "pairing");
  assert.match(r.output, /valid \(@claw_test_bot\)/);
  assert.ok(api.calls.includes("getMe"));
  assert.ok(!r.output.includes(GOOD_TELEGRAM_TOKEN), "the token is never printed");
});

Deno.test("telegram: malformed, rejected and unreachable tokens", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const env = { OPENCLAW_TELEGRAM_API_BASE: api.base };
  await assert.rejects(add(home.path, "telegram", { botToken: "123:abc" }, { env }), (e: Error) => {
    assert.ok(e instanceof UsageError);
    assert.match(e.message, /^--token <token>: That is not a Telegram bot token/);
    return true;
  });
  const wrong = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9";
  await assert.rejects(add(home.path, "telegram", { botToken: wrong }, { env }), (e: Error) => {
    assert.ok(e instanceof UsageError);
    assert.match(e.message, /--token <token>: Telegram rejected the token \(401 Unauthorized\)/);
    assert.ok(!e.message.includes(wrong));
    return true;
  });
  assert.ok(!(await exists(`${home.path}/.openclaw/openclaw.json`)), "nothing written");

  // On a terminal, a rejected token is asked again.
  const script = new ScriptedPrompter({
    "channels.telegram.botToken": sequence(wrong, GOOD_TELEGRAM_TOKEN),
    "channels.telegram.dmPolicy": "pairing",
  });
  const ok = await add(home.path, "telegram", {}, { env, script });
  assert.equal(ok.config.channels.telegram.botToken, GOOD_TELEGRAM_TOKEN);
  assert.ok(
    script.transcript.some((t) => t.kind === "note" && t.title === "Telegram bot token rejected"),
  );

  // No answer from the API: a warning, and the token is kept.
  const offline = await add(home.path, "telegram", { botToken: wrong }, {
    env: { OPENCLAW_TELEGRAM_API_BASE: "http://127.0.0.1:1" },
  });
  assert.equal(offline.config.channels.telegram.botToken, wrong);
  assert.match(offline.output, /could not reach 127\.0\.0\.1:1 \(offline\?\)/);
});

Deno.test("telegram allowlist: ids kept, @names kept with a warning (the Bot API cannot resolve them)", async () => {
  await using home = await tempDir();
  const r = await add(home.path, "telegram", {
    botToken: GOOD_TELEGRAM_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "12345, @bob",
  }, { env: { OPENCLAW_TELEGRAM_API_BASE: "http://127.0.0.1:1" } });
  assert.deepEqual(r.config.channels.telegram.allowFrom, ["12345", "@bob"]);
  assert.equal(r.config.channels.telegram.dmPolicy, "allowlist");
  assert.match(r.output, /kept as written \(not resolved to ids\): @bob/);
  await assert.rejects(
    add(home.path, "telegram", { botToken: GOOD_TELEGRAM_TOKEN, dmPolicy: "everyone" }),
    /--dm-policy <policy> must be one of: pairing, allowlist, open, disabled/,
  );
});

Deno.test("discord: token checked live, allowlist names resolved to ids through the API", async () => {
  await using home = await tempDir();
  await using api = discordStandIn([{ id: "111111111111111111", username: "jane" }]);
  const env = { OPENCLAW_DISCORD_API_BASE: api.base };
  const r = await add(home.path, "discord", {
    token: GOOD_DISCORD_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "@jane, 222222222222222222, ghost",
  }, { env });
  assert.equal(r.config.channels.discord.token, GOOD_DISCORD_TOKEN);
  assert.deepEqual(r.config.channels.discord.allowFrom, [
    "111111111111111111",
    "222222222222222222",
    "ghost",
  ]);
  assert.match(r.output, /valid \(clawbot\)/);
  assert.match(r.output, /not resolved to ids\): ghost/);

  const other = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GabcDE.zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
  await assert.rejects(
    add(home.path, "discord", { token: other }, { env }),
    /--token <token>: Discord rejected the token \(401/,
  );
  await assert.rejects(
    add(home.path, "discord", { token: "not-a-token" }, { env }),
    /That is not a Discord bot token/,
  );
});

function serviceAccount(over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: "service_account",
    project_id: "p",
    client_email: "bot@p.iam.gserviceaccount.com",
    private_key: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
    ...over,
  });
}

Deno.test("google chat: the service-account key is checked, copied 0600 into a 0700 folder", async () => {
  await using home = await tempDir();
  const src = `${home.path}/key.json`;
  await Deno.writeTextFile(src, serviceAccount(), { mode: 0o644 });
  const r = await add(home.path, "googlechat", {
    serviceAccountFile: src,
    audienceType: "project-number",
    audience: "123456789012",
  });
  const stored = `${r.paths.credentialsDir}/googlechat/service-account.json`;
  assert.equal(r.config.channels.googlechat.serviceAccountFile, stored);
  assert.equal(r.config.channels.googlechat.audienceType, "project-number");
  assert.equal(r.config.channels.googlechat.webhookPath, "/googlechat");
  assert.equal(await modeOf(stored), 0o600);
  assert.equal(await modeOf(`${r.paths.credentialsDir}/googlechat`), 0o700);
  assert.equal(await Deno.readTextFile(stored), serviceAccount());
  assert.ok(!r.output.includes("BEGIN PRIVATE KEY"));

  const cases: [string, RegExp][] = [
    ["{not json", /not JSON/],
    [
      serviceAccount({ type: "authorized_user" }),
      /"type" is "authorized_user", not "service_account"/,
    ],
    [serviceAccount({ client_email: undefined }), /no valid "client_email"/],
    [serviceAccount({ private_key: "x" }), /no "private_key"/],
  ];
  for (const [text, pattern] of cases) {
    await Deno.writeTextFile(src, text);
    await assert.rejects(
      add(home.path, "googlechat", {
        serviceAccountFile: src,
        audienceType: "app-url",
        audience: "https://gw.example.com/googlechat",
      }),
      (e: Error) => {
        assert.ok(e instanceof UsageError, String(e));
        assert.match(e.message, /^--token-file <file>: /);
        assert.match(e.message, pattern);
        return true;
      },
    );
  }
  await assert.rejects(
    add(home.path, "googlechat", { serviceAccountFile: `${home.path}/nope.json`, audience: "x" }),
    /nope\.json does not exist/,
  );
  await Deno.writeTextFile(src, serviceAccount());
  await assert.rejects(
    add(home.path, "googlechat", {
      serviceAccountFile: src,
      audienceType: "app-url",
      audience: "http://plain",
    }),
    /--audience <value>: The app URL starts with https:\/\//,
  );
});

Deno.test("mattermost: the plugin is installed first (local folder) and recorded in the config", async () => {
  await using home = await tempDir();
  await using server = selfHostedStandIn();
  const plugin = `${home.path}/mm-plugin`;
  await Deno.mkdir(plugin);
  await Deno.writeTextFile(`${plugin}/package.json`, '{"name":"@openclaw/mattermost"}');
  const r = await add(home.path, "mattermost", {
    plugin: "~/mm-plugin",
    botToken: GOOD_MATTERMOST_TOKEN,
    baseUrl: `${server.base}/`,
  });
  assert.equal(r.config.plugins.entries.mattermost.enabled, true);
  assert.equal(r.config.plugins.installs.mattermost.source, "path");
  assert.equal(r.config.plugins.installs.mattermost.sourcePath, plugin);
  assert.equal(r.config.channels.mattermost.baseUrl, server.base);
  assert.equal(r.config.channels.mattermost.botToken, GOOD_MATTERMOST_TOKEN);
  assert.match(r.output, /Mattermost bot token: valid \(@clawbot\)/);

  // Installed already: not asked again. A token the server rejects is refused.
  await assert.rejects(
    add(home.path, "mattermost", { botToken: "mm-token-2", baseUrl: server.base }, {
      config: r.config,
    }),
    /--bot-token <token>: The Mattermost server rejected the credentials \(401\)/,
  );
  const offline = await add(home.path, "mattermost", {
    botToken: "mm-token-2",
    baseUrl: "http://127.0.0.1:1",
  }, {
    config: r.config,
  });
  assert.equal(offline.config.channels.mattermost.botToken, "mm-token-2");
  assert.equal(offline.plan.tasks?.length, 0);
  assert.match(offline.output, /could not reach 127\.0\.0\.1:1 \(offline\?\)/);

  await assert.rejects(
    add(home.path, "mattermost", {
      plugin: "./missing",
      botToken: "t",
      baseUrl: "http://127.0.0.1:1",
    }),
    /has no package\.json/,
  );
});

Deno.test("mattermost: an npm install that fails writes nothing", async () => {
  await using home = await tempDir();
  await assert.rejects(
    add(home.path, "mattermost", {
      plugin: "@openclaw/mattermost",
      botToken: "tok",
      baseUrl: "http://127.0.0.1:1",
    }),
    (e: Error) => {
      assert.ok(e instanceof ActionableError);
      assert.match(e.message, /npm could not fetch @openclaw\/mattermost.*Nothing was installed/s);
      return true;
    },
  );
  assert.ok(!(await exists(`${home.path}/.openclaw/openclaw.json`)), "config not written");
  assert.deepEqual(
    [...Deno.readDirSync(`${home.path}/.openclaw/extensions`)],
    [],
    "no staging left",
  );
});

Deno.test("bluebubbles: server URL, password (checked with a ping) and webhook path", async () => {
  await using home = await tempDir();
  await using server = selfHostedStandIn();
  const r = await add(home.path, "bluebubbles", {
    serverUrl: `${server.base}/`,
    password: GOOD_BLUEBUBBLES_PASSWORD,
  });
  assert.deepEqual(
    { ...r.config.channels.bluebubbles },
    {
      enabled: true,
      serverUrl: server.base,
      password: GOOD_BLUEBUBBLES_PASSWORD,
      webhookPath: "/bluebubbles-webhook",
      dmPolicy: "pairing",
    },
  );
  assert.ok(r.plan.secrets.includes(GOOD_BLUEBUBBLES_PASSWORD));
  assert.match(r.output, /BlueBubbles password: valid/);
  assert.ok(!r.output.includes(GOOD_BLUEBUBBLES_PASSWORD));
  await assert.rejects(
    add(home.path, "bluebubbles", { serverUrl: server.base, password: "wrong" }),
    /--password <password>: The BlueBubbles server rejected the credentials \(401\)/,
  );
  await assert.rejects(
    add(home.path, "bluebubbles", { serverUrl: "192.168.1.20", password: "x" }),
    /--http-url <url>: Enter a URL that starts with http/,
  );
  await assert.rejects(
    add(home.path, "bluebubbles", {
      serverUrl: "http://127.0.0.1:1",
      password: "x",
      webhookPath: "hook",
    }),
    /--webhook-path <path>: A webhook path starts with \//,
  );
});

Deno.test("imessage: imsg path checked; an unreadable Messages DB gets Full Disk Access advice", async () => {
  await using home = await tempDir();
  const imsg = `${home.path}/imsg`;
  await Deno.writeTextFile(imsg, "#!/bin/sh\n", { mode: 0o755 });
  const r = await add(home.path, "imessage", { cliPath: imsg }, { platform: "darwin" });
  assert.equal(r.config.channels.imessage.cliPath, imsg);
  assert.equal(r.config.channels.imessage.dbPath, `${home.path}/Library/Messages/chat.db`);
  assert.match(r.output, /chat\.db does not exist/);
  assert.match(r.output, /Full Disk Access/);

  await Deno.mkdir(`${home.path}/Library/Messages`, { recursive: true });
  await Deno.writeTextFile(`${home.path}/Library/Messages/chat.db`, "db");
  const ok = await add(home.path, "imessage", { cliPath: imsg }, { platform: "darwin" });
  assert.doesNotMatch(ok.output, /Full Disk Access/);

  await Deno.chmod(imsg, 0o644);
  await assert.rejects(
    add(home.path, "imessage", { cliPath: imsg }),
    /--cli-path <path>: .*is not executable/,
  );
  await assert.rejects(add(home.path, "imessage", {}), /Missing answers[\s\S]*--cli-path <path>/);
});

Deno.test("whatsapp: the account's credentials folder is 0700 under credentials/whatsapp/<accountId>/", async () => {
  await using home = await tempDir();
  const r = await add(home.path, "whatsapp", {
    accountId: "work",
    dmPolicy: "allowlist",
    allowFrom: "+15551234567",
  });
  const dir = `${r.paths.credentialsDir}/whatsapp/work`;
  assert.equal(await modeOf(dir), 0o700);
  assert.equal(r.config.channels.whatsapp.accounts.work.authDir, dir);
  assert.deepEqual(r.config.channels.whatsapp.allowFrom, ["+15551234567"]);
  await assert.rejects(
    add(home.path, "whatsapp", { accountId: "../x" }),
    /--account <id>: An account id is letters/,
  );
});

Deno.test("mattermost: an npm install is packed, unpacked and renamed into extensions/mattermost", async () => {
  await using home = await tempDir();
  const { installFromNpm } = await import("../../lib/channels/plugins.ts");
  const { runCommand } = await import("../../lib/host.ts");
  const host = testHost({
    home: home.path,
    // A stand-in for `npm pack <spec> --pack-destination <dir>`: writes the tarball npm would.
    runner: async (cmd, args) => {
      if (cmd !== "npm") return await runCommand(cmd, args);
      const dest = args[args.indexOf("--pack-destination") + 1];
      await Deno.mkdir(`${dest}/src/package`, { recursive: true });
      await Deno.writeTextFile(
        `${dest}/src/package/package.json`,
        '{"name":"@openclaw/mattermost","version":"1.0.0"}',
      );
      return await runCommand("tar", [
        "-czf",
        `${dest}/openclaw-mattermost-1.0.0.tgz`,
        "-C",
        `${dest}/src`,
        "package",
      ]);
    },
  });
  const target = `${home.path}/.openclaw/extensions/mattermost`;
  await installFromNpm(host, "@openclaw/mattermost", target);
  assert.match(await Deno.readTextFile(`${target}/package.json`), /"version":"1.0.0"/);
  assert.deepEqual([...Deno.readDirSync(`${home.path}/.openclaw/extensions`)].map((e) => e.name), [
    "mattermost",
  ]);
  assert.deepEqual(host.calls[0].args.slice(0, 2), ["pack", "@openclaw/mattermost"]);
});
