/**
 * A cold start must not fetch the WhatsApp stack. Deno installs every npm
 * package of deno.lock as soon as a run needs any npm package, and builds the
 * graph of every literal import, lazy ones included: so Baileys must be
 * neither in deno.lock nor reachable by a literal import from the program.
 * It lives in its own worker with its own lock (lib/channels/whatsapp/worker.*, entered through lib/cli/whatsapp-worker.ts).
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  runtimeEnv,
  WORKER_COMMAND,
  workerCommand,
} from "../../lib/channels/whatsapp/worker-process.ts";
import { tempDir } from "../helpers/host.ts";
import { denoInfo } from "../helpers/deno-info.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const readJson = async (p: string) => JSON.parse(await Deno.readTextFile(`${ROOT}/${p}`));

Deno.test("cold start: deno.json and deno.lock hold nothing of the WhatsApp stack", async () => {
  const config = await readJson("deno.json");
  const lock = await readJson("deno.lock");
  const worker = await readJson("lib/channels/whatsapp/worker.lock");
  const imports = Object.values(config.imports as Record<string, string>).join(" ");
  assert.doesNotMatch(imports, /baileys|qrcode|sharp/);
  const shared = Object.keys(lock.npm).filter((k) => k in worker.npm);
  assert.deepEqual(shared, [], "packages of the WhatsApp worker in deno.lock");
  assert.doesNotMatch(JSON.stringify(lock), /baileys|qrcode|sharp|protobufjs/);
  // …and the worker's lock really pins Baileys' whole tree (95 packages at 7.0.0-rc14).
  assert.equal(
    worker.specifiers["npm:@whiskeysockets/baileys@7.0.0-rc14"],
    "7.0.0-rc14_sharp@0.35.5",
  );
  assert.ok(Object.keys(worker.npm).length > 50);
});

Deno.test("cold start: the program's module graph has no WhatsApp or QR package", async () => {
  const info = await denoInfo("lib/cli/program.ts");
  const npm = Object.keys(info.npmPackages);
  assert.ok(npm.some((p) => p.startsWith("commander@")), "the graph was read");
  assert.deepEqual(npm.filter((p) => /baileys|qrcode|sharp|protobufjs|libsignal/.test(p)), []);
  const modules = (info.modules as { specifier: string }[]).map((m) => m.specifier);
  assert.ok(
    !modules.some((m) => m.endsWith("/whatsapp-worker.ts") || m.endsWith("/whatsapp/worker.ts")),
    "the worker is not imported",
  );
});

Deno.test("cold start: the worker runs with its own frozen lock and no native addons", () => {
  const { cmd, args } = workerCommand(
    { standalone: false, execPath: "/usr/bin/deno" },
    "/home/u/.openclaw/credentials/whatsapp/default",
  );
  assert.equal(cmd, "/usr/bin/deno");
  assert.ok(args.includes("--no-config"));
  assert.ok(args.includes("--frozen"));
  assert.ok(args.some((a) => /^--lock=\/.*\/lib\/channels\/whatsapp\/worker\.lock$/.test(a)));
  // No -A and no --allow-ffi: sharp's libvips (a native addon) cannot load; files: one folder.
  assert.ok(!args.includes("-A") && !args.some((a) => a.startsWith("--allow-ffi")));
  assert.ok(!args.some((a) => a.startsWith("--allow-run")));
  assert.ok(args.includes("--allow-write=/home/u/.openclaw/credentials/whatsapp/default"));
  assert.ok(args.includes("--allow-read=/home/u/.openclaw/credentials/whatsapp/default"));
  // A compiled binary runs the worker as itself (main.ts routes the hidden command).
  assert.deepEqual(workerCommand({ standalone: true, execPath: "/opt/openclaw" }, "/d"), {
    cmd: "/opt/openclaw",
    args: [WORKER_COMMAND, "/d"],
  });
});

Deno.test("cold start: main.ts routes the worker command (in a binary) without loading the CLI", async () => {
  const main = await Deno.readTextFile(`${ROOT}/main.ts`);
  assert.ok(main.includes(`args[0] === "${WORKER_COMMAND}" && Deno.build.standalone`));
});

Deno.test("cold start: with the worker's permissions, sharp (a native addon) cannot load", async () => {
  await using dir = await tempDir();
  const { cmd, args } = workerCommand({ standalone: false, execPath: Deno.execPath() }, dir.path);
  // The worker's own flags, with a probe in place of the worker that tries to load sharp. Its
  // lock is a copy, not frozen: the probe names sharp directly, the worker never does.
  await Deno.copyFile(`${ROOT}/lib/channels/whatsapp/worker.lock`, `${dir.path}/lock`);
  await Deno.writeTextFile(
    `${dir.path}/probe.ts`,
    `const s: string = "npm:sharp@0.35.5"; await import(s); console.log("sharp loaded");`,
  );
  const flags = args.slice(0, -2).filter((a) => a !== "--frozen").map((a) =>
    a.startsWith("--lock=") ? `--lock=${dir.path}/lock` : a
  );
  const out = await new Deno.Command(cmd, {
    args: [...flags, `${dir.path}/probe.ts`],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.ok(!out.success, text);
  assert.doesNotMatch(text, /sharp loaded/);
  assert.match(text, /Requires ffi access to "[^"]*sharp[^"]*\.node"/);
});

Deno.test("cold start: the worker gets Deno's own settings, not the user's secrets", () => {
  Deno.env.set("ANTHROPIC_API_KEY", "sk-ant-must-not-reach-the-worker");
  Deno.env.set("DENO_TLS_CA_STORE", "system");
  try {
    const env = runtimeEnv();
    assert.equal(env.DENO_TLS_CA_STORE, "system");
    assert.ok(!Object.values(env).some((v) => v.includes("sk-ant")));
    assert.ok(!Object.keys(env).some((k) => /KEY|TOKEN|PASSWORD|SECRET|OPENCLAW/.test(k)));
  } finally {
    Deno.env.delete("ANTHROPIC_API_KEY");
    Deno.env.delete("DENO_TLS_CA_STORE");
  }
});

Deno.test("cold start: the worker trusts the same extra CA certificates (a TLS proxy's)", () => {
  // A fresh CI machine reaches the registry through a proxy whose CA is named only in
  // NODE_EXTRA_CA_CERTS: without it the worker could not fetch Baileys on first use.
  const before = Deno.env.get("NODE_EXTRA_CA_CERTS");
  Deno.env.set("NODE_EXTRA_CA_CERTS", "/etc/ssl/certs/proxy-ca.pem");
  try {
    assert.equal(runtimeEnv().NODE_EXTRA_CA_CERTS, "/etc/ssl/certs/proxy-ca.pem");
  } finally {
    if (before === undefined) Deno.env.delete("NODE_EXTRA_CA_CERTS");
    else Deno.env.set("NODE_EXTRA_CA_CERTS", before);
  }
});

Deno.test("cold start: the gateway's run mode starts the same worker with the same permissions", () => {
  const rt = { standalone: false, execPath: "/usr/bin/deno" };
  const link = workerCommand(rt, "/d");
  const run = workerCommand(rt, "/d", { mode: "run" });
  assert.deepEqual(run.args, [...link.args, "run"]);
  assert.deepEqual(
    workerCommand({ standalone: true, execPath: "/opt/openclaw" }, "/d", { mode: "run" }),
    {
      cmd: "/opt/openclaw",
      args: [WORKER_COMMAND, "/d", "run"],
    },
  );
  // A test's library stand-in is readable too; nothing else is.
  const withLib = workerCommand(rt, "/d", { mode: "run", library: "/t/baileys.ts" });
  assert.ok(withLib.args.includes("--allow-read=/d,/t/baileys.ts"));
  assert.ok(withLib.args.includes("--allow-write=/d"));
});
