/**
 * Linking a WhatsApp account (`openclaw channels login --channel whatsapp`):
 * open a WhatsApp Web session with Baileys, show the pairing QR code in the
 * terminal (it refreshes every ~20 s), and save the linked-device
 * credentials under ~/.openclaw/credentials/whatsapp/<accountId>/ (folder
 * 0700, files 0600). After the scan WhatsApp asks for one reconnect; that
 * is handled here.
 *
 * The socket comes from a factory so the flow is tested without WhatsApp's
 * servers; the real one runs Baileys in a worker process
 * (worker.ts), so nothing of it is fetched or loaded until a user
 * links WhatsApp. The QR code is drawn by lib/platform/qr/. The WebSocket
 * URL is overridable (OPENCLAW_WHATSAPP_WS_URL) for tests.
 */
import { ActionableError } from "../../errors.ts";
import type { Host } from "../../host.ts";
import { fileURLToPath } from "node:url";
import { ensureDir, SECRET_DIR_MODE } from "../../platform/files.ts";
import { QrTooLongError } from "../../platform/qr/encode.ts";
import { renderQr } from "../../platform/qr/terminal.ts";
import { printable } from "../../platform/terminal-text.ts";
import { NETWORK_ENV, pickEnv } from "../../platform/network-env.ts";
import { type Clock, realClock } from "../../platform/clock.ts";

export interface ConnectionUpdate {
  connection?: "connecting" | "open" | "close";
  qr?: string;
  lastDisconnect?: { error?: { message?: string; output?: { statusCode?: number } } };
}

/** The part of a Baileys socket the login uses. */
export interface LinkSocket {
  onUpdate(cb: (u: ConnectionUpdate) => void): void;
  /** The linked account (e.g. "15551234567:12@s.whatsapp.net") once open. */
  me(): string | undefined;
  end(): void;
}

export type LinkSocketFactory = (authDir: string) => Promise<LinkSocket>;

/** WhatsApp's close codes that matter here (Baileys' DisconnectReason). */
export const RESTART_REQUIRED = 515;
export const LOGGED_OUT = 401;

export interface LoginOptions {
  host: Host;
  authDir: string;
  factory?: LinkSocketFactory;
  /** Where the QR code and instructions go. */
  write: (text: string) => void;
  timeoutMs?: number;
  /** Whose timers the QR code's deadline runs on (default: the real ones). */
  clock?: Clock;
}

/** Not WhatsApp's: the worker process running Baileys stopped by itself (see baileysFactory). */
export const WORKER_FAILED = -1;

/** The pairing QR code for the terminal; the text comes from WhatsApp's server. */
export function qrText(data: string): string {
  try {
    return renderQr(data);
  } catch (err) {
    if (!(err instanceof QrTooLongError)) throw err;
    // Not expected from WhatsApp; say so rather than draw nothing.
    return `(the pairing code is ${data.length} characters, too long to draw here; ` +
      `update openclaw and try again)\n`;
  }
}

export async function whatsappLogin(opts: LoginOptions): Promise<{ account?: string }> {
  await ensureDir(opts.authDir, SECRET_DIR_MODE);
  await Deno.chmod(opts.authDir, SECRET_DIR_MODE);
  const factory = opts.factory ?? baileysFactory(opts.host);
  const clock = opts.clock ?? realClock;
  const deadline = clock.now() + (opts.timeoutMs ?? 180_000);
  let shownQr = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const sock = await factory(opts.authDir);
    const outcome = await new Promise<{ kind: "open" | "restart" | "fail"; message?: string }>(
      (resolve) => {
        const cancelTimer = clock.after(
          Math.max(0, deadline - clock.now()),
          () =>
            resolve({
              kind: "fail",
              message: "the QR code was not scanned in time; run the command again",
            }),
        );
        const done = (r: { kind: "open" | "restart" | "fail"; message?: string }) => {
          cancelTimer();
          resolve(r);
        };
        sock.onUpdate((u) => {
          if (u.qr) {
            shownQr = true;
            opts.write(
              "Scan this QR code with WhatsApp on your phone: Settings → Linked devices → Link a device.\n" +
                qrText(u.qr),
            );
          }
          if (u.connection === "open") done({ kind: "open" });
          if (u.connection === "close") {
            const code = u.lastDisconnect?.error?.output?.statusCode;
            if (code === RESTART_REQUIRED) done({ kind: "restart" });
            else if (code === WORKER_FAILED) {
              done({
                kind: "fail",
                message:
                  `the WhatsApp library (Baileys) could not start: ${
                    printable(u.lastDisconnect?.error?.message ?? "")
                  }. It is downloaded on first use from the npm registry: check the ` +
                  `connection (behind a TLS proxy, set DENO_TLS_CA_STORE=system) and run the ` +
                  `command again`,
              });
            } else if (code === LOGGED_OUT) {
              done({
                kind: "fail",
                message:
                  "WhatsApp refused the link (logged out); run the command again for a new QR code",
              });
            } else {
              done({
                kind: "fail",
                message: shownQr
                  ? `the connection closed (${
                    u.lastDisconnect?.error?.message ?? `code ${code}`
                  }); run the command again`
                  : "could not reach WhatsApp Web (offline?)",
              });
            }
          }
        });
      },
    );
    if (outcome.kind === "open") {
      const account = sock.me();
      sock.end();
      await tightenModes(opts.authDir);
      return { account };
    }
    sock.end();
    if (outcome.kind === "fail") {
      await tightenModes(opts.authDir);
      throw new ActionableError(`WhatsApp was not linked: ${outcome.message}.`);
    }
    // restart: WhatsApp asks for a fresh connection right after the scan.
  }
  throw new ActionableError(
    "WhatsApp was not linked: it kept asking to reconnect. Run the command again.",
  );
}

/** Credentials files hold keys: 0600, whatever the library created them with. */
async function tightenModes(dir: string): Promise<void> {
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile) await Deno.chmod(`${dir}/${e.name}`, 0o600).catch(() => {});
  }
}

/** Where the worker runs from: this checkout's file, or the binary itself (see main.ts). */
const WORKER = new URL("../../cli/whatsapp-worker.ts", import.meta.url);
const WORKER_LOCK = new URL("./worker.lock", import.meta.url);
/** The argument main.ts routes to the worker in a compiled binary. */
export const WORKER_COMMAND = "__whatsapp-worker";

/** How to start the worker for `authDir`: deno on the worker file, or this binary. */
export function workerCommand(
  runtime: { standalone: boolean; execPath: string },
  authDir: string,
): { cmd: string; args: string[] } {
  if (runtime.standalone) return { cmd: runtime.execPath, args: [WORKER_COMMAND, authDir] };
  return {
    cmd: runtime.execPath,
    args: [
      "run",
      "--quiet",
      // Its own pinned lock: the project's deno.lock (and so every cold start) stays without it.
      "--no-config",
      `--lock=${fileURLToPath(WORKER_LOCK)}`,
      "--frozen",
      // The network and this one folder; no --allow-ffi, so no native addon (sharp) can load.
      "--allow-net",
      `--allow-read=${authDir}`,
      `--allow-write=${authDir}`,
      "--allow-env",
      "--allow-sys",
      fileURLToPath(WORKER),
      authDir,
    ],
  };
}

/** The real socket: Baileys in its own process (worker.ts), fetched on first use. */
export function baileysFactory(
  host: Host,
  runtime = { standalone: Boolean(Deno.build.standalone), execPath: Deno.execPath() },
): LinkSocketFactory {
  return (authDir) => {
    const { cmd, args } = workerCommand(runtime, authDir);
    const wsUrl = host.env("OPENCLAW_WHATSAPP_WS_URL");
    const child = new Deno.Command(cmd, {
      args,
      // Not our environment: it holds API keys and tokens, and the worker may read its own.
      clearEnv: true,
      env: {
        ...runtimeEnv(),
        NO_COLOR: "1",
        ...(wsUrl ? { OPENCLAW_WHATSAPP_WS_URL: wsUrl } : {}),
      },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stdin = child.stdin.getWriter();
    let me: string | undefined;
    let ended = false;
    const stderr = new Response(child.stderr).text();
    return Promise.resolve({
      onUpdate: (cb) => {
        (async () => {
          const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(
            new LineStream(),
          );
          for await (const line of lines) {
            let msg: { update?: ConnectionUpdate; me?: string };
            try {
              msg = JSON.parse(line);
            } catch {
              continue;
            }
            if (typeof msg.me === "string") me = msg.me;
            if (msg.update) cb(msg.update);
          }
          const status = await child.status;
          if (ended) return;
          // The worker stopped on its own: Baileys could not be fetched or started.
          const reason = lastLine(await stderr) || `exit code ${status.code}`;
          cb({
            connection: "close",
            lastDisconnect: { error: { message: reason, output: { statusCode: WORKER_FAILED } } },
          });
        })();
      },
      me: () => me,
      end: () => {
        if (ended) return;
        ended = true;
        stdin.close().catch(() => {});
        // It exits when stdin closes; make sure, if Baileys hangs on its way out.
        const timer = setTimeout(() => {
          try {
            child.kill("SIGKILL");
          } catch { /* already gone */ }
        }, 2000);
        child.status.finally(() => clearTimeout(timer));
      },
    });
  };
}

/**
 * What Deno itself needs to find its cache and reach the npm registry (the worker fetches
 * Baileys on first use): read from this process, as they describe this same runtime.
 */
const RUNTIME_ENV = [
  "HOME",
  "PATH",
  "TMPDIR",
  "XDG_CACHE_HOME",
  "DENO_DIR",
  ...NETWORK_ENV,
  "NPM_CONFIG_REGISTRY",
];

export function runtimeEnv(): Record<string, string> {
  return pickEnv(RUNTIME_ENV);
}

/** The last non-empty line of a program's error output, without colours or controls. */
function lastLine(text: string): string {
  const lines = text.split("\n").map((l) => printable(l).trim()).filter(Boolean);
  return (lines.pop() ?? "").slice(0, 300);
}

/** Splits a text stream into lines. */
class LineStream extends TransformStream<string, string> {
  constructor() {
    let rest = "";
    super({
      transform(chunk, controller) {
        const parts = (rest + chunk).split("\n");
        rest = parts.pop() ?? "";
        for (const p of parts) controller.enqueue(p);
      },
      flush(controller) {
        if (rest) controller.enqueue(rest);
      },
    });
  }
}
