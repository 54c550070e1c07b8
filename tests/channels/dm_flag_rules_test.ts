/** `--allow-from` and `--dm-policy` together: the list chooses the allowlist; a conflict is an error. */
import assert from "node:assert/strict";
import { dmFlagRules, flagNameOf } from "../../lib/channels/flags.ts";
import { UsageError } from "../../lib/errors.ts";

const name = (channel: string, key: "allowFrom" | "dmPolicy") =>
  flagNameOf(channel as "telegram", key, "onboard");

Deno.test("--allow-from alone chooses the allowlist policy", () => {
  const a = new Map<string, unknown>([["channels.telegram.allowFrom", "111,222"]]);
  dmFlagRules(a, ["telegram"], name);
  assert.equal(a.get("channels.telegram.dmPolicy"), "allowlist");
});

Deno.test("--allow-from with allowlist is kept; with another policy it is a usage error", () => {
  const ok = new Map<string, unknown>([
    ["channels.discord.allowFrom", "@jane"],
    ["channels.discord.dmPolicy", "allowlist"],
  ]);
  dmFlagRules(ok, ["discord"], name);
  assert.equal(ok.get("channels.discord.dmPolicy"), "allowlist");

  const clash = new Map<string, unknown>([
    ["channels.telegram.allowFrom", "111"],
    ["channels.telegram.dmPolicy", "pairing"],
  ]);
  assert.throws(
    () => dmFlagRules(clash, ["telegram"], name),
    (e: unknown) =>
      e instanceof UsageError &&
      /--telegram-allow-from .* only applies with --telegram-dm-policy allowlist/.test(e.message),
  );
});

Deno.test("no list: the policy is left as given (or to the question)", () => {
  const a = new Map<string, unknown>([["channels.telegram.dmPolicy", "open"]]);
  dmFlagRules(a, ["telegram"], name);
  assert.equal(a.get("channels.telegram.dmPolicy"), "open");
  assert.equal(flagNameOf("telegram", "allowFrom", "add"), "--allow-from");
});
