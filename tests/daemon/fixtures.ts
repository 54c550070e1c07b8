/**
 * Shared inputs for the daemon tests: state paths under a temp HOME, a
 * runtime from a source checkout and a compiled one, and a context whose
 * command runner records every call and answers from a table.
 */
import { resolvePaths, type StatePaths } from "../../lib/config/paths.ts";
import type { Runtime } from "../../lib/daemon/command.ts";
import type { DaemonContext, Environment } from "../../lib/daemon/context.ts";
import { serviceNames } from "../../lib/daemon/names.ts";
import type { CommandResult } from "../../lib/host.ts";
import { type TestHost, testHost } from "../helpers/host.ts";

export const SOURCE_RUNTIME: Runtime = {
  standalone: false,
  execPath: "/opt/deno/bin/deno",
  mainModule: "/src/openclaw/main.ts",
};

export const BINARY_RUNTIME: Runtime = {
  standalone: true,
  execPath: "/home/ada/.local/bin/openclaw",
  mainModule: "/ignored/main.ts",
};

export function pathsFor(home: string, env: Record<string, string> = {}, profile?: string) {
  return resolvePaths(testHost({ home, env }), profile);
}

export const ok = (stdout = ""): CommandResult => ({ code: 0, stdout, stderr: "" });
export const fail = (code: number, stderr: string): CommandResult => ({ code, stdout: "", stderr });

/** Answers keyed by "cmd arg arg…" (exact) or by a prefix ending in "*". */
export type Answers = Record<string, CommandResult | CommandResult[]>;

export interface RecordingSetup {
  home: string;
  answers: Answers;
  platform?: typeof Deno.build.os;
  interactive?: boolean;
  environment?: Environment;
  portsInUse?: number[];
  gatewayAnswers?: boolean;
  onPath?: string[];
  env?: Record<string, string>;
  paths?: StatePaths;
  runtime?: Runtime;
}

/** A context whose runner answers from `answers` (default: exit 127, not found). */
export function recordingContext(
  setup: RecordingSetup,
): DaemonContext & { host: TestHost; said: string[] } {
  const queues = new Map(
    Object.entries(setup.answers).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]),
  );
  const answer = (cmd: string, args: string[]): CommandResult => {
    const line = [cmd, ...args].join(" ");
    let key = queues.has(line) ? line : undefined;
    if (!key) {
      key = [...queues.keys()].find((k) => k.endsWith("*") && line.startsWith(k.slice(0, -1)));
    }
    if (!key) return { code: 127, stdout: "", stderr: `${cmd}: not found` };
    const q = queues.get(key)!;
    return q.length > 1 ? q.shift()! : q[0];
  };
  const host = testHost({
    home: setup.home,
    platform: setup.platform ?? "linux",
    runner: answer,
    onPath: setup.onPath ?? ["sudo"],
    env: setup.env,
  });
  const said: string[] = [];
  const paths = setup.paths ?? resolvePaths(host);
  return {
    host,
    said,
    paths,
    names: serviceNames(paths.profile),
    runtime: setup.runtime ?? SOURCE_RUNTIME,
    uid: 501,
    user: "ada",
    environment: setup.environment ?? { wsl: false, container: false },
    interactive: setup.interactive ?? false,
    say: (t) => void said.push(t),
    portInUse: (port) => Promise.resolve(setup.portsInUse?.includes(port) ?? false),
    probe: (port) =>
      Promise.resolve(
        setup.gatewayAnswers
          ? { answers: true, detail: `accepts connections on 127.0.0.1:${port}` }
          : { answers: false, detail: `nothing answers on 127.0.0.1:${port}` },
      ),
  };
}

/** The calls made, as command lines, e.g. "systemctl --user daemon-reload". */
export function callLines(host: TestHost): string[] {
  return host.calls.map((c) => [c.cmd, ...c.args].join(" "));
}
