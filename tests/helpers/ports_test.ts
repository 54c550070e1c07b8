/** The port helper itself: ports that no port-0 bind can get, never handed out twice. */
import assert from "node:assert/strict";
import { freePort } from "./ports.ts";

Deno.test("freePort: distinct, bindable, and below the range the kernel hands out for port 0", () => {
  const ports = Array.from({ length: 50 }, () => freePort());
  assert.equal(new Set(ports).size, ports.length, "a reserved port is not handed out again");
  const range = Deno.build.os === "linux"
    ? Number(Deno.readTextFileSync("/proc/sys/net/ipv4/ip_local_port_range").split(/\s+/)[0])
    : 49152;
  for (const port of ports) {
    assert.ok(port < range, `${port} is in the ephemeral range (from ${range})`);
    Deno.listen({ hostname: "127.0.0.1", port }).close();
  }
});
