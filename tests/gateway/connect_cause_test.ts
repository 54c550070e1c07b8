/**
 * `health` in a network namespace whose loopback is down says "network unreachable", not
 * "The gateway is not running" (lib/gateway/connect-cause.ts).
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  isNetworkUnreachable,
  networkUnreachable,
  renderNetworkUnreachable,
} from "../../lib/gateway/connect-cause.ts";
import { tempDir } from "../helpers/host.ts";
import { freePort } from "../helpers/ports.ts";
import { denoDir } from "../helpers/deno-info.ts";
import { canUnshareNet } from "../helpers/netns.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

Deno.test("isNetworkUnreachable: Deno's error, an ENETUNREACH code or the OS's message", () => {
  assert.ok(isNetworkUnreachable(new Deno.errors.NetworkUnreachable("x")));
  assert.ok(isNetworkUnreachable(Object.assign(new Error("connect"), { code: "ENETUNREACH" })));
  assert.ok(isNetworkUnreachable(new Error("Network is unreachable (os error 101)")));
  assert.ok(!isNetworkUnreachable(new Deno.errors.ConnectionRefused("Connection refused")));
  assert.ok(!isNetworkUnreachable(Object.assign(new Error("x"), { code: "ECONNREFUSED" })));
  assert.ok(!isNetworkUnreachable(undefined));
  assert.ok(!isNetworkUnreachable("Network is unreachable"));
});

Deno.test("networkUnreachable: a closed port is refused, not unreachable", async () => {
  assert.equal(await networkUnreachable(`ws://127.0.0.1:${freePort()}/`), undefined);
});

Deno.test("renderNetworkUnreachable names the address and says the gateway may be running", () => {
  const text = renderNetworkUnreachable("ws://127.0.0.1:18789/", "Network is unreachable");
  assert.match(text, /^network unreachable \(Network is unreachable\): /);
  assert.match(text, /the gateway may be running but this machine cannot reach 127\.0\.0\.1:18789/);
  assert.match(text, /check the network\/namespace/);
  assert.doesNotMatch(text, /not running/);
});

Deno.test({
  name: "openclaw health inside `unshare -rn` (loopback down) reports network unreachable",
  ignore: !canUnshareNet,
  async fn() {
    await using home = await tempDir();
    for (const json of [false, true]) {
      const out = await new Deno.Command("unshare", {
        args: [
          "-rn",
          Deno.execPath(),
          "run",
          "-q",
          "-A",
          MAIN,
          "health",
          ...(json ? ["--json"] : []),
        ],
        clearEnv: true,
        env: {
          HOME: home.path,
          PATH: Deno.env.get("PATH") ?? "",
          DENO_DIR: await denoDir(),
          NO_COLOR: "1",
        },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 1, text);
      assert.match(text, /network unreachable \(Network is unreachable/);
      assert.match(text, /cannot reach 127\.0\.0\.1:18789/);
      assert.doesNotMatch(text, /not running/);
      if (json) assert.match(text, /"cause": "network-unreachable"/);
    }
  },
});
