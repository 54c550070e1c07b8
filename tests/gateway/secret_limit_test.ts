/**
 * One length limit for gateway secrets, applied everywhere a secret enters:
 * onboarding (flags and prompts), the config file, `gateway run` flags and
 * env, and the connect handler. Before, onboarding took a 5,000-character
 * token that no client could ever connect with (connect capped at 4,096).
 */
import assert from "node:assert/strict";
import { MAX_GATEWAY_SECRET_CHARS } from "../../lib/config/schema.ts";
import { checkConfig } from "../../lib/config/validate.ts";
import type { ConfigFile } from "../../lib/config/store.ts";
import { gatewaySettingsFromConfig } from "../../lib/gateway/settings.ts";
import { ONBOARD_FLAGS, runCli } from "../e2e/cli.ts";
import { tempDir } from "../helpers/host.ts";
import { healthCall, testGateway } from "./harness.ts";

const longest = "t".repeat(MAX_GATEWAY_SECRET_CHARS);
const tooLong = "t".repeat(MAX_GATEWAY_SECRET_CHARS + 1);

Deno.test("onboarding refuses a gateway token longer than a client can send, and says the limit", async () => {
  await using home = await tempDir();
  const r = await runCli(
    ["onboard", ...ONBOARD_FLAGS, "--gateway-auth", "token", "--gateway-token", tooLong],
    { home: home.path },
  );
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, new RegExp(`${MAX_GATEWAY_SECRET_CHARS} characters`));
});

Deno.test("the config, gateway run's settings and connect all take the longest token and refuse a longer one", async () => {
  const file = (token: string): ConfigFile => {
    const data = { gateway: { auth: { mode: "token", token } } };
    return {
      path: "/x/openclaw.json",
      exists: true,
      text: JSON.stringify(data),
      data,
      syntaxErrors: [],
    };
  };
  assert.equal(checkConfig(file(longest)).state, "valid");
  assert.equal(checkConfig(file(tooLong)).state, "invalid");
  assert.throws(
    () => gatewaySettingsFromConfig({}, { token: tooLong }, () => undefined),
    new RegExp(`${MAX_GATEWAY_SECRET_CHARS} characters`),
  );
  await using gw = await testGateway({ auth: { mode: "token", token: longest } });
  const health = await healthCall(gw.url, longest);
  assert.equal(health.ok, true);
});
