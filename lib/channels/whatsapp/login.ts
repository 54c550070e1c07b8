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
import { ensureDir, SECRET_DIR_MODE } from "../../platform/files.ts";
import { QrTooLongError } from "../../platform/qr/encode.ts";
import { renderQr } from "../../platform/qr/terminal.ts";
import { printable } from "../../platform/terminal-text.ts";
import { type Clock, realClock } from "../../platform/clock.ts";
import { spawnWorker, type WorkerRuntime } from "./worker-process.ts";

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

/** The real socket: Baileys in its own process (worker.ts), fetched on first use. */
export function baileysFactory(host: Host, runtime?: WorkerRuntime): LinkSocketFactory {
  return (authDir) => {
    const worker = spawnWorker(host, authDir, { runtime });
    let me: string | undefined;
    return Promise.resolve({
      onUpdate: (cb) => {
        (async () => {
          for await (const msg of worker.messages()) {
            if (typeof msg.me === "string") me = msg.me;
            if (msg.update) cb(msg.update as ConnectionUpdate);
          }
          const { code, stderrTail } = await worker.exited;
          if (worker.ended()) return;
          // The worker stopped on its own: Baileys could not be fetched or started.
          const reason = stderrTail || `exit code ${code}`;
          cb({
            connection: "close",
            lastDisconnect: { error: { message: reason, output: { statusCode: WORKER_FAILED } } },
          });
        })();
      },
      me: () => me,
      end: () => worker.end(),
    });
  };
}
