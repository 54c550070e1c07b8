/**
 * A legacy key whose new place already holds a value: the newer value is
 * kept and the legacy one dropped. doctor says so, naming both keys and the
 * backup that still holds the dropped value; secret values are never shown.
 */
import assert from "node:assert/strict";
import { diagnose } from "../../lib/doctor/checks.ts";
import { applyDoctorFixes } from "../../lib/doctor/fix.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { parseConfigText } from "../../lib/config/store.ts";
import { tempDir, testHost } from "../helpers/host.ts";

const CONFLICT = `{
  "agent": { "model": "anthropic/claude-opus-4-5", "workspace": "/srv/ws" },
  "agents": { "defaults": { "model": "openai/gpt-5.1" } },
  "gateway": { "token": "legacy-secret-token-1", "auth": { "mode": "token", "token": "new-secret-token-22" } }
}
`;

Deno.test("doctor: a legacy agent.model beside agents.defaults.model — says what is kept and dropped", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  const paths = resolvePaths(host);
  await Deno.mkdir(paths.stateDir, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(paths.configPath, CONFLICT, { mode: 0o600 });

  const problems = await diagnose(host, paths);
  const agent = problems.find((p) => p.id === "legacy-key:agent")!;
  assert.match(
    agent.message,
    /agents\.defaults\.model \("openai\/gpt-5\.1"\) is kept; agent\.model \("anthropic\/claude-opus-4-5"\) will be dropped/,
  );

  const result = await applyDoctorFixes(host, paths, problems);
  const text = result.fixed.join("\n");
  assert.match(text, /Kept agents\.defaults\.model \("openai\/gpt-5\.1"\)/);
  assert.match(text, /dropped agent\.model \("anthropic\/claude-opus-4-5"\)/);
  assert.match(text, /Kept gateway\.auth\.token \(secret, not shown\)/);
  assert.match(text, /dropped gateway\.token \(secret, not shown\)/);
  assert.match(text, /openclaw\.json\.bak/);
  assert.ok(!text.includes("legacy-secret-token-1") && !text.includes("new-secret-token-22"));
  assert.ok(!agent.message.includes("secret-token"));

  const after = parseConfigText(await Deno.readTextFile(paths.configPath)).data as {
    agents: { defaults: { model: string; workspace: string } };
  };
  assert.equal(after.agents.defaults.model, "openai/gpt-5.1");
  assert.equal(after.agents.defaults.workspace, "/srv/ws", "what does not conflict still moves");
  // The dropped value is in the backup, as the message says.
  assert.match(await Deno.readTextFile(paths.backupPath), /anthropic\/claude-opus-4-5/);
});
