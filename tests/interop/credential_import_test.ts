/**
 * Importing the public CLI's credential store (state/openclaw.sqlite): read
 * only, into every agent's auth-profiles.json (0600), a profile saved here
 * winning over the store's, the database left byte for byte as it was.
 */
import assert from "node:assert/strict";
import { resolvePaths } from "../../lib/config/paths.ts";
import { ConfigSchema } from "../../lib/config/schema.ts";
import { parseConfigText } from "../../lib/config/store.ts";
import { profilesOfDocument, readPublicProfiles } from "../../lib/auth/public-cli-store.ts";
import { planPublicImport } from "../../lib/auth/public-cli-import.ts";
import { diagnose, PROBLEM_IDS } from "../../lib/doctor/checks.ts";
import { applyDoctorFixes } from "../../lib/doctor/fix.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import {
  FIXTURE_PROFILES,
  publicCliConfigText,
  publicCliHome,
  sha256,
  writePublicCliDatabase,
} from "./public-cli-fixture.ts";
import { DatabaseSync } from "node:sqlite";

const modeOf = async (path: string) => (await Deno.stat(path)).mode! & 0o777;

Deno.test("the store's profiles: those with their secret are usable, references are skipped", () => {
  const r = profilesOfDocument({ version: 1, profiles: FIXTURE_PROFILES });
  assert.deepEqual(Object.keys(r.usable), [
    "anthropic:default",
    "openai:default",
    "openai-codex:default",
  ]);
  assert.deepEqual(r.skipped.map((s) => s.id), ["xai:default"]);
  assert.deepEqual(profilesOfDocument({ profiles: { x: { type: "magic" } } }).skipped[0].id, "x");
  assert.deepEqual(profilesOfDocument(null), { usable: {}, skipped: [] });
});

Deno.test("no database, or one without the table or the row: nothing to import", async () => {
  await using dir = await tempDir();
  assert.equal(await readPublicProfiles(`${dir.path}/none.sqlite`), undefined);
  const empty = `${dir.path}/empty.sqlite`;
  const db = new DatabaseSync(empty);
  db.exec("CREATE TABLE other (a TEXT)");
  db.close();
  assert.equal(await readPublicProfiles(empty), undefined);
  const noRow = writePublicCliDatabase(`${dir.path}/s`, {});
  const r = await readPublicProfiles(noRow);
  assert.deepEqual(r, { usable: {}, skipped: [] });
});

Deno.test("doctor --fix imports into every agent's auth-profiles.json (0600), keeps what is saved, never touches the database", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  const paths = resolvePaths(host);
  const { dbPath } = await publicCliHome(dir.path, 18789);
  const before = await sha256(dbPath);
  const dbMode = await modeOf(dbPath);
  // Agent main already has its own Anthropic key: it must win.
  const mainStore = `${dir.path}/.openclaw/agents/main/agent/auth-profiles.json`;
  await Deno.mkdir(`${dir.path}/.openclaw/agents/main/agent`, { recursive: true, mode: 0o700 });
  const own = { type: "api_key", provider: "anthropic", key: "sk-ant-mine-2222222222222222" };
  await Deno.writeTextFile(
    mainStore,
    JSON.stringify({ version: 1, profiles: { "anthropic:default": own } }),
    { mode: 0o600 },
  );

  const problems = await diagnose(host, paths);
  const result = await applyDoctorFixes(
    host,
    paths,
    problems.filter((p) => p.id === PROBLEM_IDS.publicCliCredentials),
  );
  assert.deepEqual(result.failed, []);
  assert.match(result.fixed[0], /openai:default, openai-codex:default → agent main/);

  const main = JSON.parse(await Deno.readTextFile(mainStore));
  assert.deepEqual(main.profiles["anthropic:default"], own, "the profile saved here wins");
  assert.deepEqual(main.profiles["openai-codex:default"], FIXTURE_PROFILES["openai-codex:default"]);
  assert.equal(main.profiles["xai:default"], undefined);
  const workStore = `${dir.path}/.openclaw/agents/work/agent/auth-profiles.json`;
  const work = JSON.parse(await Deno.readTextFile(workStore));
  assert.deepEqual(
    work.profiles["anthropic:default"],
    FIXTURE_PROFILES["anthropic:default"],
  );
  assert.equal(await modeOf(workStore), 0o600);
  assert.equal(await modeOf(`${dir.path}/.openclaw/agents/work/agent`), 0o700);

  assert.equal(await sha256(dbPath), before, "the public CLI's database is unchanged");
  assert.equal(await modeOf(dbPath), dbMode);
  assert.deepEqual(
    [...Deno.readDirSync(`${dir.path}/.openclaw/state`)].map((e) => e.name),
    ["openclaw.sqlite"],
    "no journal or WAL file left beside it",
  );
  // Done: doctor no longer offers it.
  const again = await diagnose(host, paths);
  assert.equal(again.some((p) => p.id === PROBLEM_IDS.publicCliCredentials), false);
});

Deno.test("the plan names only what each agent lacks", async () => {
  await using dir = await tempDir();
  const host = testHost({ home: dir.path });
  const paths = resolvePaths(host);
  await publicCliHome(dir.path, 18789);
  const config = ConfigSchema.parse(parseConfigText(publicCliConfigText(18789)).data);
  const plan = (await planPublicImport(host, paths, config))!;
  assert.deepEqual(plan.targets.map((t) => [t.agentId, Object.keys(t.profiles).length]), [
    ["main", 3],
    ["work", 3],
  ]);
  assert.deepEqual(plan.skipped.map((s) => s.id), ["xai:default"]);
});
