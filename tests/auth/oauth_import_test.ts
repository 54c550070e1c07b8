/** The rules of importing a copied oauth.json (lib/auth/oauth-import.ts). */
import assert from "node:assert/strict";
import { oauthImports, withOAuthImports } from "../../lib/auth/oauth-import.ts";
import type { AuthProfilesFile } from "../../lib/auth/profiles.ts";

const copy = (access: string, expires: number) =>
  JSON.stringify({ "openai-codex": { access, refresh: "r", expires } });

function store(profiles: AuthProfilesFile["profiles"]): AuthProfilesFile {
  return { version: 1, profiles };
}

Deno.test("oauth import: new, same, newer and older copies", () => {
  assert.deepEqual(oauthImports(copy("a1", 100), store({})).map((i) => [i.profileId, i.action]), [
    ["openai-codex:default", "add"],
  ]);
  const saved = store({
    "openai-codex:default": { type: "oauth", provider: "openai-codex", access: "a1", expires: 100 },
  });
  assert.deepEqual(oauthImports(copy("a1", 100), saved), [], "already there");
  assert.deepEqual(oauthImports(copy("a0", 50), saved), [], "an older copy never replaces");
  assert.deepEqual(oauthImports(copy("a2", 200), saved).map((i) => i.action), ["update"]);
});

Deno.test("oauth import: bad entries and files are skipped; other profiles kept", () => {
  assert.deepEqual(oauthImports("{not json", store({})), []);
  assert.deepEqual(oauthImports('{"Bad Id": {"access": "x"}, "p": {"no": 1}}', store({})), []);
  const current = JSON.stringify(store({
    "openai-codex:default": { type: "api_key", provider: "openai-codex", key: "k" },
    "anthropic:default": { type: "api_key", provider: "anthropic", key: "sk" },
  }));
  const imports = oauthImports(copy("a1", 1), JSON.parse(current));
  assert.equal(imports[0].profileId, "openai-codex:oauth", "a taken id is not overwritten");
  const next = JSON.parse(withOAuthImports(current, "/x", imports));
  assert.equal(next.profiles["anthropic:default"].key, "sk");
  assert.equal(next.profiles["openai-codex:default"].key, "k");
  assert.equal(next.profiles["openai-codex:oauth"].access, "a1");
});
