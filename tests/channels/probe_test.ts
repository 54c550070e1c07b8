/**
 * status --deep's channel probes against stand-ins: each result and its
 * status, waiting pairing requests counted, no secret in the output.
 */
import assert from "node:assert/strict";
import { probeChannels, renderProbes } from "../../lib/channels/probe.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { PairingStore } from "../../lib/channels/pairing-store.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import {
  discordStandIn,
  GOOD_DISCORD_TOKEN,
  GOOD_TELEGRAM_TOKEN,
  telegramStandIn,
} from "./standins.ts";

Deno.test("probeChannels: live tokens, files, tools and pairing requests", async () => {
  await using home = await tempDir();
  await using tg = telegramStandIn();
  await using dc = discordStandIn();
  const sig = `${home.path}/signal-cli`;
  await Deno.writeTextFile(sig, "#!/bin/sh\n", { mode: 0o755 });
  const host = testHost({
    home: home.path,
    runner: (cmd, args) =>
      cmd === sig && args[0] === "--version"
        ? { code: 0, stdout: "signal-cli 0.13.9\n", stderr: "" }
        : { code: 127, stdout: "", stderr: "not found" },
  });
  const paths = resolvePaths(host);
  await new PairingStore(host, paths).request("telegram", { senderId: "1" });
  const key = `${home.path}/sa.json`;
  await Deno.writeTextFile(key, '{"type":"authorized_user"}', { mode: 0o600 });
  const config = {
    channels: {
      telegram: { botToken: GOOD_TELEGRAM_TOKEN },
      discord: { token: "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GabcDE.wrongwrongwrongwrongwrongwrongwrong" },
      signal: { cliPath: sig, account: "+15551234567" },
      googlechat: { serviceAccountFile: key },
      bluebubbles: { serverUrl: "http://127.0.0.1:1", password: "pw-secret" },
      whatsapp: { accounts: { default: { authDir: `${home.path}/wa` } } },
      imessage: { enabled: false },
    },
  };
  const probes = await probeChannels(config, {
    host,
    paths,
    timeoutMs: 1500,
    apiBase: { telegram: tg.base, discord: dc.base },
  });
  const by = Object.fromEntries(probes.map((p) => [p.channel, p]));
  assert.equal(by.telegram.status, "ok");
  assert.equal(by.telegram.detail, "bot @claw_test_bot");
  assert.equal(by.telegram.pendingPairing, 1);
  assert.equal(by.discord.status, "error");
  assert.match(by.discord.detail, /Discord rejected the token/);
  assert.deepEqual([by.signal.status, by.signal.detail], [
    "ok",
    "signal-cli 0.13.9, account +15551234567",
  ]);
  assert.equal(by.googlechat.status, "error");
  assert.match(by.googlechat.detail, /not "service_account"/);
  assert.equal(by.bluebubbles.status, "warn");
  assert.match(by.bluebubbles.detail, /could not reach 127\.0\.0\.1:1 \(offline\?\)/);
  assert.equal(by.whatsapp.status, "warn");
  assert.equal(by.imessage.status, "disabled");
  const text = renderProbes(probes);
  assert.match(text, /1 pairing request\(s\) waiting/);
  assert.ok(!text.includes(GOOD_TELEGRAM_TOKEN) && !text.includes("pw-secret"));

  const good = await probeChannels({ channels: { discord: { token: GOOD_DISCORD_TOKEN } } }, {
    host,
    paths,
    apiBase: { discord: dc.base },
  });
  assert.deepEqual(good, [{ channel: "discord", status: "ok", detail: "bot clawbot" }]);
});
