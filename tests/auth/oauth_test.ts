/**
 * The ChatGPT sign-in (--auth-choice openai-codex): PKCE against a token
 * endpoint on 127.0.0.1, the pasted code#state (or redirect URL) with its
 * state checked, a refused code (401), the headless tip, and the refusal of
 * a non-interactive run.
 */
import assert from "node:assert/strict";
import { ScriptedPrompter, sequence } from "../../lib/wizard/scripted-prompter.ts";
import type { TextQuestion } from "../../lib/wizard/prompter.ts";
import { UsageError } from "../../lib/errors.ts";
import { parsePastedCode, pastedCodeProblem } from "../../lib/auth/oauth/openai-codex.ts";
import { modeOf, tempDir } from "../helpers/host.ts";
import { flagsRun, profilesPath, readJsonFile, runWith } from "./helpers.ts";
import { startFakeProvider } from "./fake_provider.ts";

/**
 * A user at the browser: reads the sign-in link from the note, "signs in"
 * (registers a code for the link's PKCE challenge with the fake server) and
 * pastes what `paste` makes of code and state.
 */
class SigningInUser extends ScriptedPrompter {
  link?: URL;
  constructor(
    script: Record<string, unknown>,
    private readonly codes: Record<string, string>,
    private readonly paste: ((code: string, state: string) => string)[],
  ) {
    super({ "risk.accept": true, flow: "quickstart", ...script });
  }
  override note(message: string, title?: string) {
    const m = /https?:\/\/\S+/.exec(message);
    if (title === "Sign in with ChatGPT" && m) this.link = new URL(m[0]);
    return super.note(message, title);
  }
  override async text(q: TextQuestion): Promise<string> {
    if (q.id !== "auth.openaiCodexCode") return await super.text(q);
    this.transcript.push({ kind: "text", id: q.id, message: q.message });
    const state = this.link!.searchParams.get("state")!;
    const code = `code-${this.transcript.length}`;
    this.codes[code] = this.link!.searchParams.get("code_challenge")!;
    while (this.paste.length > 0) {
      const answer = this.paste.shift()!(code, state);
      const problem = q.validate?.(answer);
      if (!problem) return answer;
      this.transcript.push({ kind: "invalid", id: q.id, message: problem });
    }
    throw new Error("no more pastes scripted");
  }
}

function oauthEnv(url: string, extra: Record<string, string> = {}) {
  return {
    OPENCLAW_OPENAI_OAUTH_TOKEN_URL: `${url}/oauth/token`,
    OPENCLAW_OPENAI_OAUTH_AUTHORIZE_URL: `${url}/oauth/authorize`,
    ...extra,
  };
}

Deno.test("openai-codex: PKCE sign-in, a wrong state is refused, tokens saved 0600", async () => {
  await using home = await tempDir();
  const codes: Record<string, string> = {};
  await using api = startFakeProvider({ codes });
  const p = new SigningInUser(
    { "auth.provider": "openai", "auth.method": "openai-codex" },
    codes,
    [
      (code) => `${code}#not-the-state`,
      (code, state) => `${code}#${state}`,
    ],
  );
  const r = await runWith(home.path, p, {
    env: oauthEnv(api.url, { DISPLAY: ":0" }),
    host: { runner: () => ({ code: 0, stdout: "", stderr: "" }) },
  });
  assert.equal(r.code, 0);

  // The link: our authorize URL with PKCE S256 and the Codex client.
  assert.equal(`${p.link!.origin}${p.link!.pathname}`, `${api.url}/oauth/authorize`);
  assert.equal(p.link!.searchParams.get("code_challenge_method"), "S256");
  assert.equal(p.link!.searchParams.get("client_id"), "app_EMoamEEZ73f0CkXaXp7hrann");
  // With a display, the browser was opened on it.
  assert.deepEqual(r.host.calls.map((c) => c.cmd), ["xdg-open"]);
  assert.equal(r.host.calls[0].args[0], p.link!.toString());

  const invalid = p.transcript.filter((t) => t.kind === "invalid");
  assert.equal(invalid.length, 1);
  assert.match(invalid[0].message, /state does not match/);

  const form = api.requests.find((q) => q.path === "/oauth/token")!.form!;
  assert.equal(form.grant_type, "authorization_code");
  assert.equal(form.redirect_uri, "http://localhost:1455/auth/callback");

  const store = await readJsonFile(profilesPath(home.path));
  const profile = store.profiles["openai-codex:default"];
  assert.equal(profile.type, "oauth");
  assert.equal(profile.refresh, "rt-fake-refresh-token-000");
  assert.equal(profile.accountId, "acct-123");
  assert.equal(profile.expires, new Date("2026-11-25T10:00:00Z").getTime() + 3600_000);
  const oauthPath = `${home.path}/.openclaw/credentials/oauth.json`;
  assert.equal((await readJsonFile(oauthPath))["openai-codex"].access, profile.access);
  assert.equal(await modeOf(oauthPath), 0o600);
  assert.equal(r.config.agents.defaults.model, "openai-codex/gpt-5.3-codex");
  assert.ok(!r.output.includes(profile.access), "the access token is never shown");
  assert.ok(!r.output.includes("oauth.json to this gateway host"), "no headless tip");
});

Deno.test("openai-codex headless: the link is printed, no browser, and the summary has the tip", async () => {
  await using home = await tempDir();
  const codes: Record<string, string> = {};
  await using api = startFakeProvider({ codes });
  const p = new SigningInUser(
    { "auth.provider": "openai", "auth.method": "openai-codex" },
    codes,
    // The redirect URL pasted whole works too.
    [(code, state) => `http://localhost:1455/auth/callback?code=${code}&state=${state}`],
  );
  const r = await runWith(home.path, p, { env: oauthEnv(api.url, { SSH_CONNECTION: "1 2 3 4" }) });
  assert.equal(r.code, 0);
  assert.deepEqual(r.host.calls, [], "no browser is started over SSH");
  const next = p.transcript.find((t) => t.title === "Next steps")!;
  assert.match(
    next.message,
    /Complete the OAuth sign-in on a machine with a browser[\s\S]*credentials\/oauth\.json to this gateway host/,
  );
});

Deno.test("openai-codex: a refused code (401) says so, writes nothing, offers the choices again", async () => {
  await using home = await tempDir();
  await using api = startFakeProvider({ codes: {} }); // knows no code: every exchange is refused
  const script = new SigningInUser(
    { "auth.provider": sequence("openai", "skip"), "auth.method": "openai-codex" },
    {}, // the user's codes are never registered with the server
    [(code, state) => `${code}#${state}`],
  );
  const r = await runWith(home.path, script, { env: oauthEnv(api.url) });
  assert.equal(r.code, 0);
  const note = script.transcript.find((t) => t.title === "Could not use that")!;
  assert.match(note.message, /OpenAI refused the sign-in code \(HTTP 401, invalid_grant\)/);
  await assert.rejects(Deno.stat(profilesPath(home.path)), Deno.errors.NotFound);
  await assert.rejects(
    Deno.stat(`${home.path}/.openclaw/credentials/oauth.json`),
    Deno.errors.NotFound,
  );
});

Deno.test("openai-codex non-interactive: exit 2 explaining the alternatives", async () => {
  await using home = await tempDir();
  const f = flagsRun({ authChoice: "openai-codex" });
  await assert.rejects(runWith(home.path, f.prompter, { raw: f.raw }), (e: Error) => {
    assert.ok(e instanceof UsageError);
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /--auth-choice codex-cli/);
    assert.match(e.message, /oauth\.json/);
    return true;
  });
  assert.deepEqual([...Deno.readDirSync(home.path)], []);
});

Deno.test("the pasted answer: code#state or a redirect URL; anything else explained", () => {
  assert.deepEqual(parsePastedCode(" abc#xyz "), { code: "abc", state: "xyz" });
  assert.deepEqual(
    parsePastedCode("http://localhost:1455/auth/callback?code=abc&state=xyz"),
    { code: "abc", state: "xyz" },
  );
  assert.equal(parsePastedCode("abc"), undefined);
  assert.equal(parsePastedCode("a#b#c"), undefined);
  assert.match(pastedCodeProblem("", "s")!, /Paste the code#state/);
  assert.match(pastedCodeProblem("abc", "s")!, /not a code#state/);
  assert.match(pastedCodeProblem("abc#t", "s")!, /state does not match/);
  assert.equal(pastedCodeProblem("abc#s", "s"), undefined);
});
