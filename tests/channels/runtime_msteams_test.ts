/**
 * Microsoft Teams in a real gateway: activities POSTed to the gateway's
 * port with tokens signed by a key set made here (the stand-in in
 * tests/channels/standins/msteams.ts serves it through OpenID metadata, with
 * Entra's token endpoint and the Bot Connector). Only a token the connector
 * signed for this app id, naming the activity's own service URL, gets in;
 * then pairing, approval, the answer in the same conversation, groups that
 * need a mention, and a refused secret stopping only this channel.
 */
import assert from "node:assert/strict";
import {
  APP_ID,
  APP_PASSWORD,
  teamsActivity,
  teamsStandIn,
  TENANT_ID,
} from "./standins/msteams.ts";
import { googleChatStandIn, PROJECT_NUMBER } from "./standins/googlechat.ts";
import { expired, postSigned } from "./standins/signing.ts";
import { runChannels } from "./runtime-harness.ts";

const PATH = "/api/messages";
const ALICE = "7d3c9a51-6f0e-4b8a-9c2d-1e5f4a3b2c10";
type StandIn = Awaited<ReturnType<typeof teamsStandIn>>;

async function teamsRun(
  api: StandIn,
  section: Record<string, unknown> = {},
  more: { channels?: Record<string, unknown>; env?: Record<string, string> } = {},
) {
  const run = await runChannels({
    gateway: true,
    config: {
      channels: {
        msteams: { appId: APP_ID, appPassword: APP_PASSWORD, tenantId: TENANT_ID, ...section },
        ...more.channels,
      },
    },
    apiBase: { msteams: api.base },
    env: { OPENCLAW_MSTEAMS_OPENID_URL: api.openIdUrl, ...more.env },
  });
  return Object.assign(run, {
    post: (body: unknown, token?: string) => postSigned(run.gateway!.httpUrl, PATH, body, token),
  });
}

Deno.test("msteams: only a token the connector signed for this app and this service URL gets in", async () => {
  await using api = await teamsStandIn();
  await using run = await teamsRun(api);
  await run.waitForState("msteams", "running");
  const activity = teamsActivity({ serviceUrl: api.serviceUrl, user: ALICE, text: "hello?" });
  const forged = [
    undefined,
    "not-a-jwt",
    await api.token({ aud: "00000000-0000-4000-8000-000000000000" }),
    await api.token({ iss: "https://sts.windows.net/someone/" }),
    await api.token(expired()),
    await api.token({}, api.otherKey),
    // Signed for another service URL than the activity names.
    await api.token({ serviceurl: "https://smba.trafficmanager.net/amer/" }),
  ];
  for (const token of forged) {
    assert.equal((await run.post(activity, token)).status, 401, `token ${token?.slice(0, 20)}`);
  }
  // The activity names a service URL of its own choosing (where the bot's token would go).
  const elsewhere = { ...activity, serviceUrl: "https://attacker.example/" };
  assert.equal((await run.post(elsewhere, await api.token())).status, 401);
  assert.equal(run.agent.requests.length, 0);
  assert.ok(!run.events.some((e) => e.event.type === "pairing-sent"));
  assert.equal(api.posted.length, 0, "nothing was posted for a refused request");

  const update = { ...activity, type: "conversationUpdate", text: undefined };
  assert.equal((await run.post(update, await api.token())).status, 200);
  assert.equal((await run.post(activity, await api.token())).status, 200);
  await run.pairingCode("msteams", ALICE);
});

Deno.test("msteams: unknown sender paired, approved, answered in the same conversation; groups need a mention", async () => {
  await using api = await teamsStandIn();
  await using run = await teamsRun(api);
  assert.match((await run.waitForState("msteams", "running")).detail ?? "", /\/api\/messages/);
  const dm = (text: string) => teamsActivity({ serviceUrl: api.serviceUrl, user: ALICE, text });

  assert.equal((await run.post(dm("hi"), await api.token())).status, 200);
  const code = await run.pairingCode("msteams", ALICE);
  const codeMsg = await api.waitForPost((a) => a.text?.includes(code) ?? false);
  assert.equal(codeMsg.conversation, "a:1personal-alice");
  assert.match(codeMsg.text ?? "", new RegExp(`pairing approve msteams ${code}`));
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("msteams", code);
  run.agent.reply("Hi Alice, approved now.");
  await run.post(dm("now?"), await api.token());
  const reply = await api.waitForPost((a) => a.text === "Hi Alice, approved now.");
  assert.equal(reply.conversation, "a:1personal-alice");
  assert.ok(api.posted.some((a) => a.type === "typing" && a.conversation === "a:1personal-alice"));
  assert.deepEqual(run.agent.requests[0].origin, { surface: "msteams", peerId: ALICE });
  assert.equal(run.agent.requests[0].message, "now?");

  const group = { id: "19:abc123@thread.v2", type: "groupChat" as const };
  const inGroup = (text: string, mention: boolean) =>
    teamsActivity({ serviceUrl: api.serviceUrl, user: ALICE, text, conversation: group, mention });
  await run.post(inGroup("among ourselves", false), await api.token());
  await run.waitForEvent(
    "msteams",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the group.");
  await run.post(inGroup("what time is it?", true), await api.token());
  const answer = await api.waitForPost((a) => a.text === "Answer in the group.");
  assert.equal(answer.conversation, group.id);
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?", "the <at> mention is gone");
  assert.equal(run.agent.requests.length, 2);
  assert.equal(api.tokenRequests.filter((t) => t === "ok").length, 1, "the access token is kept");
});

Deno.test("msteams: a refused client secret stops only Teams (Google Chat keeps running in the same gateway)", async () => {
  await using api = await teamsStandIn();
  await using chat = await googleChatStandIn();
  const home = await Deno.makeTempDir({ prefix: "openclaw-teams-" });
  const keyFile = `${home}/service-account.json`;
  await Deno.writeTextFile(keyFile, chat.keyFile);
  await using run = await teamsRun(api, { appPassword: "an-old-secret" }, {
    channels: {
      googlechat: {
        serviceAccountFile: keyFile,
        audienceType: "project-number",
        audience: PROJECT_NUMBER,
      },
    },
    env: {
      OPENCLAW_GOOGLECHAT_API_BASE: chat.base,
      OPENCLAW_GOOGLECHAT_JWKS_URL: chat.jwksUrl,
    },
  });
  const stopped = await run.waitForState("msteams", "stopped");
  assert.match(
    stopped.detail ?? "",
    /Microsoft Teams rejected the app id and client secret \(invalid_client, AADSTS7000215\)/,
  );
  assert.match(stopped.detail ?? "", /channels\.msteams\.appPassword/);
  const errors = run.events.filter((e) => e.channel === "msteams" && e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  const activity = teamsActivity({ serviceUrl: api.serviceUrl, user: ALICE, text: "hi" });
  assert.equal((await run.post(activity, await api.token())).status, 404, "the path is gone");

  await run.waitForState("googlechat", "running");
  const event = {
    type: "MESSAGE",
    space: { name: "spaces/DMbob", type: "DM" },
    message: { sender: { name: "users/42", type: "HUMAN" }, text: "hi", argumentText: "hi" },
  };
  await postSigned(run.gateway!.httpUrl, "/googlechat", event, await chat.eventToken());
  await run.pairingCode("googlechat", "users/42");
  await Deno.remove(home, { recursive: true });
});

Deno.test("msteams: a secret revoked while running stops Teams at the next reply", async () => {
  await using api = await teamsStandIn();
  await using run = await teamsRun(api, { dmPolicy: "open" });
  await run.waitForState("msteams", "running");
  api.revoke();
  const dm = teamsActivity({ serviceUrl: api.serviceUrl, user: ALICE, text: "still there?" });
  assert.equal((await run.post(dm, await api.token())).status, 200);
  const stopped = await run.waitForState("msteams", "stopped");
  assert.match(stopped.detail ?? "", /rejected the app id and client secret \(invalid_client/);
  assert.equal(run.agent.requests.length, 1, "the message itself was taken");
  const errors = run.events.filter((e) => e.channel === "msteams" && e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.deepEqual(api.tokenRequests, ["ok", "invalid_client"], "a new token was asked for once");
});
