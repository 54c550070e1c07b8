/**
 * A HOME as the public OpenClaw CLI (npm `openclaw` 2026.9.6) leaves it,
 * written here from the facts of issue 18 and its published shapes (not
 * copied from it): openclaw.json with `agents.entries` keyed by id, the model
 * object, `agents.defaults.models`, its own `tools`, `auth`, `hooks`, `talk`,
 * `plugins.entries`, `meta`, `skills.entries` and a channel; and its
 * credential store state/openclaw.sqlite (table config_machine_state, row
 * authProfiles.store).
 */
import { DatabaseSync } from "node:sqlite";

/** The keys onboarding with Keep must leave exactly as they were (the wizard record is its own). */
export const PUBLIC_KEYS = [
  "meta",
  "auth",
  "agents",
  "tools",
  "hooks",
  "talk",
  "channels",
  "gateway",
  "plugins",
  "skills",
  "commands",
  "bindings",
] as const;

export const FIXTURE_GATEWAY_TOKEN = "0123456789abcdef0123456789abcdef";

export const FIXTURE_PROFILES = {
  "anthropic:default": {
    type: "api_key",
    provider: "anthropic",
    key: "sk-ant-api03-fixture-0000000000000000000",
  },
  "openai:default": { type: "api_key", provider: "openai", key: "sk-fixture-1111111111111111" },
  "openai-codex:default": {
    type: "oauth",
    provider: "openai-codex",
    access: "fixture-access-token",
    refresh: "fixture-refresh-token",
    expires: 1_900_000_000_000,
  },
  // A profile whose secret lives elsewhere: nothing to import.
  "xai:default": { type: "api_key", provider: "xai", keyRef: { source: "env", id: "XAI_API_KEY" } },
};

/** openclaw.json as the public CLI writes it (JSON, 2-space indentation), for `port`. */
export function publicCliConfigText(port: number): string {
  return JSON.stringify(
    {
      meta: { lastTouchedVersion: "2026.9.6", lastTouchedAt: "2026-09-20T10:00:00.000Z" },
      wizard: {
        lastRunAt: "2026-09-20T10:00:00.000Z",
        lastRunVersion: "2026.9.6",
        lastRunCommand: "onboard",
        lastRunMode: "local",
      },
      auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } } },
      agents: {
        defaults: {
          workspace: "~/.openclaw/workspace",
          model: { primary: "anthropic/claude-opus-5", fallbacks: ["openai/gpt-5.5"] },
          models: {
            "anthropic/claude-opus-5": { alias: "opus" },
            "openai/gpt-5.5": { alias: "gpt", params: { temperature: 0.2 } },
          },
          compaction: { mode: "safeguard" },
          maxConcurrent: 4,
        },
        entries: {
          main: {
            name: "Main",
            workspace: "~/.openclaw/workspace",
            agentDir: "~/.openclaw/agents/main/agent",
            identity: { name: "Clawd", emoji: "🦞" },
            model: { primary: "anthropic/claude-opus-5" },
          },
          work: {
            name: "Work",
            workspace: "~/.openclaw/workspace-work",
            agentDir: "~/.openclaw/agents/work/agent",
            identity: { name: "Worker", theme: "terse" },
            model: "openai/gpt-5.5",
          },
        },
        ownership: { mode: "shared", updatedAt: "2026-09-20T10:00:00.000Z" },
      },
      tools: { profile: "coding", exec: { host: "gateway", security: "allowlist" } },
      hooks: { internal: { enabled: true, entries: { "session-memory": { enabled: true } } } },
      talk: { interruptOnSpeech: true, voiceAliases: { clawd: "EXAVITQu4vr4xnSDxMaL" } },
      commands: { native: "auto", restart: true },
      channels: {
        telegram: {
          enabled: true,
          botToken: "123456789:AAFixtureFixtureFixtureFixtureFixture",
          dmPolicy: "pairing",
          groupPolicy: "allowlist",
          streaming: "partial",
        },
      },
      gateway: {
        mode: "local",
        port,
        bind: "loopback",
        auth: { mode: "token", token: FIXTURE_GATEWAY_TOKEN },
        tailscale: { mode: "off", resetOnExit: false },
        controlUi: { allowInsecureAuth: false },
      },
      bindings: [{ agentId: "work", match: { channel: "telegram", accountId: "default" } }],
      plugins: { entries: { telegram: { enabled: true } } },
      skills: { install: { nodeManager: "npm" }, entries: { weather: { enabled: true } } },
    },
    null,
    2,
  ) + "\n";
}

/** ~/.openclaw/state/openclaw.sqlite laid out as the public CLI's, holding `profiles`. */
export function writePublicCliDatabase(
  stateDir: string,
  profiles: Record<string, unknown> = FIXTURE_PROFILES,
): string {
  Deno.mkdirSync(`${stateDir}/state`, { recursive: true, mode: 0o700 });
  const path = `${stateDir}/state/openclaw.sqlite`;
  const db = new DatabaseSync(path);
  try {
    db.exec(
      "CREATE TABLE config_machine_state (state_key TEXT NOT NULL PRIMARY KEY, " +
        "value_json TEXT NOT NULL, updated_at_ms INTEGER NOT NULL)",
    );
    const insert = db.prepare(
      "INSERT INTO config_machine_state (state_key, value_json, updated_at_ms) VALUES (?, ?, ?)",
    );
    insert.run("auth.sharedStore", JSON.stringify({ location: "state-db" }), 1);
    insert.run("authProfiles.store", JSON.stringify({ version: 1, profiles }), 1);
    insert.run("authProfiles.state", JSON.stringify({ version: 1 }), 1);
  } finally {
    db.close();
  }
  return path;
}

/** A HOME set up by the public CLI: its config (gateway on `port`) and its credential store. */
export async function publicCliHome(home: string, port: number): Promise<{ dbPath: string }> {
  const stateDir = `${home}/.openclaw`;
  await Deno.mkdir(`${stateDir}/workspace`, { recursive: true, mode: 0o700 });
  await Deno.chmod(stateDir, 0o700);
  await Deno.writeTextFile(`${stateDir}/openclaw.json`, publicCliConfigText(port), { mode: 0o600 });
  return { dbPath: writePublicCliDatabase(stateDir) };
}

export async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
