/**
 * Google Chat in a real gateway: events POSTed to the gateway's port with
 * tokens signed by a key set made here (tests/channels/standins/googlechat.ts
 * serves it with the token endpoint and the Chat API). Only a token Google
 * signed for this app's audience gets in; then the same checks as every
 * channel: pairing, approval, the answer in the same space, an unmentioned
 * message in a space ignored, a refused key stopping only this channel.
 */
import assert from "node:assert/strict";
import { CHAT_ISSUER, chatMessage, googleChatStandIn } from "./standins/googlechat.ts";
import { PROJECT_NUMBER } from "./standins/googlechat.ts";
import { expired, postSigned } from "./standins/signing.ts";
import { GOOD_TELEGRAM_TOKEN, telegramStandIn } from "./standins.ts";
import { runChannels } from "./runtime-harness.ts";

const PATH = "/googlechat";
const ALICE = "users/112233445566";

async function chatRun(
  api: Awaited<ReturnType<typeof googleChatStandIn>>,
  section: Record<string, unknown> = {},
  more: { channels?: Record<string, unknown>; apiBase?: Record<string, string> } = {},
) {
  const home = await Deno.makeTempDir({ prefix: "openclaw-gchat-" });
  const keyFile = `${home}/service-account.json`;
  await Deno.writeTextFile(keyFile, api.keyFile, { mode: 0o600 });
  const run = await runChannels({
    home,
    gateway: true,
    config: {
      channels: {
        googlechat: {
          serviceAccountFile: keyFile,
          audienceType: "project-number",
          audience: PROJECT_NUMBER,
          ...section,
        },
        ...more.channels,
      },
    },
    apiBase: { googlechat: api.base, ...more.apiBase },
    env: { OPENCLAW_GOOGLECHAT_JWKS_URL: api.jwksUrl },
  });
  return Object.assign(run, {
    post: (body: unknown, token?: string) => postSigned(run.gateway!.httpUrl, PATH, body, token),
    async [Symbol.asyncDispose]() {
      await run.stop();
      await Deno.remove(home, { recursive: true });
    },
  });
}

Deno.test("googlechat: only a token Chat signed for this project gets past the endpoint", async () => {
  await using api = await googleChatStandIn();
  await using run = await chatRun(api);
  await run.waitForState("googlechat", "running");
  const event = chatMessage({ user: ALICE, text: "hello?" });
  const forged = [
    undefined,
    "not-a-jwt",
    await api.eventToken({ aud: "999999999999" }),
    await api.eventToken({ iss: "someone@example.iam.gserviceaccount.com" }),
    await api.eventToken(expired()),
    await api.eventToken({}, api.otherKey),
  ];
  for (const token of forged) {
    const r = await run.post(event, token);
    assert.equal(r.status, 401, `token ${token?.slice(0, 20)} must be refused`);
  }
  const notJson = await run.post("{not json", await api.eventToken());
  assert.equal(notJson.status, 400);
  assert.equal(run.agent.requests.length, 0);
  assert.ok(!run.events.some((e) => e.event.type === "pairing-sent"));
  assert.equal(api.sent.length, 0, "nothing was sent for a refused request");

  const ok = await run.post(event, await api.eventToken());
  assert.equal(ok.status, 200);
  assert.equal(ok.text, "{}");
  await run.pairingCode("googlechat", ALICE);
});

Deno.test("googlechat: unknown sender paired, approved, answered in the same space; spaces need a mention", async () => {
  await using api = await googleChatStandIn();
  await using run = await chatRun(api);
  const running = await run.waitForState("googlechat", "running");
  assert.match(running.detail ?? "", /\/googlechat/);
  const token = () => api.eventToken();

  assert.equal(
    (await run.post(chatMessage({ user: ALICE, text: "hi" }), await token())).status,
    200,
  );
  const code = await run.pairingCode("googlechat", ALICE);
  const codeMsg = await api.waitForSend((m) => m.text.includes(code));
  assert.equal(codeMsg.space, "spaces/DMalice1");
  assert.match(codeMsg.text, new RegExp(`pairing approve googlechat ${code}`));
  assert.equal(run.agent.requests.length, 0, "nothing reaches the agent before approval");

  await run.approve("googlechat", code);
  run.agent.reply("Hi Alice, approved now.");
  await run.post(chatMessage({ user: ALICE, text: "now?" }), await token());
  const reply = await api.waitForSend((m) => m.text === "Hi Alice, approved now.");
  assert.equal(reply.space, "spaces/DMalice1");
  assert.deepEqual(run.agent.requests[0].origin, { surface: "googlechat", peerId: ALICE });
  assert.equal(run.agent.requests[0].message, "now?");

  const room = "spaces/ROOMteam42";
  await run.post(chatMessage({ user: ALICE, text: "among ourselves", space: room }), await token());
  await run.waitForEvent(
    "googlechat",
    (e) => e.type === "ignored" && /without a mention/.test(e.reason),
  );
  run.agent.reply("Answer in the space.");
  const mentioned = chatMessage({
    user: ALICE,
    text: "what time is it?",
    space: room,
    mention: true,
  });
  await run.post(mentioned, await token());
  const inRoom = await api.waitForSend((m) => m.text === "Answer in the space.");
  assert.equal(inRoom.space, room);
  assert.equal(run.agent.requests.at(-1)?.message, "what time is it?");
  assert.equal(run.agent.requests.length, 2);
  assert.equal(api.tokenRequests.filter((t) => t === "ok").length, 1, "the access token is kept");
});

Deno.test("googlechat: with the app-URL audience, only Chat's own ID token for that URL is taken", async () => {
  await using api = await googleChatStandIn();
  const url = "https://claw.example.ts.net/googlechat";
  await using run = await chatRun(api, {
    audienceType: "app-url",
    audience: url,
    allowFrom: ["alice@example.com"],
  });
  await run.waitForState("googlechat", "running");
  const idToken = (claims: Record<string, unknown>) =>
    api.eventToken({ iss: "https://accounts.google.com", aud: url, ...claims });
  const event = chatMessage({ user: ALICE, text: "hi", email: "Alice@Example.com" });
  const otherAccount = await idToken({ email: "mallory@gmail.com", email_verified: true });
  assert.equal((await run.post(event, otherAccount)).status, 401);
  const chatIssuer = await idToken({ iss: CHAT_ISSUER, email: CHAT_ISSUER, email_verified: true });
  assert.equal((await run.post(event, chatIssuer)).status, 401, "the ID token's issuer is Google");
  assert.equal(run.agent.requests.length, 0);

  run.agent.reply("Allowed by email.");
  const good = await idToken({ email: CHAT_ISSUER, email_verified: true });
  assert.equal((await run.post(event, good)).status, 200);
  await api.waitForSend((m) => m.text === "Allowed by email.");
  assert.deepEqual(run.agent.requests[0].origin, {
    surface: "googlechat",
    peerId: "alice@example.com",
  });
});

Deno.test("googlechat: a refused service-account key stops only Google Chat, and its path goes", async () => {
  await using api = await googleChatStandIn();
  api.refuseKey = true;
  await using tg = telegramStandIn();
  await using run = await chatRun(api, {}, {
    channels: { telegram: { botToken: GOOD_TELEGRAM_TOKEN } },
    apiBase: { telegram: tg.base },
  });
  const stopped = await run.waitForState("googlechat", "stopped");
  assert.match(
    stopped.detail ?? "",
    /Google Chat rejected the service account key \(invalid_grant\)/,
  );
  assert.match(stopped.detail ?? "", /channels\.googlechat\.serviceAccountFile/);
  const errors = run.events.filter((e) => e.channel === "googlechat" && e.event.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(
    (await run.post(chatMessage({ user: ALICE, text: "hi" }), await api.eventToken()))
      .status,
    404,
  );
  assert.equal(run.agent.requests.length, 0);
  await run.waitForState("telegram", "running");
});

Deno.test("googlechat: without the gateway it says it needs one; unreachable keys are a 503, not a 401", async () => {
  await using api = await googleChatStandIn();
  const home = await Deno.makeTempDir({ prefix: "openclaw-gchat-" });
  const keyFile = `${home}/service-account.json`;
  await Deno.writeTextFile(keyFile, api.keyFile);
  const config = {
    channels: {
      googlechat: { serviceAccountFile: keyFile, audienceType: "project-number", audience: "1" },
    },
  };
  {
    await using alone = await runChannels({ home, config, apiBase: { googlechat: api.base } });
    const stopped = await alone.waitForState("googlechat", "stopped");
    assert.match(stopped.detail ?? "", /runs in `openclaw gateway run`/);
  }
  {
    await using run = await runChannels({
      home,
      config,
      gateway: true,
      apiBase: { googlechat: api.base },
      // Nothing listens there: Google's keys cannot be fetched.
      env: { OPENCLAW_GOOGLECHAT_JWKS_URL: "http://127.0.0.1:1/jwks" },
    });
    await run.waitForState("googlechat", "running");
    const token = await api.eventToken({ aud: "1" });
    const r = await postSigned(
      run.gateway!.httpUrl,
      PATH,
      chatMessage({ user: ALICE, text: "hi" }),
      token,
    );
    assert.equal(r.status, 503);
    await run.waitForEvent(
      "googlechat",
      (e) => e.type === "error" && /signing keys/.test(e.message),
    );
    assert.equal(run.agent.requests.length, 0);
  }
  await Deno.remove(home, { recursive: true });
});
