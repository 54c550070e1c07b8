/**
 * The running gateway announces itself on the local network (DNS-SD service
 * `_openclaw-gw._tcp`) so `openclaw onboard --mode remote` on another machine
 * can offer it. The announcement is a child process that lives as long as
 * the gateway: `dns-sd -R` on macOS, `avahi-publish -s` on Linux. Only a
 * gateway other machines can reach (not loopback, not tailnet-only) is
 * announced, and only a publisher that stays up counts as announcing. Without
 * either tool nothing is announced and nothing fails: discovery is a
 * convenience, the URL can always be typed. The log says which happened.
 */
import { whichOnPath } from "../host.ts";
import { SERVICE_TYPE } from "./discovery.ts";
import { type Clock, realClock } from "../platform/clock.ts";

export interface Advertisement {
  /** The tool announcing, or undefined when none runs. */
  tool?: string;
  /** Whether an announcement is out there now. */
  announced: boolean;
  /** One line for the gateway's log: what really happened, and why when nothing was announced. */
  message: string;
  stop(): Promise<void>;
}

export interface AdvertiseOptions {
  /** Instance name, e.g. "openclaw on studio". */
  name: string;
  port: number;
  /** The address the gateway listens on: only one other machines can reach is announced. */
  hostname: string;
  /** TXT records, e.g. { bind: "lan", v: "0.1.0" }. */
  txt: Record<string, string>;
  os?: typeof Deno.build.os;
  path?: string;
  /** How long the publisher must stay up to count as announcing (it exits at once on failure). */
  settleMs?: number;
  /** Whose timers the settle time runs on (default: the real ones). */
  clock?: Clock;
  /** Told when the publisher ends later on its own (the announcement is gone). */
  onLost?: (message: string) => void;
}

const DEFAULT_SETTLE_MS = 500;

/**
 * Why a gateway listening on `hostname` cannot be reached from the LAN, or
 * undefined when it can. DNS-SD announces this machine's LAN addresses, so
 * announcing a loopback or tailnet-only listener would send people to a
 * closed port.
 */
export function notOnLan(hostname: string): string | undefined {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h === "::1" || /^127\./.test(h)) {
    return `the gateway listens on ${hostname} (this machine only)`;
  }
  const m = /^100\.(\d+)\./.exec(h);
  if ((m && Number(m[1]) >= 64 && Number(m[1]) <= 127) || h.startsWith("fd7a:115c:a1e0:")) {
    return `the gateway listens on ${hostname} (a tailnet address, not the local network)`;
  }
  return undefined;
}

/** The command that announces the service, or undefined when no tool is on PATH. */
export async function advertiseCommand(
  o: AdvertiseOptions,
): Promise<{ cmd: string; args: string[] } | undefined> {
  const path = o.path ?? Deno.env.get("PATH") ?? "";
  const txt = Object.entries(o.txt).map(([k, v]) => `${k}=${v}`);
  if ((o.os ?? Deno.build.os) === "darwin") {
    const dnsSd = await whichOnPath("dns-sd", path);
    if (dnsSd) {
      return { cmd: dnsSd, args: ["-R", o.name, SERVICE_TYPE, "local.", String(o.port), ...txt] };
    }
  }
  const avahi = await whichOnPath("avahi-publish", path);
  if (avahi) return { cmd: avahi, args: ["-s", o.name, SERVICE_TYPE, String(o.port), ...txt] };
  return undefined;
}

export async function startAdvertising(o: AdvertiseOptions): Promise<Advertisement> {
  const nothing = (why: string): Advertisement => ({
    announced: false,
    message: `not announced on the local network: ${why}`,
    stop: () => Promise.resolve(),
  });
  const unreachable = notOnLan(o.hostname);
  if (unreachable) return nothing(unreachable);
  const command = await advertiseCommand(o);
  if (!command) {
    return nothing(
      "no avahi-publish (Linux) or dns-sd (macOS) found; clients can still type the URL",
    );
  }
  const tool = command.cmd.split("/").pop() ?? command.cmd;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command.cmd, {
      args: command.args,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
  } catch (err) {
    return nothing(`${tool} could not start: ${(err as Error)?.message ?? err}`);
  }
  const stderr = collect(child.stderr);
  let stopping = false;
  const status = child.status;
  // A publisher with no daemon to talk to exits at once: that is a failure, not an announcement.
  let cancelTimer = () => {};
  const early = await Promise.race([
    status,
    new Promise<undefined>((r) => {
      cancelTimer = (o.clock ?? realClock).after(
        o.settleMs ?? DEFAULT_SETTLE_MS,
        () => r(undefined),
      );
    }),
  ]);
  cancelTimer();
  if (early) {
    const why = (await stderr()).split("\n").find((l) => l.trim())?.trim();
    return nothing(`${tool} exited at once (code ${early.code})${why ? `: ${why}` : ""}`);
  }
  void status.then(async (s) => {
    if (stopping) return;
    const why = (await stderr()).split("\n").filter((l) => l.trim()).pop()?.trim();
    o.onLost?.(
      `the local-network announcement stopped: ${tool} exited (code ${s.code})` +
        (why ? `: ${why}` : ""),
    );
  });
  return {
    tool,
    announced: true,
    message: `announced on the local network with ${tool} (port ${o.port})`,
    stop: async () => {
      stopping = true;
      try {
        child.kill("SIGTERM");
      } catch {
        // it already ended
      }
      await status;
      await stderr();
    },
  };
}

/** Read a stream to the end in the background, keeping its last few KiB (a publisher's reason). */
function collect(stream: ReadableStream<Uint8Array>): () => Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  const done = (async () => {
    try {
      for await (const chunk of stream) text = (text + decoder.decode(chunk)).slice(-4096);
    } catch {
      // the child went away
    }
  })();
  return async () => {
    await done;
    return text;
  };
}
