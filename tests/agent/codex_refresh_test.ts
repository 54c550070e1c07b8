import assert from "node:assert/strict";
import { agentHarness } from "./harness.ts";
import { openaiStandIn, tokenStandIn } from "./standins.ts";
import { authProfilesPath } from "../../lib/config/paths.ts";

Deno.test("an expired ChatGPT (Codex) token is refreshed at the token URL and written back 0600", async () => {
  await using token = tokenStandIn({
    access_token: "new-access",
    refresh_token: "new-refresh",
    expires_in: 3600,
  });
  await using codex = openaiStandIn();
  const old = {
    type: "oauth",
    provider: "openai-codex",
    access: "old-access",
    refresh: "old-refresh",
    expires: new Date("2026-11-25T09:00:00Z").getTime(), // an hour before the test host's clock
    accountId: "acct_123",
  };
  await using h = await agentHarness({
    wire: "openai",
    profiles: { "openai-codex:default": old },
    config: { agents: { defaults: { model: "openai-codex/gpt-5.3-codex" } } },
    env: {
      OPENCLAW_OPENAI_CODEX_BASE_URL: `${codex.base}/codex`,
      OPENCLAW_OPENAI_OAUTH_TOKEN_URL: `${token.base}/oauth/token`,
    },
  });
  const oauthStore = `${h.paths.credentialsDir}/oauth.json`;
  await Deno.mkdir(h.paths.credentialsDir, { recursive: true });
  await Deno.writeTextFile(oauthStore, JSON.stringify({ "openai-codex": old }), { mode: 0o600 });

  codex.reply({ text: "Hello from Codex", chunks: ["Hello ", "from Codex"] });
  const deltas: string[] = [];
  const r = await h.agent.turn({
    message: "hi",
    origin: { surface: "cli" },
    onDelta: (d) => deltas.push(d),
  });
  assert.equal(r.ok, true, r.text);
  assert.equal(r.text, "Hello from Codex");
  assert.deepEqual(deltas, ["Hello ", "from Codex"]);

  assert.equal(token.requests.length, 1);
  assert.equal(token.requests[0].grant_type, "refresh_token");
  assert.equal(token.requests[0].refresh_token, "old-refresh");
  assert.ok(token.requests[0].client_id);
  const path = authProfilesPath(h.paths);
  const saved = JSON.parse(await Deno.readTextFile(path)).profiles["openai-codex:default"];
  assert.equal(saved.access, "new-access");
  assert.equal(saved.refresh, "new-refresh");
  assert.equal(saved.expires, new Date("2026-11-25T11:00:00Z").getTime());
  assert.equal(saved.accountId, "acct_123");
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  const store = JSON.parse(await Deno.readTextFile(oauthStore))["openai-codex"];
  assert.equal(store.access, "new-access");
  assert.equal((await Deno.stat(oauthStore)).mode! & 0o777, 0o600);
  // The model request went out with the new token and the account header.
  const req = codex.requests.at(-1)!;
  assert.equal(req.path, "/codex/responses");
  assert.equal(req.headers.authorization, "Bearer new-access");
  assert.equal(req.headers["chatgpt-account-id"], "acct_123");
  // The Codex endpoint takes the system prompt as `instructions` and keeps nothing (store: false).
  assert.ok(String(req.body.instructions).includes("Be kind"));
  assert.equal(req.body.store, false);
  assert.ok(!h.logs.join("\n").includes("access"));
});

Deno.test("a refresh the token URL refuses asks for a new sign-in (ok:false, auth)", async () => {
  await using token = tokenStandIn({}, 400);
  await using h = await agentHarness({
    wire: "openai",
    profiles: {
      "openai-codex:default": {
        type: "oauth",
        provider: "openai-codex",
        access: "old-access",
        refresh: "old-refresh",
        expires: 1,
      },
    },
    config: { agents: { defaults: { model: "openai-codex/gpt-5.3-codex" } } },
    env: { OPENCLAW_OPENAI_OAUTH_TOKEN_URL: `${token.base}/oauth/token` },
  });
  const r = await h.agent.turn({ message: "hi", origin: { surface: "cli" } });
  assert.equal(r.ok, false);
  assert.equal(r.error?.kind, "auth");
  assert.match(r.text, /sign in again/i);
  const saved = JSON.parse(await Deno.readTextFile(authProfilesPath(h.paths)));
  assert.equal(saved.profiles["openai-codex:default"].access, "old-access");
});
