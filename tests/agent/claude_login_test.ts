import assert from "node:assert/strict";
import { agentHarness } from "./harness.ts";
import { authProfilesPath } from "../../lib/config/paths.ts";

const EXPIRED = new Date("2026-11-25T09:00:00Z").getTime(); // before the test host's clock
const LATER = new Date("2026-11-25T18:00:00Z").getTime();

function claudeCliProfile() {
  return {
    "anthropic:claude-cli": {
      type: "oauth",
      provider: "anthropic",
      access: "sk-ant-oat01-old",
      refresh: "rt-old",
      expires: EXPIRED,
      source: "claude-cli",
    },
  };
}

Deno.test("an expired Claude Code login is taken again from Claude Code's newer one and saved 0600", async () => {
  await using h = await agentHarness({ wire: "anthropic", profiles: claudeCliProfile() });
  await Deno.mkdir(`${h.home}/.claude`);
  await Deno.writeTextFile(
    `${h.home}/.claude/.credentials.json`,
    JSON.stringify({
      claudeAiOauth: { accessToken: "sk-ant-oat01-new", refreshToken: "rt-new", expiresAt: LATER },
    }),
  );
  h.model.reply({ text: "hi" });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.ok, true, r.text);
  assert.equal(h.model.requests[0].headers.authorization, "Bearer sk-ant-oat01-new");
  const path = authProfilesPath(h.paths);
  const saved = JSON.parse(await Deno.readTextFile(path)).profiles["anthropic:claude-cli"];
  assert.deepEqual([saved.access, saved.refresh, saved.expires], [
    "sk-ant-oat01-new",
    "rt-new",
    LATER,
  ]);
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
});

Deno.test("an expired Claude Code login with nothing newer asks to run claude (ok:false, auth)", async () => {
  await using h = await agentHarness({ wire: "anthropic", profiles: claudeCliProfile() });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.error?.kind, "auth");
  assert.match(r.text, /Run `claude`/);
  assert.equal(h.model.requests.length, 0);
});
