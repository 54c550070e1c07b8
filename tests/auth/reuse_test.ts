/**
 * Reusing logins: Claude Code (Linux ~/.claude/.credentials.json; macOS
 * Keychain through a fake `security` on PATH) and the Codex CLI
 * (~/.codex/auth.json). What is written, and the messages when nothing
 * usable is found.
 */
import assert from "node:assert/strict";
import { runCommand, whichOnPath } from "../../lib/host.ts";
import { ActionableError } from "../../lib/errors.ts";
import { sequence } from "../../lib/wizard/scripted-prompter.ts";
import { modeOf, tempDir } from "../helpers/host.ts";
import { flagsRun, profilesPath, readJsonFile, runWith, scripted } from "./helpers.ts";
import { fakeAccessToken, startFakeProvider } from "./fake_provider.ts";

const CLAUDE_ACCESS = "sk-ant-oat01-claude-code-access-token-0001";
const CLAUDE_JSON = JSON.stringify({
  claudeAiOauth: {
    accessToken: CLAUDE_ACCESS,
    refreshToken: "sk-ant-ort01-claude-code-refresh-0001",
    expiresAt: 1_900_000_000_000,
    scopes: ["user:inference"],
  },
});

async function writeClaudeCreds(home: string, text = CLAUDE_JSON) {
  await Deno.mkdir(`${home}/.claude`, { recursive: true });
  await Deno.writeTextFile(`${home}/.claude/.credentials.json`, text);
}

async function assertClaudeWritten(home: string) {
  const store = await readJsonFile(profilesPath(home));
  assert.deepEqual(store.profiles["anthropic:claude-cli"], {
    type: "oauth",
    provider: "anthropic",
    access: CLAUDE_ACCESS,
    refresh: "sk-ant-ort01-claude-code-refresh-0001",
    expires: 1_900_000_000_000,
    source: "claude-cli",
  });
  const oauthPath = `${home}/.openclaw/credentials/oauth.json`;
  const oauth = await readJsonFile(oauthPath);
  assert.equal(oauth.anthropic.access, CLAUDE_ACCESS);
  assert.equal(await modeOf(oauthPath), 0o600);
  assert.equal(await modeOf(`${home}/.openclaw/credentials`), 0o700);
}

Deno.test("anthropic-cli on Linux reuses ~/.claude/.credentials.json and checks it live", async () => {
  await using home = await tempDir();
  await writeClaudeCreds(home.path);
  await using api = startFakeProvider({ validKeys: [CLAUDE_ACCESS] });
  const p = scripted({ "auth.provider": "anthropic", "auth.method": "anthropic-cli" });
  const r = await runWith(home.path, p, { env: { OPENCLAW_ANTHROPIC_BASE_URL: api.url } });
  assert.equal(r.code, 0);
  await assertClaudeWritten(home.path);
  assert.equal(r.config.agents.defaults.model, "anthropic/claude-sonnet-4-5");
  const h = api.requests[0].headers;
  assert.equal(h.authorization, `Bearer ${CLAUDE_ACCESS}`);
  assert.equal(h["anthropic-beta"], "oauth-2025-04-20");
  assert.match(
    r.output,
    /Reuse Claude Code's login, from ~\/\.claude\/\.credentials\.json \(valid\)/,
  );
});

Deno.test("anthropic-cli by flags; a missing or malformed file stops with a clear message", async (t) => {
  await t.step("works", async () => {
    await using home = await tempDir();
    await writeClaudeCreds(home.path);
    const f = flagsRun({ authChoice: "claude-cli" }); // the public alias
    const r = await runWith(home.path, f.prompter, {
      raw: f.raw,
      env: { OPENCLAW_SKIP_AUTH_CHECK: "1" },
    });
    assert.equal(r.code, 0);
    await assertClaudeWritten(home.path);
  });
  for (
    const [name, setup, pattern] of [
      ["missing", async (_h: string) => {}, /No Claude Code login found .*does not exist/],
      ["not JSON", (h: string) => writeClaudeCreds(h, "{oops"), /is not valid JSON/],
      [
        "no token",
        (h: string) => writeClaudeCreds(h, '{"claudeAiOauth":{}}'),
        /holds no Claude Code access token/,
      ],
    ] as const
  ) {
    await t.step(name, async () => {
      await using home = await tempDir();
      await setup(home.path);
      const f = flagsRun({ authChoice: "anthropic-cli" });
      await assert.rejects(
        runWith(home.path, f.prompter, { raw: f.raw, env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } }),
        (e: Error) => {
          assert.ok(e instanceof ActionableError);
          assert.match(e.message, pattern);
          return true;
        },
      );
      await assert.rejects(Deno.stat(`${home.path}/.openclaw`), Deno.errors.NotFound);
    });
  }
});

Deno.test("interactively, a failed reuse shows why and offers the choices again", async () => {
  await using home = await tempDir();
  const p = scripted({
    "auth.provider": sequence("anthropic", "skip"),
    "auth.method": "anthropic-cli",
  });
  const r = await runWith(home.path, p, { env: { OPENCLAW_SKIP_AUTH_CHECK: "1" } });
  assert.equal(r.code, 0);
  const note = p.transcript.find((t) => t.title === "Could not use that")!;
  assert.match(note.message, /Run `claude` and log in first/);
  assert.equal(p.transcript.filter((t) => t.id === "auth.provider").length, 2);
  assert.match(r.output, /Model auth {2}skipped/);
});

/** A folder holding a fake `security` that answers like macOS's. */
async function fakeSecurity(dir: string, script: string): Promise<string> {
  const bin = `${dir}/bin`;
  await Deno.mkdir(bin);
  await Deno.writeTextFile(`${bin}/security`, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return bin;
}

/** A macOS test host whose commands run for real, found on PATH=<fake bin>:$PATH. */
function macHost(bin: string) {
  const path = `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`;
  return {
    platform: "darwin" as const,
    runner: async (cmd: string, args: string[]) => {
      const found = await whichOnPath(cmd, path);
      if (!found) return { code: 127, stdout: "", stderr: `${cmd}: not found` };
      return await runCommand(found, args);
    },
  };
}

Deno.test("anthropic-cli on macOS reads the Keychain with `security` (fake on PATH)", async () => {
  await using home = await tempDir();
  const log = `${home.path}/security.log`;
  const bin = await fakeSecurity(
    home.path,
    `echo "$@" >> '${log}'\n` +
      `[ "$1 $2 $3" = 'find-generic-password -s Claude Code-credentials' ] || exit 44\n` +
      `printf '%s' '${CLAUDE_JSON}'`,
  );
  const p = scripted({ "auth.provider": "anthropic", "auth.method": "anthropic-cli" });
  const r = await runWith(home.path, p, {
    env: { OPENCLAW_SKIP_AUTH_CHECK: "1" },
    host: macHost(bin),
  });
  assert.equal(r.code, 0);
  await assertClaudeWritten(home.path);
  assert.equal(
    (await Deno.readTextFile(log)).trim(),
    "find-generic-password -s Claude Code-credentials -w",
  );
  const note = p.transcript.find((t) => t.title === "Keychain")!;
  assert.match(note.message, /Always Allow/);
  assert.match(r.output, /from macOS Keychain/);
});

Deno.test("Keychain: item missing (44) or access denied say so, nothing written", async (t) => {
  for (
    const [name, script, pattern] of [
      ["missing", "exit 44", /No Claude Code login in the Keychain/],
      [
        "denied",
        "echo 'User interaction is not allowed.' >&2; exit 51",
        /could not be read \(security exited 51: User interaction is not allowed\.\)[\s\S]*Always Allow/,
      ],
      ["garbage", "echo 'not json'", /the Keychain item is not valid JSON/],
    ] as const
  ) {
    await t.step(name, async () => {
      await using home = await tempDir();
      const bin = await fakeSecurity(home.path, script);
      const f = flagsRun({ authChoice: "anthropic-cli" });
      await assert.rejects(
        runWith(home.path, f.prompter, {
          raw: f.raw,
          env: { OPENCLAW_SKIP_AUTH_CHECK: "1" },
          host: macHost(bin),
        }),
        (e: Error) => {
          assert.match(e.message, pattern);
          return true;
        },
      );
      await assert.rejects(Deno.stat(`${home.path}/.openclaw`), Deno.errors.NotFound);
    });
  }
});

const CODEX_ACCESS = fakeAccessToken("acct-codex", 1_900_000_000);
async function writeCodexAuth(home: string) {
  await Deno.mkdir(`${home}/.codex`);
  await Deno.writeTextFile(
    `${home}/.codex/auth.json`,
    JSON.stringify({
      OPENAI_API_KEY: null,
      tokens: {
        id_token: "x.y.z",
        access_token: CODEX_ACCESS,
        refresh_token: "codex-refresh-0001",
        account_id: "acct-codex",
      },
      last_refresh: "2026-11-20T10:00:00Z",
    }),
  );
}

Deno.test("codex-cli reuses ~/.codex/auth.json; the model moves off openai/* only", async (t) => {
  for (
    const [before, after] of [
      [undefined, "openai-codex/gpt-5.3-codex"],
      ["openai/gpt-5.1", "openai-codex/gpt-5.3-codex"],
      ["anthropic/claude-opus-4-5", "anthropic/claude-opus-4-5"],
    ] as const
  ) {
    await t.step(`model ${before ?? "unset"} → ${after}`, async () => {
      await using home = await tempDir();
      await writeCodexAuth(home.path);
      if (before) {
        await Deno.mkdir(`${home.path}/.openclaw`, { mode: 0o700 });
        await Deno.writeTextFile(
          `${home.path}/.openclaw/openclaw.json`,
          JSON.stringify({ agents: { defaults: { model: before } } }),
        );
      }
      const p = scripted({
        ...(before ? { "config.existing": "modify" } : {}),
        "auth.provider": "openai",
        "auth.method": "codex-cli",
      });
      const r = await runWith(home.path, p);
      assert.equal(r.code, 0);
      assert.equal(r.config.agents.defaults.model, after);
      const store = await readJsonFile(profilesPath(home.path));
      assert.deepEqual(store.profiles["openai-codex:default"], {
        type: "oauth",
        provider: "openai-codex",
        access: CODEX_ACCESS,
        refresh: "codex-refresh-0001",
        expires: 1_900_000_000_000,
        accountId: "acct-codex",
        source: "codex-cli",
      });
      const oauth = await readJsonFile(`${home.path}/.openclaw/credentials/oauth.json`);
      assert.equal(oauth["openai-codex"].accountId, "acct-codex");
    });
  }
  await t.step("by flags, and a missing file is named", async () => {
    await using home = await tempDir();
    const f = flagsRun({ authChoice: "codex-cli" });
    await assert.rejects(runWith(home.path, f.prompter, { raw: f.raw }), /codex login/);
    await writeCodexAuth(home.path);
    const g = flagsRun({ authChoice: "codex-cli" });
    const r = await runWith(home.path, g.prompter, { raw: g.raw });
    assert.equal(r.code, 0);
    assert.equal(r.config.agents.defaults.model, "openai-codex/gpt-5.3-codex");
  });
});
