/**
 * Shell commands in the workspace, governed by `tools.exec`:
 * - "off": the tool is not offered at all;
 * - "ask" (default): the command is held, and the owner approves it in the
 *   chat with /approve (or drops it with /deny) — see approvals.ts;
 * - "on": it runs at once.
 * A command runs with `sh -c` in the workspace folder, is stopped after
 * `tools.execTimeoutSeconds`, and the model sees at most
 * `tools.execMaxOutputChars` of what it printed. It is not a sandbox: it runs
 * as the gateway's user.
 */
import type { Host } from "../../host.ts";
import type { OpenclawConfig } from "../../config/schema.ts";
import { DEFAULT_EXEC_MODE } from "../../config/schema.ts";
import { type AgentTool, stringArg } from "./types.ts";
import { workspaceRoot } from "./workspace.ts";

export const DEFAULT_EXEC_TIMEOUT_SECONDS = 30;
export const DEFAULT_EXEC_MAX_OUTPUT_CHARS = 16_000;
/** How `sh` reports a child stopped by SIGTERM (128 + 15): our timeout. */
const TERMINATED = 143;

export type ExecMode = "off" | "ask" | "on";

export interface ExecSettings {
  mode: ExecMode;
  timeoutMs: number;
  maxOutputChars: number;
}

export function execSettings(config: OpenclawConfig): ExecSettings {
  const t = config.tools;
  return {
    // The public CLI's tools.exec is a section, not a mode: this program then uses its default.
    mode: typeof t?.exec === "string" ? t.exec : DEFAULT_EXEC_MODE,
    timeoutMs: (t?.execTimeoutSeconds ?? DEFAULT_EXEC_TIMEOUT_SECONDS) * 1000,
    maxOutputChars: t?.execMaxOutputChars ?? DEFAULT_EXEC_MAX_OUTPUT_CHARS,
  };
}

/**
 * How long past its deadline a command may take to hand back its output. The
 * host stops the shell at the deadline, but a program it put in the
 * background can keep the output open; the turn must not wait for it.
 */
const EXEC_GRACE_MS = 2000;

/** Run one command in the workspace; the text is what the model (or the owner) reads. */
export async function runInWorkspace(
  host: Host,
  workspace: string,
  command: string,
  settings: ExecSettings,
): Promise<string> {
  const cwd = await workspaceRoot(workspace);
  const run = host.run("sh", ["-c", command], { cwd, timeoutMs: settings.timeoutMs });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(
      () => resolve("late"),
      settings.timeoutMs + Math.min(EXEC_GRACE_MS, settings.timeoutMs),
    );
  });
  const r = await Promise.race([run, late]).finally(() => clearTimeout(timer));
  if (r === "late") {
    run.catch(() => {}); // it may still fail later; nobody is listening any more
    return `stopped after ${settings.timeoutMs / 1000} s (tools.execTimeoutSeconds); ` +
      "a program it started in the background still holds its output, which is not shown.";
  }
  const output = capOutput(joinOutput(r.stdout, r.stderr), settings.maxOutputChars);
  const status = r.code === TERMINATED
    ? `stopped after ${settings.timeoutMs / 1000} s (tools.execTimeoutSeconds)`
    : `exit code ${r.code}`;
  return `${status}\n${output}`;
}

/** The exec tool for this turn, or none when exec is off. */
export function execTool(
  host: Host,
  workspace: string,
  settings: ExecSettings,
  hold: (command: string) => void,
): AgentTool[] {
  if (settings.mode === "off") return [];
  return [{
    name: "exec",
    description: "Run a shell command (sh -c) in the workspace folder. " +
      (settings.mode === "ask"
        ? "Each command waits for your human's approval (they reply /approve) before it runs."
        : `Stopped after ${settings.timeoutMs / 1000} s; long output is cut.`),
    parameters: {
      type: "object",
      properties: { command: { type: "string" } },
      required: ["command"],
      additionalProperties: false,
    },
    execute(args) {
      const command = stringArg(args, "command");
      if (settings.mode === "ask") {
        hold(command);
        return Promise.resolve(
          "Not run yet: commands need your human's approval here (tools.exec is ask). " +
            "Tell them what the command does; they run it by replying /approve, or drop it " +
            "with /deny.",
        );
      }
      return runInWorkspace(host, workspace, command, settings);
    },
  }];
}

function joinOutput(stdout: string, stderr: string): string {
  if (stderr.trim() === "") return stdout;
  if (stdout.trim() === "") return stderr;
  return `${stdout}\n[stderr]\n${stderr}`;
}

export function capOutput(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n[… output cut: ${text.length - max} more characters]`;
}
