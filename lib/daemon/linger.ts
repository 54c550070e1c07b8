/**
 * Lingering keeps a user's systemd services running after they log out (and
 * starts them at boot). `loginctl enable-linger <user>` is tried as the user
 * first; where that is refused, we say why sudo is needed and try it with
 * sudo: it writes /var/lib/systemd/linger/<user>, which only root may do.
 * A refusal is a warning, not a failure: the service works while logged in.
 */
import type { DaemonContext } from "./context.ts";
import { runTool, shellJoin } from "./tool.ts";
import type { LingerOutcome } from "./types.ts";

export interface LingerResult {
  outcome: LingerOutcome;
  step?: string;
  warning?: string;
}

export const LINGER_WHY =
  "so the gateway keeps running after you log out and starts at boot, systemd needs " +
  "lingering for your user; turning it on writes /var/lib/systemd/linger/<user>, which " +
  "needs administrator rights (sudo).";

export async function ensureLinger(ctx: DaemonContext): Promise<LingerResult> {
  const { host, user } = ctx;
  const manual = shellJoin(["sudo", "loginctl", "enable-linger", user]);
  const shown = await runTool(host, "loginctl", [
    "show-user",
    user,
    "--property=Linger",
    "--value",
  ]);
  if (shown.code === 127) {
    return {
      outcome: "unavailable",
      warning: "loginctl was not found, so lingering could not be checked: the gateway may " +
        `stop when you log out. To keep it running: ${manual}`,
    };
  }
  if (shown.code === 0 && shown.stdout.trim() === "yes") {
    return { outcome: "already", step: `Lingering is already on for ${user}` };
  }
  const plain = await runTool(host, "loginctl", ["enable-linger", user]);
  if (plain.code === 0) {
    return { outcome: "enabled", step: `Turned lingering on for ${user} (loginctl enable-linger)` };
  }
  const said = (plain.stderr || plain.stdout).trim().split("\n")[0];
  if (!await host.which("sudo")) {
    return {
      outcome: "refused",
      warning: `loginctl enable-linger was refused (${said}) and sudo is not available. ` +
        `The gateway will stop when you log out. As root, run: loginctl enable-linger ${user}`,
    };
  }
  ctx.say(
    `loginctl enable-linger ${user} was refused (${said}).\n` +
      `Trying with sudo: ${LINGER_WHY.replace("<user>", user)}\n` +
      (ctx.interactive ? `Running: ${manual} (sudo may ask for your password)\n` : ""),
  );
  const viaSudo = ctx.interactive
    ? await runTool(host, "sudo", ["loginctl", "enable-linger", user], { interactive: true })
    : await runTool(host, "sudo", ["-n", "loginctl", "enable-linger", user]);
  if (viaSudo.code === 0) {
    return {
      outcome: "enabled-with-sudo",
      step: `Turned lingering on for ${user} (sudo loginctl enable-linger)`,
    };
  }
  const sudoSaid = (viaSudo.stderr || viaSudo.stdout).trim().split("\n")[0];
  return {
    outcome: "refused",
    warning: `Lingering could not be turned on${sudoSaid ? ` (sudo: ${sudoSaid})` : ""}. ` +
      `The gateway runs while you are logged in but stops when you log out. ` +
      `To keep it running, run: ${manual}`,
  };
}
