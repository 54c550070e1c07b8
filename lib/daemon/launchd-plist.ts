/**
 * The macOS LaunchAgent property list, rendered by a pure function. Every
 * string goes through XML escaping, so paths and values with `&`, `<` or
 * quotes stay intact. RunAtLoad starts the gateway at login, KeepAlive
 * restarts it when it exits, ThrottleInterval spaces restarts out.
 */
import type { ServiceSpec } from "./spec.ts";
import { digestLine } from "./digest.ts";

/** Seconds launchd waits between restarts of a gateway that keeps exiting. */
export const THROTTLE_SECONDS = 10;

export function renderLaunchAgentPlist(spec: ServiceSpec, label: string): string {
  const env = spec.env.map(([k, v]) =>
    `      <key>${xml(k)}</key>\n      <string>${xml(v)}</string>`
  );
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    "<!-- Written by `openclaw daemon install`. To change it, run that command again;",
    "     hand edits are kept unless you agree to replace them. -->",
    '<plist version="1.0">',
    "  <dict>",
    "    <key>Label</key>",
    `    <string>${xml(label)}</string>`,
    "    <key>Comment</key>",
    `    <string>${xml(spec.description)}</string>`,
    "    <key>ProgramArguments</key>",
    "    <array>",
    ...spec.argv.map((a) => `      <string>${xml(a)}</string>`),
    "    </array>",
    "    <key>EnvironmentVariables</key>",
    "    <dict>",
    ...env,
    "    </dict>",
    "    <key>RunAtLoad</key>",
    "    <true/>",
    "    <key>KeepAlive</key>",
    "    <true/>",
    "    <key>ThrottleInterval</key>",
    `    <integer>${THROTTLE_SECONDS}</integer>`,
    "    <key>StandardOutPath</key>",
    `    <string>${xml(spec.stdoutLog)}</string>`,
    "    <key>StandardErrorPath</key>",
    `    <string>${xml(spec.stderrLog)}</string>`,
    "  </dict>",
    "</plist>",
    "",
  ].join("\n");
  const lines = body.split("\n");
  lines.splice(4, 0, digestLine(body, (t) => `<!-- ${t} -->`));
  return lines.join("\n");
}

/** Escape text for an XML element; control characters other than tab cannot appear in XML 1.0. */
export function xml(text: string): string {
  // deno-lint-ignore no-control-regex -- control characters are exactly what is refused
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) || /[\n\r]/.test(text)) {
    throw new Error(
      `Cannot put ${JSON.stringify(text)} in a property list: it contains a line break or ` +
        "control character. Move openclaw (or the state folder) to a path without one.",
    );
  }
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** ProgramArguments read back from a plist, for `daemon status`. */
export function parseProgramArguments(plistText: string): string[] | undefined {
  const m = plistText.match(/<key>ProgramArguments<\/key>\s*<array>([\s\S]*?)<\/array>/);
  if (!m) return undefined;
  return [...m[1].matchAll(/<string>([\s\S]*?)<\/string>/g)].map((s) => unxml(s[1]));
}

function unxml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'").replace(
      /&#(x?)([0-9a-fA-F]+);/g,
      (_, x, n) => String.fromCodePoint(parseInt(n, x ? 16 : 10)),
    )
    .replace(/&amp;/g, "&");
}
