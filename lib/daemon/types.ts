/**
 * Results of service operations, shared by systemd and launchd, so the CLI
 * and onboarding print (or serialise to --json) one shape.
 */

export type ManagerKind = "systemd" | "launchd";

/** How the service file on disk compares to what openclaw would write now. */
export type FileChange = "new" | "same" | "update" | "edited";

export interface PreparedFile {
  path: string;
  /** What openclaw would write. */
  text: string;
  /** What is there now, if anything. */
  current?: string;
  change: FileChange;
  /** For "edited": the difference, `-` now / `+` would be. */
  diff?: string;
}

export interface ActionOutcome {
  manager: ManagerKind;
  /** What was done, one line each, in order. */
  steps: string[];
  /** Done, but something needs the user's attention (linger refused, …). */
  warnings: string[];
}

export interface InstallOutcome extends ActionOutcome {
  file: string;
  change: FileChange;
  /** A hand-edited file that was replaced is kept here. */
  backup?: string;
  linger?: LingerOutcome;
}

export type LingerOutcome =
  | "already"
  | "enabled"
  | "enabled-with-sudo"
  | "refused"
  | "unavailable";

export interface LastExit {
  /** Exit status, when the process exited. */
  code?: number;
  /** Signal name or number, when it was killed. */
  signal?: string;
  at?: string;
}

export interface ServiceStatus {
  manager: ManagerKind;
  name: string;
  file: string;
  installed: boolean;
  /** Starts at login/boot. Undefined when the service manager could not be asked. */
  enabled?: boolean;
  running?: boolean;
  pid?: number;
  /** The manager's own words for the state (e.g. "active (running)"). */
  state?: string;
  /** The command line in the installed file. */
  command?: string[];
  lastExit?: LastExit;
  /** Times the service manager restarted it after it stopped (systemd). */
  restarts?: number;
  port: number;
  gateway: { answers: boolean; detail: string };
  /** Why enabled/running are unknown (no systemd user bus, …). */
  problem?: string;
  /** With a problem: what to do instead of installing the service (lines). */
  remedy?: string[];
}
