/**
 * The systemd user unit, rendered by a pure function. Quoting follows
 * systemd.syntax(7) and systemd.service(5): in ExecStart, arguments with
 * anything but safe characters are double-quoted with C-style escapes; `%`
 * (specifiers) becomes `%%` everywhere and `$` (variable expansion) becomes
 * `$$` on command lines. Environment= takes whole "KEY=value" strings, where
 * `$` has no special meaning.
 */
import type { ServiceSpec } from "./spec.ts";
import { digestLine } from "./digest.ts";

export interface SystemdRenderOptions {
  /** systemd's version; exponential restart back-off needs 254 or newer. */
  systemdVersion?: number;
}

/** The first systemd release that knows RestartSteps= and RestartMaxDelaySec=. */
export const RESTART_STEPS_SINCE = 254;

export function renderSystemdUnit(spec: ServiceSpec, opts: SystemdRenderOptions = {}): string {
  const backoff = (opts.systemdVersion ?? 0) >= RESTART_STEPS_SINCE
    ? [
      "# Wait 5 s after a crash, growing to 1 min when it keeps failing.",
      "RestartSec=5",
      "RestartSteps=6",
      "RestartMaxDelaySec=60",
    ]
    : ["# Wait 5 s after a crash before starting again.", "RestartSec=5"];
  const body = [
    "# Written by `openclaw daemon install`. To change it, run that command again;",
    "# hand edits are kept unless you agree to replace them.",
    "[Unit]",
    `Description=${escapeSpecifiers(spec.description)}`,
    // Never give up: a gateway that crashes in a loop still retries (with back-off).
    "StartLimitIntervalSec=0",
    "",
    "[Service]",
    "Type=simple",
    `ExecStart=${spec.argv.map(quoteExecArg).join(" ")}`,
    "Restart=always",
    ...backoff,
    ...spec.env.map(([k, v]) => `Environment=${quoteEnvironment(k, v)}`),
    // "-": the file is optional; it holds secrets (API keys) as KEY=value lines.
    `EnvironmentFile=-${escapeSpecifiers(checkLine(spec.envFile))}`,
    "",
    "[Install]",
    "WantedBy=default.target",
    "",
  ].join("\n");
  return withDigest(body);
}

function withDigest(body: string): string {
  const lines = body.split("\n");
  lines.splice(2, 0, digestLine(body, (t) => `# ${t}`));
  return lines.join("\n");
}

const SAFE_ARG = /^[A-Za-z0-9_@+=:,./-]+$/;

/** One ExecStart argument. */
export function quoteExecArg(arg: string): string {
  checkLine(arg);
  if (arg !== "" && SAFE_ARG.test(arg)) return arg;
  const escaped = arg.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%/g, "%%")
    .replace(/\$/g, "$$$$");
  return `"${escaped}"`;
}

/** One Environment= value: `"KEY=value"`. */
export function quoteEnvironment(key: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`bad environment name "${key}"`);
  checkLine(value);
  const escaped = `${key}=${value}`.replace(/\\/g, "\\\\").replace(/"/g, '\\"')
    .replace(/%/g, "%%");
  return `"${escaped}"`;
}

export function escapeSpecifiers(text: string): string {
  return text.replace(/%/g, "%%");
}

/** Unit files are line-based: a value with a line break or control character cannot be written. */
function checkLine(value: string): string {
  // deno-lint-ignore no-control-regex -- control characters are exactly what is refused
  if (/[\x00-\x1f\x7f]/.test(value)) {
    throw new UnitValueError(value);
  }
  return value;
}

export class UnitValueError extends Error {
  constructor(readonly value: string) {
    super(
      `Cannot put ${JSON.stringify(value)} in a service file: it contains a line break or ` +
        "control character. Move openclaw (or the state folder) to a path without one.",
    );
  }
}

/** Read ExecStart= back into argv (the reverse of quoteExecArg), for `daemon status`. */
export function parseExecStart(unitText: string): string[] | undefined {
  const line = unitText.split("\n").find((l) => /^\s*ExecStart\s*=/.test(l));
  if (!line) return undefined;
  let rest = line.replace(/^\s*ExecStart\s*=\s*/, "");
  // Leading prefixes (-, @, +, !, :) change how systemd runs the command, not what it runs.
  rest = rest.replace(/^[-@+!:]+/, "");
  const args: string[] = [];
  let i = 0;
  while (i < rest.length) {
    while (rest[i] === " " || rest[i] === "\t") i++;
    if (i >= rest.length) break;
    let arg = "";
    if (rest[i] === '"' || rest[i] === "'") {
      const q = rest[i++];
      while (i < rest.length && rest[i] !== q) {
        if (rest[i] === "\\" && i + 1 < rest.length) {
          arg += unescapeC(rest[++i]);
          i++;
        } else arg += rest[i++];
      }
      i++;
    } else {
      while (i < rest.length && rest[i] !== " " && rest[i] !== "\t") {
        if (rest[i] === "\\" && i + 1 < rest.length) {
          arg += unescapeC(rest[++i]);
          i++;
        } else arg += rest[i++];
      }
    }
    args.push(arg.replace(/%%/g, "%").replace(/\$\$/g, "$"));
  }
  return args;
}

function unescapeC(c: string): string {
  return ({ n: "\n", t: "\t", r: "\r" } as Record<string, string>)[c] ?? c;
}
