/**
 * The running gateway announces itself on the local network (DNS-SD service
 * `_openclaw-gw._tcp`) so `openclaw onboard --mode remote` on another machine
 * can offer it. The announcement is a child process that lives as long as
 * the gateway: `dns-sd -R` on macOS, `avahi-publish -s` on Linux. Without
 * either tool nothing is announced and nothing fails: discovery is a
 * convenience, the URL can always be typed.
 */
import { whichOnPath } from "../host.ts";
import { SERVICE_TYPE } from "./discovery.ts";

export interface Advertisement {
  /** The tool announcing, or undefined when none is available. */
  tool?: string;
  stop(): Promise<void>;
}

export interface AdvertiseOptions {
  /** Instance name, e.g. "openclaw on studio". */
  name: string;
  port: number;
  /** TXT records, e.g. { bind: "lan", v: "0.1.0" }. */
  txt: Record<string, string>;
  os?: typeof Deno.build.os;
  path?: string;
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
  const command = await advertiseCommand(o);
  if (!command) return { stop: () => Promise.resolve() };
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command.cmd, {
      args: command.args,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
  } catch {
    return { stop: () => Promise.resolve() };
  }
  return {
    tool: command.cmd.split("/").pop(),
    stop: async () => {
      try {
        child.kill("SIGTERM");
      } catch {
        // it already ended (no daemon to talk to, for instance)
      }
      await child.status;
    },
  };
}
