/**
 * The onboarding step "Channels" with a scripted terminal: the pick, the DM
 * security note, a channel's questions, and the equivalent command printed
 * at the end (secrets as environment references).
 */
import assert from "node:assert/strict";
import { runOnboard } from "../../lib/onboard/run.ts";
import { parseOnboardOptions } from "../../lib/onboard/options.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { readConfigFile } from "../../lib/config/store.ts";
import { ScriptedPrompter } from "../../lib/wizard/scripted-prompter.ts";
import { channelFlags } from "../../lib/channels/equivalent.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { GOOD_TELEGRAM_TOKEN, telegramStandIn } from "./standins.ts";

Deno.test("onboarding: pick channels, answer their questions, get the equivalent command", async () => {
  await using home = await tempDir();
  await using api = telegramStandIn();
  const host = testHost({ home: home.path, env: { OPENCLAW_TELEGRAM_API_BASE: api.base } });
  const paths = resolvePaths(host);
  const p = new ScriptedPrompter({
    "risk.accept": true,
    flow: "advanced",
    "auth.provider": "skip",
    workspace: "~/.openclaw/workspace",
    "gateway.port": "18789",
    "gateway.bind": "loopback",
    "gateway.auth": "token",
    "gateway.token": "",
    "gateway.tailscale": "off",
    "channels.select": ["telegram", "bluebubbles"],
    "channels.telegram.botToken": GOOD_TELEGRAM_TOKEN,
    "channels.telegram.dmPolicy": "allowlist",
    "channels.telegram.allowFrom": "111, 222",
    "channels.bluebubbles.serverUrl": "http://127.0.0.1:1",
    "channels.bluebubbles.password": "bb-pass-123",
    "channels.bluebubbles.webhookPath": "/bluebubbles-webhook",
    "channels.bluebubbles.dmPolicy": "pairing",
  });
  const code = await runOnboard({
    host,
    paths,
    // The service, skills and health check have tests of their own.
    options: parseOnboardOptions({ skipDaemon: true, skipSkills: true, skipHealth: true }),
    prompter: p,
    command: "onboard",
  });
  assert.equal(code, 0);
  assert.ok(p.transcript.some((t) => t.kind === "note" && t.title === "DM security"));
  const asked = p.asked.filter((id) => id.startsWith("channels."));
  assert.deepEqual(asked, [
    "channels.select",
    "channels.telegram.botToken",
    "channels.telegram.dmPolicy",
    "channels.telegram.allowFrom",
    "channels.bluebubbles.serverUrl",
    "channels.bluebubbles.password",
    "channels.bluebubbles.webhookPath",
    "channels.bluebubbles.dmPolicy",
  ]);
  // deno-lint-ignore no-explicit-any -- parsed JSON
  const config = (await readConfigFile(paths.configPath)).data as any;
  assert.deepEqual(config.channels.telegram.allowFrom, ["111", "222"]);
  assert.equal(config.channels.bluebubbles.password, "bb-pass-123");
  const out = host.out.join("");
  assert.match(
    out,
    /--channels telegram,bluebubbles --telegram-bot-token "\$TELEGRAM_BOT_TOKEN" --telegram-dm-policy allowlist --telegram-allow-from 111,222 --bluebubbles-url http:\/\/127\.0\.0\.1:1 --bluebubbles-password "\$BLUEBUBBLES_PASSWORD" --bluebubbles-webhook-path \/bluebubbles-webhook/,
  );
  assert.ok(
    !out.includes(GOOD_TELEGRAM_TOKEN) && !out.includes("bb-pass-123"),
    "no secret printed",
  );
});

Deno.test("equivalent command: no channel edits means no channel flags", () => {
  assert.deepEqual(channelFlags([{ path: ["gateway", "port"], value: 1 }], (s) => s), []);
  assert.deepEqual(
    channelFlags([
      { path: ["channels", "whatsapp", "enabled"], value: true },
      { path: ["channels", "whatsapp", "accounts", "work", "authDir"], value: "/x" },
      { path: ["channels", "whatsapp", "dmPolicy"], value: "pairing" },
    ], (s) => s),
    ["--channels", "whatsapp", "--whatsapp-account", "work"],
  );
});
