/**
 * Black-box: onboarding again over an existing setup. The config is edited
 * in place (comments, key order and indentation survive, the previous text
 * is kept as .bak), the gateway token is kept, and the user's workspace
 * files are never overwritten or re-created.
 */
import assert from "node:assert/strict";
import { parse } from "jsonc-parser";
import { modeOf, tempDir } from "../helpers/host.ts";
import { exists, ONBOARD_FLAGS, readJson, runCli } from "./cli.ts";
import { onboarded } from "../helpers/onboarded.ts";

function userConfig(workspace: string): string {
  return `// My openclaw setup: hand-written, please keep this comment.
{
    /* the gateway first, on purpose */
    "gateway": {
        "port": 18789, // the default, for now
        "mode": "local",
        "bind": "loopback",
        "auth": {
            "mode": "token",
            "token": "my-own-token-123456"
        }
    },
    // the agents come second
    "agents": {
        "defaults": {
            "workspace": "${workspace}"
        }
    }
}
`;
}

async function writeUserConfig(home: string, text: string): Promise<string> {
  const state = `${home}/.openclaw`;
  await Deno.mkdir(state, { mode: 0o700 });
  const path = `${state}/openclaw.json`;
  await Deno.writeTextFile(path, text, { mode: 0o600 });
  return path;
}

Deno.test("re-run: comments, key order and indentation survive; .bak holds the old text", async () => {
  await using home = await tempDir();
  const original = userConfig(`${home.path}/myws`);
  const configPath = await writeUserConfig(home.path, original);

  const r = await runCli(["onboard", ...ONBOARD_FLAGS, "--gateway-port", "19002"], {
    home: home.path,
  });
  assert.equal(r.code, 0, r.stderr);

  const text = await Deno.readTextFile(configPath);
  for (
    const comment of [
      "// My openclaw setup: hand-written, please keep this comment.",
      "/* the gateway first, on purpose */",
      "// the default, for now",
      "// the agents come second",
    ]
  ) {
    assert.ok(text.includes(comment), `lost the comment ${comment}:\n${text}`);
  }
  // The port changed in place, its trailing comment still beside it.
  assert.match(text, /^ {8}"port": 19002, \/\/ the default, for now$/m);
  // Key order: gateway, then agents, as the user wrote them; within gateway too.
  assert.ok(text.indexOf('"gateway"') < text.indexOf('"agents"'), text);
  assert.ok(text.indexOf('"port"') < text.indexOf('"mode": "local"'), text);
  assert.ok(text.indexOf('"mode": "local"') < text.indexOf('"bind"'), text);
  // Indentation: every indented line (old and new keys) uses steps of 4 spaces.
  for (const line of text.split("\n")) {
    const indent = line.length - line.trimStart().length;
    if (line.trim()) assert.equal(indent % 4, 0, `not 4-space indented: ${JSON.stringify(line)}`);
  }
  assert.match(text, /^ {8}"tailscale": \{$/m);

  const config = parse(text);
  assert.equal(config.gateway.port, 19002);
  assert.equal(config.gateway.auth.token, "my-own-token-123456");
  assert.equal(config.agents.defaults.workspace, `${home.path}/myws`);
  assert.equal(config.wizard.lastRunCommand, "onboard");

  assert.equal(await Deno.readTextFile(`${configPath}.bak`), original);
  assert.equal(await modeOf(`${configPath}.bak`), 0o600);
  assert.equal(await modeOf(configPath), 0o600);
});

Deno.test("re-run: the generated gateway token is kept", async () => {
  await using home = await tempDir();
  const configPath = `${home.path}/.openclaw/openclaw.json`;
  await onboarded(home.path);
  const token = (await readJson(configPath)).gateway.auth.token;
  assert.match(token, /^[0-9a-f]{48}$/);

  const second = await runCli(["onboard", ...ONBOARD_FLAGS, "--gateway-port", "19003"], {
    home: home.path,
  });
  assert.equal(second.code, 0, second.stderr);
  const config = await readJson(configPath);
  assert.equal(config.gateway.port, 19003);
  assert.equal(config.gateway.auth.token, token);
  assert.equal((await readJson(`${configPath}.bak`)).gateway.auth.token, token);
});

Deno.test("re-run: the user's AGENTS.md is kept and a deleted BOOTSTRAP.md stays deleted", async () => {
  await using home = await tempDir();
  const ws = `${home.path}/.openclaw/workspace`;
  await onboarded(home.path);
  assert.ok(await exists(`${ws}/BOOTSTRAP.md`));

  const mine = "# My agent\n\nMy own rules, not the template's.\n";
  await Deno.writeTextFile(`${ws}/AGENTS.md`, mine);
  await Deno.remove(`${ws}/BOOTSTRAP.md`); // the first-run ritual is done
  await Deno.remove(`${ws}/SOUL.md`); // a regular file the user removed comes back

  const second = await runCli(["onboard", ...ONBOARD_FLAGS, "--json"], { home: home.path });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(await Deno.readTextFile(`${ws}/AGENTS.md`), mine);
  assert.equal(await exists(`${ws}/BOOTSTRAP.md`), false, "BOOTSTRAP.md was re-created");
  assert.deepEqual(JSON.parse(second.stdout).workspaceFilesCreated, [`${ws}/SOUL.md`]);
});

Deno.test({
  name: "re-run: a workspace written with ~ is kept as written",
  fn: async () => {
    await using home = await tempDir();
    const configPath = await writeUserConfig(home.path, userConfig("~/.openclaw/workspace"));
    const r = await runCli(["onboard", ...ONBOARD_FLAGS], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const config = parse(await Deno.readTextFile(configPath));
    assert.equal(config.agents.defaults.workspace, "~/.openclaw/workspace");
  },
});
