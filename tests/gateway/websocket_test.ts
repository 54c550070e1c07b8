/**
 * The gateway's own WebSocket server (RFC 6455) over raw TCP: fragmented
 * messages (reassembled, and limited as a whole), ping/pong, masking
 * required, invalid UTF-8, and the close handshake from the client's side.
 */
import assert from "node:assert/strict";
import { testGateway, TOKEN } from "./harness.ts";
import { clientFrame, RawTcp, upgradeRequest } from "./raw-tcp.ts";
import { acceptKey } from "../../lib/gateway/transport/websocket-handshake.ts";
import { encodeFrame, encodeTextFrame } from "../../lib/gateway/transport/websocket-frame.ts";
import { PROTOCOL_VERSION } from "../../lib/gateway/protocol.ts";

const TEXT = 1, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;
const decoder = new TextDecoder();

async function upgraded(port: number): Promise<RawTcp> {
  const tcp = await RawTcp.open(port);
  await tcp.write(upgradeRequest(`127.0.0.1:${port}`));
  const head = await tcp.readHead();
  assert.equal(head.status, 101);
  return tcp;
}

function closeCode(payload: Uint8Array): number {
  return (payload[0] << 8) | payload[1];
}

const connectFrame = JSON.stringify({
  type: "req",
  id: "c1",
  method: "connect",
  params: { minProtocol: PROTOCOL_VERSION, maxProtocol: PROTOCOL_VERSION, auth: { token: TOKEN } },
});

Deno.test("Sec-WebSocket-Accept is the RFC 6455 digest of the key", async () => {
  // The example handshake of RFC 6455 section 1.3.
  assert.equal(await acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
});

Deno.test("a fragmented message is reassembled; pings are answered in between", async () => {
  await using gw = await testGateway();
  using tcp = await upgraded(gw.port);
  const third = Math.ceil(connectFrame.length / 3);
  await tcp.write(clientFrame(TEXT, connectFrame.slice(0, third), false));
  await tcp.write(clientFrame(PING, "are you there"));
  await tcp.write(clientFrame(0, connectFrame.slice(third, 2 * third), false));
  await tcp.write(clientFrame(0, connectFrame.slice(2 * third)));
  const pong = await tcp.readFrame();
  assert.equal(pong.opcode, PONG);
  assert.equal(decoder.decode(pong.payload), "are you there");
  const hello = await tcp.readFrame();
  assert.equal(hello.opcode, TEXT);
  assert.equal(JSON.parse(decoder.decode(hello.payload)).payload.type, "hello-ok");
});

Deno.test("fragments count as one message against the limit (1009)", async () => {
  await using gw = await testGateway();
  using tcp = await upgraded(gw.port);
  const piece = "x".repeat(30_000); // each under 64 KiB, together over it
  await tcp.write(clientFrame(TEXT, piece, false));
  await tcp.write(clientFrame(0, piece, false));
  await tcp.write(clientFrame(0, piece, false));
  const close = await tcp.readFrame();
  assert.equal(close.opcode, CLOSE);
  assert.equal(closeCode(close.payload), 1009);
});

Deno.test("protocol faults close the socket: unmasked (1002), bad UTF-8 (1007)", async (t) => {
  await using gw = await testGateway();
  await t.step("unmasked", async () => {
    using tcp = await upgraded(gw.port);
    await tcp.write(new Uint8Array([0x81, 0x02, 0x68, 0x69])); // "hi", mask bit clear
    const close = await tcp.readFrame();
    assert.equal(close.opcode, CLOSE);
    assert.equal(closeCode(close.payload), 1002);
  });
  await t.step("bad UTF-8", async () => {
    using tcp = await upgraded(gw.port);
    await tcp.write(clientFrame(TEXT, new Uint8Array([0xc3, 0x28])));
    const close = await tcp.readFrame();
    assert.equal(closeCode(close.payload), 1007);
  });
  await t.step("binary after connect is answered, the socket stays", async () => {
    using tcp = await upgraded(gw.port);
    await tcp.write(clientFrame(TEXT, connectFrame));
    await tcp.readFrame();
    await tcp.write(clientFrame(BINARY, new Uint8Array([1, 2, 3])));
    const answer = await tcp.readFrame();
    assert.match(decoder.decode(answer.payload), /binary/);
  });
});

Deno.test("the client's close is echoed with its code and the connection ends", async () => {
  await using gw = await testGateway();
  using tcp = await upgraded(gw.port);
  await tcp.write(clientFrame(TEXT, connectFrame));
  await tcp.readFrame();
  await tcp.write(clientFrame(CLOSE, new Uint8Array([0x03, 0xe8]))); // 1000
  const echo = await tcp.readFrame();
  assert.equal(echo.opcode, CLOSE);
  assert.equal(closeCode(echo.payload), 1000);
  assert.notEqual(await tcp.readToEnd(), "timeout", "the server ends the TCP connection");
  // The gateway forgets the connection.
  const deadline = Date.now() + 2000;
  while (gw.connections() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.equal(gw.connections(), 0);
});

Deno.test("server text frames use the shortest length form (RFC 6455 5.2)", () => {
  for (
    const text of ["", "a", "é".repeat(62), "x".repeat(125), "x".repeat(126), "€".repeat(30_000)]
  ) {
    const bytes = new TextEncoder().encode(text);
    const frame = encodeTextFrame(text);
    assert.deepEqual(frame, encodeFrame(1, bytes), `${text.length} chars`);
  }
});
