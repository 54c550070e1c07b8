/**
 * Whether this machine lets an unprivileged test make a network namespace (`unshare -rn`):
 * not on macOS, nor where user namespaces are off or restricted (e.g. Ubuntu 24.04's AppArmor
 * default). Tests that need one skip themselves otherwise.
 */
export const canUnshareNet: boolean = Deno.build.os === "linux" &&
  new Deno.Command("sh", { args: ["-c", "unshare -rn true"], stderr: "null" }).outputSync()
    .success;
