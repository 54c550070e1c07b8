/**
 * Slack, Matrix and Microsoft Teams setup, answered by flags (as `channels
 * add --non-interactive` does) or a scripted terminal, against stand-ins of
 * Slack's Web API and a Matrix homeserver on 127.0.0.1: valid, rejected and
 * unreachable credentials, and allowlist names resolved to ids or kept with
 * a warning.
 */
import assert from "node:assert/strict";
import { ScriptedPrompter, sequence } from "../../lib/wizard/scripted-prompter.ts";
import { UsageError } from "../../lib/errors.ts";
import { ChannelsConfigSchema } from "../../lib/channels/schemas.ts";
import { probeChannels } from "../../lib/channels/probe.ts";
import { channelFlags } from "../../lib/channels/equivalent.ts";
import { resolvePaths } from "../../lib/config/paths.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { exists } from "../e2e/cli.ts";
import { add } from "./add.ts";
import {
  GOOD_MATRIX_TOKEN,
  GOOD_SLACK_APP_TOKEN,
  GOOD_SLACK_TOKEN,
  matrixStandIn,
  slackStandIn,
} from "./standins.ts";

const BAD_SLACK_TOKEN = "xoxb-1111111111-2222222222-ZzZzZzZzZzZzZzZzZzZzZzZz";
const UNREACHABLE = "http://127.0.0.1:1";

Deno.test("slack: bot token checked live with auth.test, app token optional, secrets never printed", async () => {
  await using home = await tempDir();
  await using api = slackStandIn();
  const env = { OPENCLAW_SLACK_API_BASE: api.base };
  const r = await add(home.path, "slack", {
    botToken: GOOD_SLACK_TOKEN,
    appToken: GOOD_SLACK_APP_TOKEN,
  }, { env });
  assert.equal(r.config.channels.slack.botToken, GOOD_SLACK_TOKEN);
  assert.equal(r.config.channels.slack.appToken, GOOD_SLACK_APP_TOKEN);
  assert.equal(r.config.channels.slack.dmPolicy, "pairing");
  assert.match(r.output, /valid \(@clawbot in Home\)/);
  assert.deepEqual(api.calls, ["auth.test"]);
  assert.ok(!r.output.includes(GOOD_SLACK_TOKEN) && !r.output.includes(GOOD_SLACK_APP_TOKEN));
  assert.ok(ChannelsConfigSchema.safeParse(r.config.channels).success, "the loader accepts it");
  // The "same setup without questions" line shows secrets as env references.
  assert.deepEqual(channelFlags(r.plan.configEdits!, (v) => v), [
    "--channels",
    "slack",
    "--slack-bot-token",
    '"$SLACK_BOT_TOKEN"',
    "--slack-app-token",
    '"$SLACK_APP_TOKEN"',
  ]);

  // Without an app token (Socket Mode off) nothing is missing.
  await using home2 = await tempDir();
  const bare = await add(home2.path, "slack", { botToken: GOOD_SLACK_TOKEN }, { env });
  assert.equal(bare.config.channels.slack.appToken, undefined);
  assert.ok(bare.plan.nextSteps?.some((s) => /Event Subscriptions/.test(s)));
});

Deno.test("slack: malformed, rejected and unreachable tokens", async () => {
  await using home = await tempDir();
  await using api = slackStandIn();
  const env = { OPENCLAW_SLACK_API_BASE: api.base };
  await assert.rejects(add(home.path, "slack", { botToken: "xoxp-123" }, { env }), (e: Error) => {
    assert.ok(e instanceof UsageError);
    assert.match(
      e.message,
      /^--bot-token <token>: That is not a Slack bot token: it starts with xoxb-/,
    );
    return true;
  });
  await assert.rejects(
    add(home.path, "slack", { botToken: GOOD_SLACK_TOKEN, appToken: "xoxb-nope-nope-nope" }, {
      env,
    }),
    /--app-token <token>: That is not a Slack app-level token: it starts with xapp-/,
  );
  await assert.rejects(
    add(home.path, "slack", { botToken: BAD_SLACK_TOKEN }, { env }),
    (e: Error) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /--bot-token <token>: Slack rejected the token \(invalid_auth\)/);
      assert.ok(!e.message.includes(BAD_SLACK_TOKEN));
      return true;
    },
  );
  assert.ok(!(await exists(`${home.path}/.openclaw/openclaw.json`)), "nothing written");

  // On a terminal, a rejected token is asked again.
  const script = new ScriptedPrompter({
    "channels.slack.botToken": sequence(BAD_SLACK_TOKEN, GOOD_SLACK_TOKEN),
    "channels.slack.appToken": "",
    "channels.slack.dmPolicy": "pairing",
  });
  const ok = await add(home.path, "slack", {}, { env, script });
  assert.equal(ok.config.channels.slack.botToken, GOOD_SLACK_TOKEN);
  assert.ok(
    script.transcript.some((t) => t.kind === "note" && t.title === "Slack bot token rejected"),
  );

  // No answer: a warning, and the token is saved as entered.
  const offline = await add(home.path, "slack", { botToken: BAD_SLACK_TOKEN }, {
    env: { OPENCLAW_SLACK_API_BASE: UNREACHABLE },
  });
  assert.equal(offline.config.channels.slack.botToken, BAD_SLACK_TOKEN);
  assert.match(offline.output, /Slack bot token not verified: could not reach 127\.0\.0\.1:1/);
});

Deno.test("slack allowlist: @names (users.list, paged) and emails (lookupByEmail) become member ids", async () => {
  await using home = await tempDir();
  await using api = slackStandIn([
    { id: "U0AAAAAA1", name: "bob", email: "bob@example.com" },
    { id: "U0JANE001", name: "jane", real_name: "Jane Doe", email: "jane@example.com" },
  ]);
  const r = await add(home.path, "slack", {
    botToken: GOOD_SLACK_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "@jane, bob@example.com, <@U0KEEP001>, ghost, nobody@example.com",
  }, { env: { OPENCLAW_SLACK_API_BASE: api.base } });
  assert.deepEqual(r.config.channels.slack.allowFrom, [
    "U0JANE001",
    "U0AAAAAA1",
    "U0KEEP001",
    "ghost",
    "nobody@example.com",
  ]);
  assert.match(r.output, /kept as written \(not resolved to ids\): ghost, nobody@example\.com/);
  // users.list was read once, over both pages; the email went to lookupByEmail.
  assert.equal(api.calls.filter((c) => c === "users.list").length, 2);
  assert.ok(api.calls.includes("users.lookupByEmail"));

  // A real name is not unique (anyone may set theirs to "Jane Doe"): kept, never an id.
  await using home2 = await tempDir();
  const real = await add(home2.path, "slack", {
    botToken: GOOD_SLACK_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "jane doe",
  }, { env: { OPENCLAW_SLACK_API_BASE: api.base } });
  assert.deepEqual(real.config.channels.slack.allowFrom, ["jane doe"]);
  assert.match(real.output, /jane doe\. These will never match/);
});

Deno.test("slack allowlist: with the API unreachable, names are kept with a warning", async () => {
  await using home = await tempDir();
  const r = await add(home.path, "slack", {
    botToken: GOOD_SLACK_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "U0KEEP001, @jane",
  }, { env: { OPENCLAW_SLACK_API_BASE: UNREACHABLE } });
  assert.deepEqual(r.config.channels.slack.allowFrom, ["U0KEEP001", "@jane"]);
  assert.match(r.output, /slack: names not resolved: could not reach 127\.0\.0\.1:1/);
  assert.match(r.output, /kept as written \(not resolved to ids\): @jane/);
});

Deno.test("matrix: access token checked with account/whoami on the homeserver", async () => {
  await using home = await tempDir();
  await using hs = matrixStandIn();
  const r = await add(home.path, "matrix", {
    homeserver: `${hs.base}/`,
    accessToken: GOOD_MATRIX_TOKEN,
  });
  assert.equal(r.config.channels.matrix.homeserver, hs.base, "trailing slash dropped");
  assert.equal(r.config.channels.matrix.accessToken, GOOD_MATRIX_TOKEN);
  assert.match(r.output, /valid \(@clawbot:example\.org\)/);
  assert.ok(!r.output.includes(GOOD_MATRIX_TOKEN));
  assert.ok(channelFlags(r.plan.configEdits!, (v) => v).includes('"$MATRIX_ACCESS_TOKEN"'));

  await assert.rejects(
    add(home.path, "matrix", { homeserver: hs.base, accessToken: "syt_wrong" }),
    /--access-token <token>: The Matrix homeserver rejected the credentials \(401\)/,
  );
  await assert.rejects(
    add(home.path, "matrix", { homeserver: "matrix.example.org", accessToken: "x" }),
    /--homeserver <url>: Enter a URL that starts with http:\/\/ or https:\/\//,
  );

  const offline = await add(home.path, "matrix", {
    homeserver: UNREACHABLE,
    accessToken: "syt_offline",
  });
  assert.equal(offline.config.channels.matrix.accessToken, "syt_offline");
  assert.match(offline.output, /Matrix access token not verified: could not reach 127\.0\.0\.1:1/);
});

Deno.test("matrix allowlist: full MXIDs kept, a bare name kept with a warning", async () => {
  await using home = await tempDir();
  await using hs = matrixStandIn();
  const r = await add(home.path, "matrix", {
    homeserver: hs.base,
    accessToken: GOOD_MATRIX_TOKEN,
    dmPolicy: "allowlist",
    allowFrom: "@jane:example.org, @bob:matrix.org:8448, alice",
  });
  assert.deepEqual(r.config.channels.matrix.allowFrom, [
    "@jane:example.org",
    "@bob:matrix.org:8448",
    "alice",
  ]);
  assert.match(r.output, /full ids \(@user:server\)/);
  assert.match(r.output, /kept as written \(not resolved to ids\): alice\./);
  assert.doesNotMatch(r.output, /not resolved to ids\): [^.]*@jane/, "full ids are not listed");
});

const APP_ID = "11111111-2222-3333-4444-555555555555";
const TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

Deno.test("msteams: app id, secret and tenant (GUIDs checked); names kept, Graph permission named", async () => {
  await using home = await tempDir();
  const r = await add(home.path, "msteams", {
    appId: APP_ID,
    appPassword: "s3cr3t~value",
    tenantId: TENANT,
    dmPolicy: "allowlist",
    allowFrom: "99999999-8888-7777-6666-555555555555, jane@contoso.com",
  });
  const t = r.config.channels.msteams;
  assert.deepEqual([t.appId, t.appPassword, t.tenantId], [APP_ID, "s3cr3t~value", TENANT]);
  assert.deepEqual(t.allowFrom, ["99999999-8888-7777-6666-555555555555", "jane@contoso.com"]);
  assert.match(r.output, /User\.Read\.All/);
  assert.match(r.output, /kept as written \(not resolved to ids\): jane@contoso\.com\./);
  assert.ok(!r.output.includes("s3cr3t~value"));
  const equivalent = channelFlags(r.plan.configEdits!, (v) => v);
  assert.ok(equivalent.includes('"$MSTEAMS_APP_PASSWORD"') && !equivalent.includes("s3cr3t~value"));
  assert.ok(ChannelsConfigSchema.safeParse(r.config.channels).success);

  await assert.rejects(
    add(home.path, "msteams", { appId: "my-bot", appPassword: "x", tenantId: TENANT }),
    /--app-id <id>: Enter a GUID/,
  );
});

Deno.test("probeChannels: slack auth.test and matrix whoami, good and bad credentials", async () => {
  await using home = await tempDir();
  await using slack = slackStandIn();
  await using hs = matrixStandIn();
  const host = testHost({ home: home.path });
  const probe = (channels: Record<string, unknown>) =>
    probeChannels({ channels }, {
      host,
      paths: resolvePaths(host),
      timeoutMs: 1500,
      apiBase: { slack: slack.base },
    });
  const good = await probe({
    slack: { botToken: GOOD_SLACK_TOKEN },
    matrix: { homeserver: hs.base, accessToken: GOOD_MATRIX_TOKEN },
  });
  const by = (ps: typeof good, c: string) => ps.find((p) => p.channel === c)!;
  assert.deepEqual(by(good, "slack"), {
    channel: "slack",
    status: "ok",
    detail: "bot @clawbot in Home",
  });
  assert.deepEqual(by(good, "matrix"), {
    channel: "matrix",
    status: "ok",
    detail: "account @clawbot:example.org",
  });
  const bad = await probe({
    slack: { botToken: BAD_SLACK_TOKEN },
    matrix: { homeserver: hs.base, accessToken: "syt_wrong" },
  });
  assert.equal(by(bad, "slack").status, "error");
  assert.match(by(bad, "slack").detail, /invalid_auth/);
  assert.equal(by(bad, "matrix").status, "error");
  assert.ok(!JSON.stringify(bad).includes(BAD_SLACK_TOKEN));
});
