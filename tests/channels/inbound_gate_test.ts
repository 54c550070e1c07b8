/**
 * The shared gate's allowlist compares one spelling of an id: a Signal uuid
 * written "uuid:ABC…" in allowFrom lets in the sender signal-cli reports as
 * "abc…", while names and unlisted ids stay out.
 */
import assert from "node:assert/strict";
import { inboundGate } from "../../lib/channels/inbound-gate.ts";
import type { ChannelEvent, InboundMessage } from "../../lib/channels/channel-runtime.ts";
import { runtimeHost } from "./standins.ts";
import { tempDir } from "../helpers/host.ts";

const UUID = "0b0b0b0b-1111-4222-8333-444455556666";

Deno.test("gate: Signal allowFrom entries match however the uuid is written", async () => {
  await using home = await tempDir();
  const { host, paths } = runtimeHost(home.path);
  const accepted: InboundMessage[] = [];
  const events: ChannelEvent[] = [];
  const sent: string[] = [];
  const gate = inboundGate("signal", {
    config: {
      channels: {
        signal: {
          dmPolicy: "allowlist",
          allowFrom: [`uuid:${UUID.toUpperCase()}`, "+15557654321"],
        },
      },
    },
    paths,
    host,
    onMessage: (m) => void accepted.push(m),
    onEvent: (e) => void events.push(e),
  }, {
    maxLength: 2000,
    send: (_chat, text) => Promise.resolve(void sent.push(text)),
  }, new AbortController().signal);
  const dm = (senderId: string) => ({
    senderId,
    chatId: senderId,
    chatType: "direct" as const,
    text: "hi",
  });

  await gate.handle(dm(UUID));
  await gate.handle(dm("+15557654321"));
  await gate.handle(dm("aaaaaaaa-1111-4222-8333-444455556666"));
  assert.deepEqual(accepted.map((m) => m.senderId), [UUID, "+15557654321"]);
  assert.ok(
    events.some((e) => e.type === "ignored" && e.reason.startsWith("not on the allowlist")),
    JSON.stringify(events),
  );
  assert.deepEqual(sent, [], "the allowlist policy sends no pairing code");
});
