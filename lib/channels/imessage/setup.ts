/**
 * iMessage (legacy; BlueBubbles is recommended): the `imsg` CLI and read
 * access to the Messages database. macOS guards chat.db behind Full Disk
 * Access, so an unreadable database gets the steps to grant it; the setup is
 * kept (access can be granted afterwards).
 */
import { absolute } from "../../config/paths.ts";
import { type ChannelPlan, channelQuestions, type ChannelSetupContext } from "../context.ts";
import { askDmAccess } from "../dm-access.ts";
import type { Host } from "../../host.ts";
import { cli } from "../../platform/invocation.ts";

export function defaultMessagesDb(home: string): string {
  return `${home}/Library/Messages/chat.db`;
}

export const FULL_DISK_ACCESS_HELP = [
  "macOS keeps the Messages database behind Full Disk Access. To grant it:",
  "  System Settings → Privacy & Security → Full Disk Access → + → add the app that runs",
  "  openclaw (your terminal now; the gateway's binary for the service), then restart it.",
].join("\n");

/** Is the file there and readable by us? Returns the problem in words, or undefined. */
export async function messagesDbProblem(path: string, host: Host): Promise<string | undefined> {
  try {
    const f = await Deno.open(path, { read: true });
    f.close();
    return undefined;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      return host.platform === "darwin"
        ? `${path} does not exist (has Messages been signed in on this Mac?)`
        : `${path} does not exist: iMessage needs macOS with Messages signed in`;
    }
    if (err instanceof Deno.errors.PermissionDenied) {
      return `${path} is not readable (permission denied)`;
    }
    return `${path} cannot be read: ${(err as Error).message}`;
  }
}

function executableProblem(path: string): string | undefined {
  try {
    const info = Deno.statSync(path);
    if (!info.isFile) return `${path} is not a file.`;
    if (((info.mode ?? 0o755) & 0o111) === 0) return `${path} is not executable (chmod +x it).`;
    return undefined;
  } catch {
    return `${path} does not exist. Install imsg (brew install steipete/tap/imsg) or give its path.`;
  }
}

export async function setupIMessage(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "imessage");
  const onPath = await ctx.host.which("imsg");
  const cliPath = absolute(
    await q.text("cliPath", {
      message: "Path of the imsg CLI",
      initialValue: q.current("cliPath") ?? onPath,
      required: (q.current("cliPath") ?? onPath) === undefined,
      validate: (
        v,
      ) => (v.trim() === "" ? "Enter the path of imsg." : executableProblem(absolute(v, ctx.host))),
    }),
    ctx.host,
  );
  const dbPath = absolute(
    await q.text("dbPath", {
      message: "Messages database",
      initialValue: q.current("dbPath") ?? defaultMessagesDb(ctx.host.home),
      validate: (v) => (v.trim() === "" ? "Enter the path of chat.db." : undefined),
    }),
    ctx.host,
  );
  const problem = await messagesDbProblem(dbPath, ctx.host);
  if (problem) {
    await ctx.warn(
      `iMessage: ${problem}.` +
        (ctx.host.platform === "darwin" ? `\n${FULL_DISK_ACCESS_HELP}` : ""),
    );
  }
  const dm = await askDmAccess(ctx, "imessage", {
    idHint: "phone numbers (+1555…) or Apple ID emails",
  });
  return {
    configEdits: [...q.enable({ cliPath, dbPath }), ...dm],
    nextSteps: problem
      ? [`iMessage: grant Full Disk Access (see above), then run \`${cli("status --deep")}\`.`]
      : [],
  };
}
