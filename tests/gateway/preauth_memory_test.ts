/**
 * Pre-auth memory, against a real gateway process (`main.ts gateway run`,
 * temp HOME): a raw TCP client upgrades and sends one 48 MiB frame without
 * ever authenticating. The gateway must refuse it from the frame's header —
 * close the socket long before the 48 MiB are through — and its resident
 * memory (VmRSS from /proc) must barely move.
 */
import assert from "node:assert/strict";
import { gatewayArgv, spawnGateway } from "./harness.ts";
import { clientFrameHead, RawTcp, upgradeRequest } from "./raw-tcp.ts";
import { freePort } from "../helpers/ports.ts";

const MIB = 1024 * 1024;

async function rssKiB(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
}

Deno.test({
  name: "a 48 MiB pre-auth frame is refused from its header; the gateway's RSS barely moves",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const home = await Deno.makeTempDir({ prefix: "openclaw-gw-mem-" });
    const port = freePort();
    try {
      await using gw = await spawnGateway(
        home,
        gatewayArgv(["--port", String(port), "--token", "t".repeat(32)]),
      );
      if (!gw.stdout().includes("Gateway running")) {
        throw new Error(`the gateway did not start:\n${gw.stdout()}${gw.stderr()}`);
      }
      const child = gw.child;
      const before = await rssKiB(child.pid);

      using tcp = await RawTcp.open(port);
      await tcp.write(upgradeRequest(`127.0.0.1:${port}`));
      assert.equal((await tcp.readHead()).status, 101);
      const total = 48 * MIB;
      await tcp.write(clientFrameHead(1, total, new Uint8Array([1, 2, 3, 4])));
      const chunk = new Uint8Array(MIB).fill(0x61);
      let sent = 0;
      // The refusal: a close frame (0x88) or the connection closed outright.
      const closed = tcp.readAtLeast(2, 20_000);
      while (sent < total && !tcp.ended && await tcp.write(chunk)) sent += chunk.length;
      const answer = await closed;
      await new Promise((r) => setTimeout(r, 200));
      const after = await rssKiB(child.pid);
      console.log(
        `gateway RSS ${before >> 10} MiB before, ${after >> 10} MiB after; ${sent / MIB} MiB sent`,
      );
      assert.ok(answer[0] === 0x88 || tcp.ended, "the gateway refused the frame");
      assert.ok(sent < total / 2, `closed early: ${sent / MIB} MiB of 48 went through`);
      assert.ok(after - before < 16 * 1024, `RSS grew by ${(after - before) >> 10} MiB`);
    } finally {
      await Deno.remove(home, { recursive: true }).catch(() => {});
    }
  },
});
