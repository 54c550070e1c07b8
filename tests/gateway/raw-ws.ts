/**
 * A minimal WebSocket client over a plain TCP socket whose *source* address
 * can be chosen (node:net `localAddress`): Linux routes all of 127.0.0.0/8 to
 * lo, so a test can arrive from 127.3.4.5 at a gateway on 127.0.0.1 — what
 * an attacker rotating source addresses does. It sends one `connect` and
 * reports how the gateway answered.
 */
import net from "node:net";
import { Buffer } from "node:buffer";
import { PROTOCOL_VERSION } from "../../lib/gateway/protocol.ts";

/** "ok" (hello-ok), an error code (UNAUTHORIZED, RATE_LIMITED…), or `http-<status>`. */
export type ConnectOutcome = string;

export function connectFrom(
  localAddress: string,
  port: number,
  token: string,
  timeoutMs = 5000,
): Promise<ConnectOutcome> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: "127.0.0.1", port, localAddress });
    let buf = Buffer.alloc(0);
    let upgraded = false;
    const done = (v: ConnectOutcome | Error) => {
      clearTimeout(timer);
      sock.destroy();
      if (v instanceof Error) reject(v);
      else resolve(v);
    };
    const timer = setTimeout(() => done(new Error(`no answer from ${localAddress}`)), timeoutMs);
    sock.on("error", (e: Error) => done(e));
    sock.on("connect", () => {
      sock.write(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n" +
          "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" +
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
      );
    });
    sock.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (!upgraded) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const status = Number(buf.subarray(0, end).toString().split(" ")[1]);
        if (status !== 101) return done(`http-${status}`);
        upgraded = true;
        buf = buf.subarray(end + 4);
        sock.write(maskedText(JSON.stringify({
          type: "req",
          id: "1",
          method: "connect",
          params: { minProtocol: PROTOCOL_VERSION, maxProtocol: PROTOCOL_VERSION, auth: { token } },
        })));
      }
      const frame = readFrame(buf);
      if (!frame) return;
      if (frame.opcode === 8) return done(`closed-${frame.payload.readUInt16BE(0)}`);
      const res = JSON.parse(frame.payload.toString());
      done(res.ok ? "ok" : res.error.code);
    });
  });
}

/** A client frame must be masked (RFC 6455 5.3); one text frame, FIN set. */
function maskedText(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = Buffer.from([1, 2, 3, 4]);
  const len = payload.length;
  const head = len < 126
    ? Buffer.from([0x81, 0x80 | len])
    : Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]);
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([head, mask, body]);
}

/** The first unmasked server frame in `buf`, or undefined when it has not all arrived. */
function readFrame(buf: Buffer): { opcode: number; payload: Buffer } | undefined {
  if (buf.length < 2) return undefined;
  let len = buf[1] & 0x7f;
  let at = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    at = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  if (buf.length < at + len) return undefined;
  return { opcode: buf[0] & 0x0f, payload: buf.subarray(at, at + len) };
}

/** The i-th of many distinct loopback source addresses (never 127.0.0.1). */
export function loopbackAddress(i: number): string {
  const n = i + 2;
  return `127.${(n >> 16) & 0xff}.${(n >> 8) & 0xff}.${n & 0xff || 1}`;
}
