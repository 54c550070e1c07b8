/**
 * `openclaw channels add` guided, in a real terminal (tmux): pick Telegram,
 * paste a token the stand-in API rejects (asked again), then a good one,
 * keep pairing. Skipped when tmux is missing.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/host.ts";
import { cliEnv, hasTmux, startCli, TMUX_MISSING } from "../e2e/tmux.ts";
import { readJson } from "../e2e/cli.ts";
import { GOOD_TELEGRAM_TOKEN, telegramStandIn } from "./standins.ts";

if (!hasTmux) console.warn(TMUX_MISSING);

Deno.test({
  name: "tmux: channels add, guided: pick Telegram, a rejected token is asked again",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using api = telegramStandIn();
    await using term = await startCli(
      ["channels", "add"],
      await cliEnv(home.path, { OPENCLAW_TELEGRAM_API_BASE: api.base }),
    );
    await term.waitFor("◆  Which channel do you want to add?");
    await term.press("Enter"); // Telegram is first
    await term.waitFor("◆  Telegram bot token");
    await term.type("987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9");
    await term.press("Enter");
    await term.waitFor("Telegram rejected the token (401 Unauthorized). Paste it again.");
    await term.waitFor((s) => s.lastIndexOf("◆  Telegram bot token") > s.lastIndexOf("rejected"));
    await term.type(GOOD_TELEGRAM_TOKEN);
    await term.press("Enter");
    await term.waitFor("◆  Who may send the bot direct messages?");
    await term.press("Enter"); // Pairing
    assert.equal(await term.exitCode(), 0);
    const all = await term.screen(true);
    assert.ok(all.includes("valid (@claw_test_bot)"), all);
    assert.ok(all.includes("Added Telegram (channels.telegram)"), all);
    assert.ok(!all.includes(GOOD_TELEGRAM_TOKEN), "the token never appears on screen");
    const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
    assert.equal(config.channels.telegram.botToken, GOOD_TELEGRAM_TOKEN);
    assert.equal(config.channels.telegram.dmPolicy, "pairing");
  },
});

Deno.test({
  name: "tmux: onboarding's Channels step: pick Telegram with Space, paste the token",
  ignore: !hasTmux,
  async fn() {
    await using home = await tempDir();
    await using api = telegramStandIn();
    // Flags answer the earlier steps, so the terminal shows the Channels step first.
    await using term = await startCli(
      ["onboard", "--accept-risk", "--flow", "quickstart", "--auth-choice", "skip"],
      await cliEnv(home.path, { OPENCLAW_TELEGRAM_API_BASE: api.base }),
    );
    await term.waitFor("◆  Chat channels to set up");
    await term.press("Space");
    await term.waitFor("◼ Telegram");
    await term.press("Enter");
    await term.waitFor("DM security");
    await term.waitFor("◆  Telegram bot token");
    await term.type(GOOD_TELEGRAM_TOKEN);
    await term.press("Enter");
    assert.equal(await term.exitCode(), 0);
    const all = await term.screen(true);
    assert.ok(all.includes("Channels    telegram"), all);
    assert.ok(all.includes('--channels telegram --telegram-bot-token "$TELEGRAM_BOT_TOKEN"'), all);
    assert.ok(!all.includes(GOOD_TELEGRAM_TOKEN), "the token never appears on screen");
    const config = await readJson(`${home.path}/.openclaw/openclaw.json`);
    assert.equal(config.channels.telegram.botToken, GOOD_TELEGRAM_TOKEN);
  },
});
