/** Gateway discovery: parsing avahi-browse and dns-sd output, and which tool is used when. */
import assert from "node:assert/strict";
import {
  discoverGateways,
  parseAvahiBrowse,
  parseDnsSdBrowse,
  parseDnsSdLookup,
} from "../../lib/remote/discovery.ts";
import { advertiseCommand, startAdvertising } from "../../lib/remote/advertise.ts";
import { tempDir, testHost } from "../helpers/host.ts";
import { FakeClock } from "../helpers/clock.ts";

/** What `avahi-browse -rtpk _openclaw-gw._tcp` prints for one gateway seen twice, and noise. */
export const AVAHI_OUTPUT = [
  "+;eth0;IPv6;openclaw\\032on\\032studio;_openclaw-gw._tcp;local",
  "+;eth0;IPv4;openclaw\\032on\\032studio;_openclaw-gw._tcp;local",
  '=;eth0;IPv6;openclaw\\032on\\032studio;_openclaw-gw._tcp;local;studio.local;fe80::1;18789;"bind=lan"',
  '=;eth0;IPv4;openclaw\\032on\\032studio;_openclaw-gw._tcp;local;studio.local;192.168.1.20;18789;"bind=lan"',
  '=;eth0;IPv4;printer;_ipp._tcp;local;printer.local;192.168.1.9;631;""',
  '=;eth0;IPv4;broken;_openclaw-gw._tcp;local;x.local;192.168.1.30;notaport;""',
  "",
].join("\n");

Deno.test("avahi-browse: resolved lines only, one per gateway, IPv4 preferred, names unescaped", () => {
  assert.deepEqual(parseAvahiBrowse(AVAHI_OUTPUT), [{
    name: "openclaw on studio",
    host: "192.168.1.20",
    port: 18789,
    url: "ws://192.168.1.20:18789/",
  }]);
  // Only a link-local IPv6 answer: the host name stands in (the address needs a zone).
  const v6 = AVAHI_OUTPUT.split("\n").filter((l) => !l.includes("IPv4")).join("\n");
  assert.equal(parseAvahiBrowse(v6)[0].url, "ws://studio.local:18789/");
});

Deno.test("dns-sd: instance names from -B, host and port from -L", () => {
  const browse = `Browsing for _openclaw-gw._tcp.local.
DATE: ---Sat 28 Nov 2026---
17:40:01.123  ...STARTING...
Timestamp     A/R    Flags  if Domain               Service Type         Instance Name
17:40:01.456  Add        3   4 local.               _openclaw-gw._tcp.   openclaw on mini
17:40:01.457  Add        2   6 local.               _openclaw-gw._tcp.   openclaw on mini
`;
  assert.deepEqual(parseDnsSdBrowse(browse), ["openclaw on mini"]);
  const lookup = `Lookup openclaw on mini._openclaw-gw._tcp.local.
17:40:02.001  openclaw\\032on\\032mini._openclaw-gw._tcp.local. can be reached at mini.local.:18789 (interface 4)
 bind=lan`;
  assert.deepEqual(parseDnsSdLookup(lookup), { host: "mini.local", port: 18789 });
  assert.equal(parseDnsSdLookup("nothing"), undefined);
});

Deno.test("discovery picks the platform's tool, or says how to get one", async () => {
  const linux = testHost({
    home: "/h",
    onPath: ["avahi-browse"],
    runner: () => ({ code: 143, stdout: AVAHI_OUTPUT, stderr: "" }),
  });
  const found = await discoverGateways(linux);
  assert.equal(found.tool, "avahi-browse");
  assert.equal(found.tool && found.gateways[0].url, "ws://192.168.1.20:18789/");
  assert.deepEqual(linux.calls.map((c) => [c.cmd, ...c.args]), [
    ["avahi-browse", "-rtpk", "_openclaw-gw._tcp"],
  ]);
  assert.ok(linux.calls[0].opts?.timeoutMs, "the browse has a deadline");

  const bare = await discoverGateways(testHost({ home: "/h" }));
  assert.equal(bare.tool, undefined);
  assert.match(bare.tool === undefined ? bare.hint : "", /apt-get install avahi-utils/);

  const mac = testHost({
    home: "/h",
    platform: "darwin",
    onPath: ["dns-sd"],
    runner: (_cmd, args) => ({
      code: 0,
      stdout: args[0] === "-B"
        ? "17:40:01.456  Add        2   4 local.   _openclaw-gw._tcp.   mini\n"
        : "mini._openclaw-gw._tcp.local. can be reached at mini.local.:19000 (interface 4)\n",
      stderr: "",
    }),
  });
  const onMac = await discoverGateways(mac);
  assert.equal(onMac.tool, "dns-sd");
  assert.deepEqual(onMac.tool && onMac.gateways, [
    { name: "mini", host: "mini.local", port: 19000, url: "ws://mini.local:19000/" },
  ]);
});

Deno.test("advertising: avahi-publish runs while the gateway runs and stops with it", async () => {
  await using dir = await tempDir();
  const log = `${dir.path}/args.txt`;
  const fake = `${dir.path}/avahi-publish`;
  await Deno.writeTextFile(fake, `#!/bin/sh\necho "$@" > '${log}'\nexec sleep 30\n`, {
    mode: 0o755,
  });
  const opts = {
    name: "openclaw on test",
    port: 18789,
    hostname: "0.0.0.0",
    txt: { bind: "lan" },
    os: "linux" as const,
    path: dir.path,
    settleMs: 50,
  };
  assert.deepEqual(await advertiseCommand(opts), {
    cmd: fake,
    args: ["-s", "openclaw on test", "_openclaw-gw._tcp", "18789", "bind=lan"],
  });
  assert.equal(await advertiseCommand({ ...opts, path: "/nonexistent" }), undefined);

  const clock = new FakeClock();
  const starting = startAdvertising({ ...opts, clock });
  await clock.timersSet(1); // the publisher runs; it counts once it stays up for settleMs
  await clock.advance(opts.settleMs);
  const ad = await starting;
  assert.equal(ad.tool, "avahi-publish");
  assert.equal(ad.announced, true);
  assert.match(ad.message, /announced on the local network with avahi-publish/);
  // The fake writes its arguments once it runs; the file may exist empty for a moment.
  const written = async () => (await Deno.readTextFile(log).catch(() => "")).trim();
  for (let i = 0; i < 250 && (await written()) === ""; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(await written(), "-s openclaw on test _openclaw-gw._tcp 18789 bind=lan");
  await ad.stop(); // returns once the child is gone (no leaked process)
});

Deno.test("advertising: a gateway no other machine can reach is not announced, and the log says why", async () => {
  await using dir = await tempDir();
  const log = `${dir.path}/args.txt`;
  await Deno.writeTextFile(
    `${dir.path}/avahi-publish`,
    `#!/bin/sh\necho "$@" > '${log}'\nexec sleep 30\n`,
    { mode: 0o755 },
  );
  for (const hostname of ["127.0.0.1", "::1", "100.101.102.103"]) {
    const ad = await startAdvertising({
      name: "openclaw on test",
      port: 18789,
      hostname,
      txt: { bind: "loopback" },
      os: "linux",
      path: dir.path,
      settleMs: 50,
    });
    assert.equal(ad.announced, false, hostname);
    assert.match(ad.message, /not announced/);
    assert.ok(ad.message.includes(hostname), ad.message);
    await ad.stop();
  }
  assert.equal(await Deno.readTextFile(log).catch(() => "never ran"), "never ran");
});

Deno.test("advertising: a publisher that exits at once is reported as a failure with its reason", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(
    `${dir.path}/avahi-publish`,
    "#!/bin/sh\necho 'Failed to create client object: Daemon not running' >&2\nexit 1\n",
    { mode: 0o755 },
  );
  const ad = await startAdvertising({
    name: "openclaw on test",
    port: 18789,
    hostname: "0.0.0.0",
    txt: { bind: "lan" },
    os: "linux",
    path: dir.path,
    settleMs: 2000,
    clock: new FakeClock(), // never moves on: only the publisher's exit ends the wait
  });
  assert.equal(ad.announced, false);
  assert.match(
    ad.message,
    /not announced on the local network: avahi-publish exited at once \(code 1\)/,
  );
  assert.match(ad.message, /Daemon not running/);
  await ad.stop();
});
