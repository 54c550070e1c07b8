/**
 * The Host check against DNS rebinding, as a pure function: which names and
 * ports a gateway serves for each bind, and what a Host header must say.
 */
import assert from "node:assert/strict";
import { hostAllowed, servedHosts } from "../../lib/gateway/served-hosts.ts";
import { testHost } from "../helpers/host.ts";

const home = "/nonexistent-home";

Deno.test("loopback bind: loopback names with the listening port, nothing else", async () => {
  const host = testHost({ home });
  const s = await servedHosts(host, { tailscale: "off", bind: "loopback", hostname: "127.0.0.1" }, {
    hostname: "127.0.0.1",
    port: 18789,
  }, () => ["192.168.1.20"]);
  for (const ok of ["127.0.0.1:18789", "localhost:18789", "LOCALHOST:18789", "[::1]:18789"]) {
    assert.equal(hostAllowed(ok, s), true, ok);
  }
  for (
    const bad of [
      "attacker.example:18789",
      "127.0.0.1:18790",
      "127.0.0.1",
      "localhost",
      "192.168.1.20:18789",
      "testhost:18789",
      "127.0.0.1:18789@evil",
      "",
      null,
    ]
  ) {
    assert.equal(hostAllowed(bad, s), false, String(bad));
  }
});

Deno.test("lan bind: this machine's addresses and name; tailscale: its MagicDNS name, no port", async () => {
  let addresses = ["127.0.0.1", "192.168.1.20", "fe80::1"];
  const lan = await servedHosts(
    testHost({ home }),
    {
      tailscale: "off",
      bind: "lan",
      hostname: "0.0.0.0",
    },
    { hostname: "0.0.0.0", port: 18789 },
    () => addresses,
  );
  for (
    const ok of ["192.168.1.20:18789", "[fe80::1]:18789", "testhost:18789", "testhost.local:18789"]
  ) {
    assert.equal(hostAllowed(ok, lan), true, ok);
  }
  assert.equal(hostAllowed("192.168.1.21:18789", lan), false);
  // A new DHCP lease while the gateway runs: the new address is served too.
  addresses = ["127.0.0.1", "192.168.1.21"];
  assert.equal(hostAllowed("192.168.1.21:18789", lan), true);
  assert.equal(hostAllowed("attacker.example:18789", lan), false);

  const tsHost = testHost({
    home,
    onPath: ["tailscale"],
    runner: (_cmd, args) =>
      args[0] === "status"
        ? {
          code: 0,
          stdout: JSON.stringify({ Self: { DNSName: "gw.tail1234.ts.net." } }),
          stderr: "",
        }
        : { code: 0, stdout: "", stderr: "" },
  });
  const ts = await servedHosts(tsHost, {
    tailscale: "serve",
    bind: "loopback",
    hostname: "127.0.0.1",
  }, {
    hostname: "127.0.0.1",
    port: 18789,
  });
  assert.equal(hostAllowed("gw.tail1234.ts.net", ts), true, "behind serve's HTTPS, no port");
  assert.equal(hostAllowed("GW.tail1234.ts.net.", ts), true);
  assert.equal(hostAllowed("127.0.0.1:18789", ts), true);
  assert.equal(hostAllowed("other.tail1234.ts.net", ts), false);
});
