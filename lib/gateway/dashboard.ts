/**
 * `openclaw dashboard [--no-open]`: the Control UI, signed in. Prints the
 * UI's URL with the credential in the URL fragment (`#token=…` or
 * `#password=…`): browsers never send a fragment to the server, so the
 * gateway never receives or logs it, and the page removes it from the
 * address bar once read. Opens the browser when there is a desktop; prints
 * the SSH tunnel command (this user, this machine) when there is none.
 *
 * The link is made only after the gateway accepted the same credential, so
 * what is printed works. Without a gateway it says so and, in a terminal,
 * offers to start one in the background (as onboarding does where no service
 * manager exists); otherwise it prints the command that starts one.
 */
import type { Host } from "../host.ts";
import type { StatePaths } from "../config/paths.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import { readConfigFile } from "../config/store.ts";
import { checkConfig } from "../config/validate.ts";
import { GatewayCallError, openGateway } from "./client.ts";
import { gatewayTarget, type ResolvedTarget } from "./target.ts";
import { renderCallFailure } from "./report.ts";
import { lanAddresses, type OpenUrl, openUrls } from "./open-urls.ts";
import type { StatusPayload } from "./methods/health.ts";

export interface DashboardRequest {
  host: Host;
  paths: StatePaths;
  /** Open the browser when there is a desktop (false: --no-open). */
  open: boolean;
  /** Whether questions may be asked (stdin and stdout are a terminal). */
  interactive: boolean;
  confirm(message: string): Promise<boolean>;
  /** Start the gateway detached; returns what to tell the user. Default: the daemon fallback. */
  startInBackground?: (port: number) => Promise<string>;
  /** How long a gateway just started may take to answer. */
  startWaitMs?: number;
  timeoutMs?: number;
}

/** The Control UI's address (http for ws, https for wss), always at `/`. */
export function controlUiBase(wsUrl: string): string {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === "wss:" ? "https:" : "http:";
  return `${u.origin}/`;
}

/** The signed-in link: the credential in the fragment, never in the query string. */
export function dashboardUrl(base: string, auth: { token?: string; password?: string }): string {
  if (auth.token) return `${base}#token=${encodeURIComponent(auth.token)}`;
  if (auth.password) return `${base}#password=${encodeURIComponent(auth.password)}`;
  return base;
}

/** The credential the CLI uses for this gateway, as the gateway checks it. */
function credential(t: ResolvedTarget): { token?: string; password?: string } {
  return t.token ? { token: t.token } : t.password ? { password: t.password } : {};
}

export async function runDashboard(req: DashboardRequest): Promise<number> {
  const { host } = req;
  const config = checkConfig(await readConfigFile(req.paths.configPath)).config;
  const target = await gatewayTarget(host, config);
  const base = controlUiBase(target.url);
  const timeoutMs = req.timeoutMs ?? 5000;

  let problem = await tryConnect(target, timeoutMs);
  if (problem?.kind === "unreachable" && !target.remote) {
    if (!(await offerToStart(req, target, base))) return 1;
    problem = await waitUntilUp(target, req.startWaitMs ?? 15_000);
  }
  if (problem) {
    host.stderr(renderCallFailure(problem, target.url, target.remote) + "\n");
    return 1;
  }

  const auth = credential(target);
  const url = dashboardUrl(base, auth);
  const secretWord = auth.token ? "token" : auth.password ? "password" : undefined;
  const { hasGui, openBrowser } = await import("../platform/browser.ts");
  const lines = [`Control UI: ${url}`];
  if (secretWord) {
    lines.push(
      `The link holds the gateway ${secretWord} (after the #, which browsers never send to the ` +
        "gateway): share it with no one. The page takes it out of the address bar once read.",
    );
  }
  if (hasGui(host)) {
    if (req.open && await openBrowser(host, url)) lines.push("Opened it in your browser.");
    else lines.push("Open it in your browser.");
  } else if (!target.remote) {
    lines.push(...await tunnelHint(host, target));
    const others = await otherMachineUrls(target, timeoutMs);
    if (others.length > 0) {
      lines.push(
        "Or, from a machine that reaches this one directly (no tunnel):",
        ...others.map((u) => `  ${dashboardUrl(u.url, auth)}  (${u.where})`),
      );
    }
  } else {
    lines.push("Open it in a browser on a machine that reaches the remote gateway.");
  }
  host.stdout(lines.join("\n") + "\n");
  return 0;
}

/**
 * Onboarding's last word on the Control UI: point to `openclaw dashboard`
 * (the token is never printed in the summary), and with a desktop open the
 * signed-in link right away, but only when a gateway answers to open it on.
 */
export async function dashboardNextSteps(
  host: Host,
  paths: StatePaths,
  /** config: the one just written (onboarding's apply result); absent, it is read. */
  opts: { open: boolean; timeoutMs?: number; config?: OpenclawConfig },
): Promise<string[]> {
  const { dashboardCommand } = await import("./banner.ts");
  const pointer = `Open the Control UI, signed in: ${dashboardCommand(paths.profile)}`;
  const { hasGui, openBrowser } = await import("../platform/browser.ts");
  if (!opts.open || !hasGui(host)) return [pointer];
  const config = opts.config ?? checkConfig(await readConfigFile(paths.configPath)).config;
  const target = await gatewayTarget(host, config);
  if (await tryConnect(target, opts.timeoutMs ?? 3000)) return [pointer];
  const url = dashboardUrl(controlUiBase(target.url), credential(target));
  if (!(await openBrowser(host, url))) return [pointer];
  return [
    `The Control UI opened in your browser, signed in. Later: ${dashboardCommand(paths.profile)}`,
  ];
}

/** No desktop: reach the gateway from the user's own computer through an SSH tunnel. */
async function tunnelHint(host: Host, target: ResolvedTarget): Promise<string[]> {
  const { currentUser } = await import("../daemon/context.ts");
  const user = await currentUser(host);
  const u = new URL(target.url);
  const name = host.hostname && host.hostname !== "localhost"
    ? host.hostname
    : lanAddresses()[0] ?? host.hostname;
  return [
    "No desktop here: on your own computer, open an SSH tunnel to this machine:",
    `  ssh -N -L ${target.port}:${u.hostname}:${target.port} ${user}@${name}`,
    `then open the link above there (it uses port ${target.port} on both ends).`,
  ];
}

/** A LAN or tailnet bind is reachable from other machines at these addresses. */
async function otherMachineUrls(target: ResolvedTarget, timeoutMs: number): Promise<OpenUrl[]> {
  try {
    const conn = await openGateway({ ...target, timeoutMs, clientId: "cli" });
    try {
      const s = await conn.call<StatusPayload>("status");
      const listen = new URL(s.gateway.url);
      return openUrls({
        listenHost: listen.hostname,
        port: Number(listen.port),
        tailscale: "off",
      }).filter((u) => u.where !== "this machine");
    } finally {
      conn.close();
    }
  } catch {
    // Only a hint: the link above works whatever happened here.
    return [];
  }
}

async function tryConnect(
  target: ResolvedTarget,
  timeoutMs: number,
): Promise<GatewayCallError | undefined> {
  try {
    const conn = await openGateway({ ...target, timeoutMs, clientId: "cli" });
    conn.close();
    return undefined;
  } catch (err) {
    if (err instanceof GatewayCallError) return err;
    throw err;
  }
}

async function waitUntilUp(
  target: ResolvedTarget,
  waitMs: number,
): Promise<GatewayCallError | undefined> {
  const deadline = Date.now() + waitMs;
  while (true) {
    const problem = await tryConnect(target, 2000);
    if (problem?.kind !== "unreachable" || Date.now() > deadline) return problem;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Nothing answers: say so; in a terminal offer to start the gateway in the
 * background, otherwise print how to start it. True when it was started.
 */
async function offerToStart(
  req: DashboardRequest,
  target: ResolvedTarget,
  base: string,
): Promise<boolean> {
  const { host, paths } = req;
  // Commands the user types: the way this one was started, keeping --profile (the same state
  // folder as this command).
  const { commandFor, currentInvocation } = await import("../platform/invocation.ts");
  const typed = (args: string) =>
    commandFor({ ...currentInvocation(), profile: paths.profile }, args);
  host.stderr(`No gateway is running at ${base}.\n`);
  if (req.interactive && await req.confirm("Start the gateway in the background now?")) {
    try {
      const start = req.startInBackground ?? ((port) => startDetached(host, paths, port));
      host.stderr(`${await start(target.port)}\n`);
      return true;
    } catch (err) {
      host.stderr(`Could not start it: ${(err as Error).message}\n`);
    }
  }
  host.stderr(
    [
      "Start it in another terminal with:",
      `  ${typed(`gateway run --port ${target.port}`)}`,
      "or install it as a service (it then starts at login) with:",
      `  ${typed("daemon install")}`,
      "then run this again:",
      `  ${typed("dashboard")}`,
      "",
    ].join("\n"),
  );
  return false;
}

/** Onboarding's fallback without a service manager: detached, logged, until reboot. */
async function startDetached(host: Host, paths: StatePaths, port: number): Promise<string> {
  const { liveDaemonContext } = await import("../daemon/context.ts");
  const { serviceSpec } = await import("../daemon/service.ts");
  const { startInBackground } = await import("../daemon/background.ts");
  const ctx = await liveDaemonContext(host, paths, true);
  return await startInBackground(ctx, serviceSpec(ctx, port));
}
