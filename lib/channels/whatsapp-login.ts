/**
 * Linking a WhatsApp account (`openclaw channels login --channel whatsapp`):
 * open a WhatsApp Web session with Baileys, show the pairing QR code in the
 * terminal (it refreshes every ~20 s), and save the linked-device
 * credentials under ~/.openclaw/credentials/whatsapp/<accountId>/ (folder
 * 0700, files 0600). After the scan WhatsApp asks for one reconnect; that
 * is handled here.
 *
 * The socket comes from a factory so the flow is tested without WhatsApp's
 * servers; the real factory loads Baileys lazily (it is large). The
 * WebSocket URL is overridable (OPENCLAW_WHATSAPP_WS_URL) for tests.
 */
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import { ensureDir, SECRET_DIR_MODE } from "../platform/files.ts";

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
}

export async function renderQr(data: string): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  return await QRCode.toString(data, { type: "terminal", small: true });
}

export async function whatsappLogin(opts: LoginOptions): Promise<{ account?: string }> {
  await ensureDir(opts.authDir, SECRET_DIR_MODE);
  await Deno.chmod(opts.authDir, SECRET_DIR_MODE);
  const factory = opts.factory ?? baileysFactory(opts.host);
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  let shownQr = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const sock = await factory(opts.authDir);
    const outcome = await new Promise<{ kind: "open" | "restart" | "fail"; message?: string }>(
      (resolve) => {
        const timer = setTimeout(
          () =>
            resolve({
              kind: "fail",
              message: "the QR code was not scanned in time; run the command again",
            }),
          Math.max(0, deadline - Date.now()),
        );
        const done = (r: { kind: "open" | "restart" | "fail"; message?: string }) => {
          clearTimeout(timer);
          resolve(r);
        };
        sock.onUpdate(async (u) => {
          if (u.qr) {
            shownQr = true;
            opts.write(
              "Scan this QR code with WhatsApp on your phone: Settings → Linked devices → Link a device.\n" +
                (await renderQr(u.qr)),
            );
          }
          if (u.connection === "open") done({ kind: "open" });
          if (u.connection === "close") {
            const code = u.lastDisconnect?.error?.output?.statusCode;
            if (code === RESTART_REQUIRED) done({ kind: "restart" });
            else if (code === LOGGED_OUT) {
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

/** A silent logger in the shape Baileys expects (it logs a lot by default). */
const quiet = {
  level: "silent",
  child() {
    return quiet;
  },
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export function baileysFactory(host: Host): LinkSocketFactory {
  return async (authDir) => {
    const baileys = await import("@whiskeysockets/baileys");
    const { state, saveCreds } = await baileys.useMultiFileAuthState(authDir);
    const wsUrl = host.env("OPENCLAW_WHATSAPP_WS_URL");
    const sock = baileys.default({
      auth: state,
      logger: quiet as never,
      browser: baileys.Browsers.ubuntu("openclaw"),
      ...(wsUrl ? { waWebSocketUrl: wsUrl } : {}),
    });
    sock.ev.on("creds.update", saveCreds);
    return {
      onUpdate: (cb) => sock.ev.on("connection.update", (u) => cb(u as ConnectionUpdate)),
      me: () => sock.user?.id,
      end: () => sock.end(undefined),
    };
  };
}
